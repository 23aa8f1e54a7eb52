"""Risk-set matching on the hand-built organisation (tests/support/handbuilt_evaluation.py)."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from levensfase.evaluation.evaluate import first_starts
from levensfase.evaluation.matching import match, months_of, pair_up, risk_sets
from levensfase.evaluation.panel import panel
from levensfase.evaluation.propensity import design, fit_logistic
from support.handbuilt_evaluation import AS_OF, CODE, RISK_SETS, evaluation_workforce


@pytest.fixture(scope="module")
def setting():
    workforce = evaluation_workforce()
    starts = first_starts(workforce.arrangements, [CODE], as_of=AS_OF)
    return workforce, starts, panel(workforce, snapshots=months_of(starts))


def test_risk_sets_are_those_worked_out_by_hand(setting):
    _, starts, frame = setting
    found = risk_sets(frame, starts).group_by("treated_id").agg(pl.col("candidate_id"))
    assert {r["treated_id"]: set(r["candidate_id"]) for r in found.iter_rows(named=True)} == RISK_SETS


def test_panel_reads_covariates_on_the_snapshot_day(setting):
    _, _, frame = setting
    c1 = frame.filter((pl.col("person_id") == "C1") & (pl.col("snapshot") == pl.date(2023, 3, 1))).row(0, named=True)
    # C1 was sick 1-10 June 2022: 10 of the 365 days before 1 March 2023; U1 holds T1, T2, T3 and C1
    assert c1["prior_absence_pct"] == pytest.approx(10 / 365 * 100)
    assert (c1["unit_size"], c1["tenure_band"], c1["job_family"], c1["grade"], c1["fte"]) == (4.0, "10+", "zorg", 40.0, 0.6)
    assert frame.filter(pl.col("person_id") == "C9").get_column("snapshot").min().isoformat() == "2023-04-01"


def test_nearest_within_the_caliper_on_given_logits(setting):
    _, starts, frame = setting
    logit = frame.get_column("fte").to_numpy()  # the score is the FTE itself: pairs follow by hand
    pairs = pair_up(frame, starts, logit=logit, caliper=0.05)
    got = dict(zip(pairs.get_column("treated_id").to_list(), pairs.get_column("control_id").to_list(), strict=True))
    # T1 (1.0) → C3 (1.0); T2 (0.8) → C2 (0.8); T3 (0.9): C2 and C3 are 0.1 away → none within 0.05;
    # C4 (0.5): C1 is 0.1 away → none; C5 (1.0): C3, C6, T1 all at 0.0 → the first by id, C3.
    assert got == {"T1": "C3", "T2": "C2", "T3": None, "C4": None, "C5": "C3"}
    wider = pair_up(frame, starts, logit=logit, caliper=0.15)
    assert wider.filter(pl.col("treated_id") == "C4").get_column("control_id").to_list() == ["C1"]


def test_fitted_match_is_the_nearest_member_of_the_risk_set(setting):
    _, starts, frame = setting
    matrix = design(frame)
    matched = match(frame, matrix, starts, seed=1)
    logit = matched.coefficients[0] + matrix.matrix @ matched.coefficients[1:]
    rows = frame.with_row_index("row")
    candidates = risk_sets(frame, starts)
    for pair in matched.pairs.iter_rows(named=True):
        month = pair["month"]
        own = logit[pair["t_row"]]
        members = candidates.filter(pl.col("treated_id") == pair["treated_id"]).get_column("candidate_id").to_list()
        at = rows.filter(pl.col("person_id").is_in(members) & (pl.col("snapshot") == month))
        gaps = {p: abs(logit[r] - own) for p, r in zip(at["person_id"], at["row"], strict=True)}
        inside = {p: g for p, g in gaps.items() if g <= matched.caliper}
        if not inside:
            assert pair["control_id"] is None
        else:
            assert gaps[pair["control_id"]] == pytest.approx(min(inside.values()), abs=1e-9)
    assert matched.n_treated == 5


def test_logistic_regression_reproduces_the_log_odds_ratio():
    # x = 0: 2 of 10 start; x = 1: 6 of 10 → intercept log(2/8), slope log(6/4) − log(2/8)
    x = np.array([[0.0]] * 10 + [[1.0]] * 10)
    y = np.array([1, 1] + [0] * 8 + [1] * 6 + [0] * 4, dtype=float)
    beta = fit_logistic(x, y, ridge=0.0)
    assert beta[0] == pytest.approx(np.log(2 / 8), abs=1e-9)
    assert beta[1] == pytest.approx(np.log(6 / 4) - np.log(2 / 8), abs=1e-9)


def test_logistic_regression_solves_the_score_equations():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(400, 3))
    y = (rng.random(400) < 1 / (1 + np.exp(-(0.3 + x @ [1.0, -0.5, 0.0])))).astype(float)
    beta = fit_logistic(x, y, ridge=0.0)
    p = 1 / (1 + np.exp(-(beta[0] + x @ beta[1:])))
    z = np.column_stack([np.ones(400), x])
    assert np.abs(z.T @ (y - p)).max() < 1e-8


def test_participants_before_the_window_are_neither_matched_nor_candidates(setting):
    _, starts, frame = setting
    matrix = design(frame)
    matched = match(frame, matrix, starts, seed=1, since=date(2023, 1, 1))
    assert sorted(matched.pairs.get_column("treated_id").to_list()) == ["C4", "T1", "T2", "T3"]
    assert "C5" not in matched.pairs.get_column("control_id").drop_nulls().to_list()
    assert matched.n_treated == 4
