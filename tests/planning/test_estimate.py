"""Estimation on a hand-built history: every count and probability below is worked out by hand.

Fit window: one year, 2024-01-01 → 2025-01-01, states = age band × job family.
  P1-P4  born 1982-06-01 (projected AOW date 2050-06-01), job J1 (family A) all year             → stay "40-44 | A"
  P5     J1 until 2024-06-30, then J2 (family B) from 2024-07-01  → move to "40-44 | B"
  P6     J1 until 2024-05-31, voluntary                          → exit voluntary
  P7     born 1957-06-01 (AOW date 2024-06-01, 67 y), J1 until 2024-05-31, retirement
         → y on 2024-01-01 = 0 (152 days to AOW); state "65-69 | A"
  P8     born 1982-06-01, J2 from 2024-03-01                      → a recruit, "40-44 | B" on 2025-01-01
"""

from datetime import date

import polars as pl
import pytest

from levensfase.model.workforce import Workforce
from levensfase.planning.estimate import EXIT_REASONS, estimate
from levensfase.planning.states import StateSpace

D = date


def hand_built() -> Workforce:
    people = [(f"P{i}", D(1982, 6, 1)) for i in range(1, 9)]
    people[6] = ("P7", D(1957, 6, 1))
    rows = [(f"P{i}", D(2020, 1, 1), None, "J1", None) for i in range(1, 5)]
    rows += [("P5", D(2020, 1, 1), D(2024, 6, 30), "J1", None), ("P5", D(2024, 7, 1), None, "J2", None),
             ("P6", D(2020, 1, 1), D(2024, 5, 31), "J1", "voluntary"),
             ("P7", D(2000, 1, 1), D(2024, 5, 31), "J1", "retirement"),
             ("P8", D(2024, 3, 1), None, "J2", None)]
    return Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U"], "name": ["Unit"]}),
        "jobs": pl.DataFrame({"job_id": ["J1", "J2"], "title": ["a", "b"], "job_family": ["A", "B"],
                              "work_demand": ["mixed", "mixed"], "grade": [40, 50]}),
        "people": pl.DataFrame({"person_id": [p for p, _ in people], "birth_date": [b for _, b in people]}),
        "assignments": pl.DataFrame({
            "person_id": [r[0] for r in rows], "start_date": [r[1] for r in rows], "end_date": [r[2] for r in rows],
            "unit_id": ["U"] * len(rows), "job_id": [r[3] for r in rows], "fte": [0.8] * len(rows),
            "end_reason": [r[4] for r in rows]}),
    })


SPACE = StateSpace(axis="age_band")


def test_counts_and_probabilities_by_hand():
    fit = estimate(hand_built(), as_of=D(2025, 1, 1), fit_years=1, space=SPACE, min_observations=1)
    assert fit.observation_days == (D(2024, 1, 1), D(2025, 1, 1))
    a = fit.states.index("40-44 | A")
    b = fit.states.index("40-44 | B")
    old = fit.states.index("65-69 | A")
    assert fit.observations[a] == 6 and fit.retirements[a] == 0
    assert fit.q[a, a] == pytest.approx(4 / 6)
    assert fit.q[a, b] == pytest.approx(1 / 6)
    vol = len(fit.states) + EXIT_REASONS.index("voluntary")
    assert fit.q[a, vol] == pytest.approx(1 / 6)
    assert fit.pooled[a] == "own"
    # P7 only retired: no non-retiree observation, so the row borrows the organisation's exits
    assert fit.observations[old] == 1 and fit.retirements[old] == 1 and fit.pooled[old] == "all"
    assert fit.q[old, vol] == pytest.approx(1 / 6) and fit.q[old, old] == pytest.approx(5 / 6)
    table = fit.transitions()
    row = table.filter((pl.col("state") == "40-44 | A") & (pl.col("outcome") == "40-44 | B"))
    assert row.get_column("count").item() == 1


def test_retirement_by_years_to_aow_and_recruits():
    fit = estimate(hand_built(), as_of=D(2025, 1, 1), fit_years=1, space=SPACE, min_observations=1)
    r = fit.retirement.filter(pl.col("y") == 0)
    assert r.get_column("observations").item() == 1 and r.get_column("retirements").item() == 1
    assert r.get_column("rate").item() == 1.0
    # born 1982: projected AOW date 2050-06-01 (68 y) → 26 whole years to go on 2024-01-01, none retire
    far = fit.retirement.filter(pl.col("y") == 26)
    assert far.get_column("observations").item() == 6 and far.get_column("rate").item() == 0.0
    assert fit.recruits_per_year == 1.0
    b = fit.states.index("40-44 | B")
    assert fit.recruits[b].sum() == 1 and fit.recruits[b, 25 - SPACE.y_min] == 1
    timing = fit.retirement_timing
    assert timing.get_column("years_after_aow").to_list() == [-1]  # one day before the AOW date


def test_sparse_rows_and_cohorts_are_pooled_by_the_stated_rule():
    fit = estimate(hand_built(), as_of=D(2025, 1, 1), fit_years=1, space=SPACE, min_observations=10)
    a = fit.states.index("40-44 | A")
    assert fit.pooled[a] == "all"  # 6 < 10 and the 40-44 pool holds 6 too
    vol = len(fit.states) + EXIT_REASONS.index("voluntary")
    assert fit.q[a, vol] == pytest.approx(1 / 6) and fit.q[a, a] == pytest.approx(5 / 6)
    # y = 0 has 1 observation: the window widens until it holds ≥ 10 → never (7 in all) → everything: 1/7
    r0 = fit.retirement.filter(pl.col("y") == 0)
    assert r0.get_column("rate").item() == pytest.approx(1 / 7)


def test_phase_pool_keeps_the_family():
    fit = estimate(hand_built(), as_of=D(2025, 1, 1), fit_years=1, space=SPACE, min_observations=1)
    b = fit.states.index("40-44 | B")
    # nobody was in 40-44 | B on 2024-01-01: it borrows the 40-44 pool, moves re-read inside family B
    assert fit.pooled[b] == "phase"
    # pool row (40-44 | A): 4 to 40-44 | A, 1 to 40-44 | B, 1 voluntary; both destinations have
    # value 40-44, so inside family B both become "stay in 40-44 | B": 5/6, and 1/6 voluntary
    assert fit.q[b, b] == pytest.approx(5 / 6)
    assert fit.q[b, fit.states.index("40-44 | A")] == 0
