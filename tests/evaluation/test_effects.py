"""Effects, bootstrap, balance, outcomes and publication, each against numbers worked out by hand."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from levensfase.evaluation import INSUFFICIENT, Evaluation, GroupEvaluation, evaluation_json
from levensfase.evaluation.effects import HELPS, OutcomeEffect, absence_effect, exit_effect
from levensfase.evaluation.estimate import balance, bootstrap_weights, hazard_ratio, km_risk
from levensfase.evaluation.evaluate import evaluate, evaluate_group, first_starts
from levensfase.evaluation.matching import months_of
from levensfase.evaluation.outcomes import absence_outcome, exit_outcome
from levensfase.evaluation.panel import panel
from levensfase.evaluation.propensity import Design, design
from support.handbuilt_evaluation import AS_OF, CODE, evaluation_workforce, hand_follow


def _arms():
    # 20 pairs. Participants: 2 exits on day 100, 18 followed 730 days. Matches: 4 exits on day 200.
    t = (np.array([100.0] * 2 + [730.0] * 18), np.array([1.0] * 2 + [0.0] * 18))
    c = (np.array([200.0] * 4 + [730.0] * 16), np.array([1.0] * 4 + [0.0] * 16))
    return t, c


def test_hazard_ratio_and_risk_differences_by_hand():
    t, c = _arms()
    # rates: 2 / (2·100 + 18·730) = 2 / 13340 and 4 / (4·200 + 16·730) = 4 / 12480
    assert hazard_ratio(*t, *c) == pytest.approx((2 / 13340) / (4 / 12480))
    assert km_risk(*t, at=365) == pytest.approx(0.1)  # 2 of 20 at risk on day 100
    assert km_risk(*c, at=365) == pytest.approx(0.2)
    assert km_risk(*c, at=150) == 0.0
    effect = exit_effect(t, c, None, replicates=200, seed=3)
    assert effect.ratio == pytest.approx(0.4677661)
    assert effect.effect == pytest.approx(-10.0)  # percentage points after one year
    assert effect.extra["risk_difference_2y"] == pytest.approx(-10.0)


def test_km_with_censoring_before_an_exit():
    # times 1 (exit), 2 (censored), 3 (exit), 4 (censored): S(3) = (3/4)·(1/2) = 0.375
    assert km_risk(np.array([1.0, 2, 3, 4]), np.array([1.0, 0, 1, 0]), at=3) == pytest.approx(0.625)


def test_bootstrap_is_seeded_and_resamples_pairs():
    days = np.arange(40, dtype=float) * 17 + 30  # 30, 47, … 693: every pair its own time
    t = (days, (np.arange(40) % 4 == 0).astype(float))
    c = (days[::-1].copy(), (np.arange(40) % 3 == 0).astype(float))
    first = exit_effect(t, c, None, replicates=300, seed=11)
    again = exit_effect(t, c, None, replicates=300, seed=11)
    other = exit_effect(t, c, None, replicates=300, seed=12)
    assert (first.ci_low, first.ci_high) == (again.ci_low, again.ci_high)
    assert (first.ci_low, first.ci_high) != (other.ci_low, other.ci_high)
    # the first replicate, recomputed from the same draw with a plain loop over resampled pairs
    weights = next(bootstrap_weights(40, replicates=1, seed=11))[0]
    picked = np.repeat(np.arange(40), weights.astype(int))
    by_hand = (t[1][picked].sum() / t[0][picked].sum()) / (c[1][picked].sum() / c[0][picked].sum())
    assert hazard_ratio(*t, *c, weights[None, :])[0] == pytest.approx(by_hand)
    assert weights.sum() == 40


def test_balance_table_by_hand():
    matrix = np.array([[1, 1], [2, 0], [3, 1], [2, 0], [4, 0]], dtype=float)
    table = balance(Design(("x", "b"), matrix, (False, True)), treated_all=np.array([0, 1, 2]),
                    risk_rows=np.array([3, 4]), matched_t=np.array([0, 1]), matched_c=np.array([3, 3]))
    rows = {r["covariate"]: r for r in table.iter_rows(named=True)}
    # x: treated 1, 2, 3 (mean 2, s² 1) vs 2, 4 (mean 3, s² 2) → −1 / √1.5
    assert rows["x"]["smd_before"] == pytest.approx(-1 / np.sqrt(1.5))
    # b: 2/3 vs 0 → (2/3) / √((2/9 + 0) / 2) = 2
    assert rows["b"]["smd_before"] == pytest.approx(2.0)
    # after: x 1, 2 (mean 1.5, s² 0.5) vs 2, 2 (s² 0) → −0.5 / √0.25 = −1; b ½ vs 0 → 0.5 / √(0.125)
    assert rows["x"]["smd_after"] == pytest.approx(-1.0)
    assert rows["b"]["smd_after"] == pytest.approx(0.5 / np.sqrt(0.125))
    assert rows["x"]["flagged"] and rows["b"]["flagged"]


def test_outcomes_on_the_hand_built_organisation():
    workforce = evaluation_workforce()
    follow = hand_follow()
    exits = exit_outcome(workforce, follow, as_of=AS_OF)
    # T2 leaves (voluntary) after 31 Dec 2023: 287 days; C2 after 30 Sept: 195; C4 censored on 1 Sept
    # (170 days); C1 and T1 stay: censored at the analysis date, 658 days after 15 March 2023.
    assert exits.get_column("time").to_list() == [287.0, 195.0, 170.0, 658.0, 658.0]
    assert exits.get_column("event").to_list() == [True, True, False, False, False]
    absence = absence_outcome(workforce, follow, as_of=AS_OF)
    t1 = absence.filter(pl.col("id") == 4).row(0, named=True)
    assert (t1["sick_fte"], t1["employed_fte"]) == (20.0, 365.0)  # sick 1-20 April 2023
    c4 = absence.filter(pl.col("id") == 2).row(0, named=True)
    assert c4["employed_fte"] == pytest.approx(170 * 0.5)  # 15 March .. 31 August
    t2 = absence.filter(pl.col("id") == 0).row(0, named=True)
    assert t2["employed_fte"] == pytest.approx(287 * 0.8)  # until the exit on 31 December


def test_too_few_pairs_give_no_number():
    workforce = evaluation_workforce()
    starts = first_starts(workforce.arrangements, [CODE], as_of=AS_OF)
    frame = panel(workforce, snapshots=months_of(starts))
    group = evaluate_group(workforce, frame, design(frame), starts, code=CODE, bundle="development", as_of=AS_OF)
    assert group.n_treated == 5
    assert all(o.verdict == INSUFFICIENT and o.effect is None and o.ci_low is None for o in group.outcomes)
    result = evaluate(workforce, as_of=AS_OF, arrangement=CODE, replicates=50)
    rows = evaluation_json(result)["rows"]
    assert [r["outcome"] for r in rows] == ["influenceable_exit", "wai_change", "absence_pct"]
    assert all(r["verdict"] == INSUFFICIENT and r["effect"] is None for r in rows)


def test_absence_effect_interval_and_verdict():
    sick_t = np.array([1.0] * 30)
    sick_c = np.array([10.0] * 30)
    days = np.array([100.0] * 30)
    result = absence_effect((sick_t, days), (sick_c, days), None, replicates=100, seed=1)
    assert result.effect == pytest.approx(-9.0)  # 1% − 10%
    assert (result.ci_low, result.ci_high, result.verdict) == (pytest.approx(-9.0), pytest.approx(-9.0), HELPS)


def _group(code: str, n_treated: int, pairs: int) -> GroupEvaluation:
    effect = OutcomeEffect(outcome="influenceable_exit", verdict=HELPS, n_pairs=pairs, effect=-3.0, ratio=0.7,
                           ci_low=0.5, ci_high=0.9, naive_effect=-6.0)
    table = pl.DataFrame({"covariate": ["fte"], "smd_before": [0.3], "smd_after": [0.05], "flagged": [False]})
    return GroupEvaluation(code=code, bundle="development", n_treated=n_treated, n_matched=pairs, caliper=0.1,
                           balance=table, outcomes=(effect,))


def test_published_rows_pass_the_privacy_engine():
    evaluation = Evaluation(as_of=AS_OF, k=5, replicates=10, seed=0,
                            groups=(_group("coaching", 40, 30), _group("mentoring", 4, 4), _group("sabbatical", 9, 3)))
    data = evaluation_json(evaluation)
    assert list(data) == ["as_of", "k", "outcomes", "rows"]
    assert data["as_of"] == "2024-12-31" and data["k"] == 5
    shown, small, few = data["rows"]
    assert list(shown) == ["arrangement", "bundle", "outcome", "verdict", "effect", "ratio", "ci_low", "ci_high",
                           "n_treated", "n_matched", "max_smd", "naive_effect", "suppressed"]
    assert (shown["ratio"], shown["max_smd"], shown["suppressed"]) == (0.7, 0.05, False)
    assert small["suppressed"] and small["effect"] is None and small["n_treated"] is None
    assert few["suppressed"] and few["ratio"] is None  # 9 took it up, but only 3 matched pairs carry it
