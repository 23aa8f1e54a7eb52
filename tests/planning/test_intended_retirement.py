"""The projection uses a stated intended retirement age (issue 17): worked out by hand on four people.

On 2025-01-01 (y = whole years to the planned retirement day, 365.25-day years):
  A born 1960-04-15, no intended age: AOW age in 2027 is 67 → 2027-04-15; 834 days → y 2 either way.
  B born 1964-03-10, said 63 on 2024-05-01: 2027-03-10, 798 days → y 2 (AOW 2031-06-10 at 67¼: 2351 days → y 6).
  C born 1962-07-01, said 69 on 2023-01-01 (and 70 on 2026-02-01, after the day: not yet said):
    2031-07-01, 2372 days → y 6 (AOW 2029-10-01 at 67¼: 1734 days → y 4).
  D born 1972-02-29, said 61 on 2024-06-01: 2033-02-28 (no 29th that year), 2980 days → y 8.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.model.workforce import Workforce
from levensfase.planning.estimate import estimate
from levensfase.planning.states import StateSpace, planned_retirement, snapshot

D = date
ON = D(2025, 1, 1)


def workforce() -> Workforce:
    ids = ["A", "B", "C", "D"]
    return Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U"], "name": ["Unit"]}),
        "jobs": pl.DataFrame({"job_id": ["J"], "title": ["Verzorgende"], "job_family": ["zorg"],
                              "work_demand": ["physical"], "grade": [5]}),
        "people": pl.DataFrame({"person_id": ids,
                                "birth_date": [D(1960, 4, 15), D(1964, 3, 10), D(1962, 7, 1), D(1972, 2, 29)]}),
        "assignments": pl.DataFrame({"person_id": ids, "start_date": [D(2015, 1, 1)] * 4, "unit_id": ["U"] * 4,
                                     "job_id": ["J"] * 4, "fte": [1.0] * 4, "contract": ["permanent"] * 4}),
        "conversations": pl.DataFrame({
            "person_id": ["B", "C", "C", "D", "A"],
            "date": [D(2024, 5, 1), D(2023, 1, 1), D(2026, 2, 1), D(2024, 6, 1), D(2024, 6, 1)],
            "topic": ["intended_retirement_age"] * 4 + ["ambition"],
            "value": ["63", "69", "70", "61", "grow_in_role"]}),
    })


def test_planned_retirement_dates_by_hand():
    got = {r["person_id"]: (r["intended_age"], r["retirement_date"]) for r in
           planned_retirement(workforce(), on=ON).iter_rows(named=True)}
    assert got == {"A": (None, D(2027, 4, 15)), "B": (63, D(2027, 3, 10)), "C": (69, D(2031, 7, 1)),
                   "D": (61, D(2033, 2, 28))}
    later = {r["person_id"]: r["intended_age"] for r in planned_retirement(workforce(), on=D(2026, 3, 1)).iter_rows(
        named=True)}
    assert later["C"] == 70  # the latest answer counts once it is given


def test_the_start_cohort_follows_the_intended_age_and_the_aow_otherwise():
    space = StateSpace(axis="age_band")
    aow = dict(snapshot(workforce(), on=ON, space=space).select("person_id", "y").iter_rows())
    planned = dict(snapshot(workforce(), on=ON, space=space, planned=True).select("person_id", "y").iter_rows())
    assert aow["A"] == planned["A"] == 2
    assert (aow["B"], planned["B"]) == (6, 2)  # 63: four years before AOW
    assert (aow["C"], planned["C"]) == (4, 6)  # 69: after AOW
    assert planned["D"] == 8


def test_the_projection_starts_from_the_planned_cohorts():
    fit = estimate(workforce(), as_of=ON, fit_years=2, space=StateSpace(axis="age_band"))
    ys = list(fit.space.cohorts)
    at = {y: int(fit.start[:, ys.index(y)].sum()) for y in (2, 4, 6, 8)}
    assert at == {2: 2, 4: 0, 6: 1, 8: 1}  # A and B at 2, C at 6, D at 8 (not B at 6 and C at 4)
    assert fit.intended_retirement == 3  # B, C and D (AOW in 2039, 14 years away) moved; A did not
