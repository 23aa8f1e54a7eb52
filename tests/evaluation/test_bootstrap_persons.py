"""The bootstrap resamples persons, and a pair is censored when its comparison person takes it up.

Matching is with replacement, so one comparison person can serve several participants and a
participant can have been someone's comparison before their own start: those pairs are not
independent, and resampling pairs as if they were made the intervals too narrow (issue 18: 14%
false claims with nothing planted).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from levensfase.evaluation.effects import exit_effect
from levensfase.evaluation.estimate import bootstrap_weights, cluster_weights, hazard_ratio
from levensfase.evaluation.evaluate import _arms


def test_a_person_weighs_the_same_in_every_pair_and_role():
    # persons sorted: A B C X → treated A B C = 0 1 2, comparisons X X A = 3 3 0
    (wt, wc), = cluster_weights(np.array(["A", "B", "C"]), np.array(["X", "X", "A"]), 3, replicates=5, seed=4)
    drawn = next(bootstrap_weights(4, replicates=5, seed=4))
    assert wt.tolist() == drawn[:, [0, 1, 2]].tolist()
    assert wc.tolist() == drawn[:, [3, 3, 0]].tolist()
    assert (drawn.sum(axis=1) == 4).all()


def test_without_persons_it_is_the_pairs_bootstrap():
    (wt, wc), = cluster_weights(None, None, 6, replicates=3, seed=2)
    assert wt is wc and wt.tolist() == next(bootstrap_weights(6, replicates=3, seed=2)).tolist()


def test_a_shared_comparison_widens_the_interval():
    # 40 participants, each their own person; against 40 distinct comparisons, or against 10
    # comparison persons, each serving 2 to 6 participants (the 5 who leave serve all the pairs with
    # a comparison exit): the same point estimate, a wider interval.
    days = np.arange(40, dtype=float) * 17 + 30
    t = (days, (np.arange(40) % 4 == 0).astype(float))
    c = (days[::-1].copy(), (np.arange(40) % 3 == 0).astype(float))
    treated = np.array([f"T{i}" for i in range(40)])
    distinct = exit_effect(t, c, None, replicates=400, seed=5, persons=(treated, np.array([f"C{i}" for i in range(40)])))
    shared = exit_effect(t, c, None, replicates=400, seed=5, persons=(treated, np.array([
        f"{'E' if c[1][i] else 'N'}{i % 5}" for i in range(40)])))
    assert distinct.ratio == shared.ratio == pytest.approx(hazard_ratio(*t, *c))
    assert shared.ci_high - shared.ci_low > 1.2 * (distinct.ci_high - distinct.ci_low)


def test_the_participant_is_censored_with_its_comparison():
    pairs = pl.DataFrame({
        "treated_id": ["T1", "T2"], "start": [date(2023, 3, 1), date(2023, 3, 1)], "t_row": [0, 1],
        "control_id": ["C1", "C2"], "c_row": [2, 3], "control_start": [date(2023, 9, 1), None],
        "naive_id": ["N1", "N2"], "n_row": [2, 3], "naive_start": [None, date(2024, 1, 1)]},
        schema_overrides={"control_start": pl.Date, "naive_start": pl.Date})
    frame = pl.DataFrame({"fte": [1.0, 0.8, 0.6, 0.5]})
    arms = _arms(frame, pairs)
    assert arms["t"].get_column("stop").to_list() == [date(2023, 9, 1), None]  # C1 took it up on 1 September
    assert arms["c"].get_column("stop").to_list() == [date(2023, 9, 1), None]
    assert arms["tn"].get_column("stop").to_list() == [None, date(2024, 1, 1)]  # the naive pairs likewise
    assert arms["n"].get_column("fte").to_list() == [0.6, 0.5]
