"""Vernet absence metrics (domain-facts §7.3): the worked example and hand-computed cases."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest

from levensfase.analytics.absence import absence_by, absence_rates, years_in
from levensfase.model.workforce import Workforce

D = date


def _workforce(assignments: list[tuple], absences: list[tuple]) -> Workforce:
    people = sorted({row[0] for row in assignments})
    return Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U"], "name": ["U"]}),
        "jobs": pl.DataFrame({"job_id": ["J"], "title": ["J"], "job_family": ["f"], "work_demand": ["mixed"]}),
        "people": pl.DataFrame({"person_id": people, "birth_date": [D(1980, 1, 1)] * len(people)}),
        "assignments": pl.DataFrame(
            [{"person_id": p, "start_date": s, "end_date": e, "unit_id": "U", "job_id": "J", "fte": f}
             for p, s, e, f in assignments], schema_overrides={"end_date": pl.Date}),
        "absences": pl.DataFrame(
            [{"person_id": p, "start_date": s, "end_date": e, "pregnancy": preg} for p, s, e, preg in absences],
            schema_overrides={"end_date": pl.Date, "pregnancy": pl.Boolean}),
    })


def _rates(workforce, start, end, groups=None) -> dict:
    table = absence_rates(absence_by(workforce, start=start, end=end, groups=groups), start=start, end=end)
    return {row["group"]: row for row in table.iter_rows(named=True)}


def test_vernet_worked_example():
    """A full-time all year with 20 sick days, B at 0.5 fte with 10: VP 25/547.5 = 4.566 %, MF 1.0."""
    wf = _workforce(
        [("A", D(2020, 1, 1), None, 1.0), ("B", D(2020, 1, 1), None, 0.5)],
        [("A", D(2023, 3, 1), D(2023, 3, 20), False), ("B", D(2023, 6, 1), D(2023, 6, 10), False)],
    )
    row = _rates(wf, D(2023, 1, 1), D(2023, 12, 31))["all"]
    assert round(row["verzuimpercentage"], 3) == 4.566
    assert row["verzuimpercentage"] == pytest.approx(25 / 547.5 * 100)
    assert row["meldingsfrequentie"] == pytest.approx(1.0)
    assert row["mean_duration"] == pytest.approx(15.0)  # (20 + 10) / 2 closed cases
    assert row["population"] == 2


def test_pregnancy_excluded_and_null_counts_as_sickness():
    wf = _workforce(
        [("A", D(2020, 1, 1), None, 1.0)],
        [("A", D(2023, 2, 1), D(2023, 2, 28), True), ("A", D(2023, 5, 1), D(2023, 5, 5), None)],
    )
    row = _rates(wf, D(2023, 1, 1), D(2023, 12, 31))["all"]
    assert row["sick_days_fte"] == pytest.approx(5.0)
    assert row["reports"] == 1
    assert row["verzuimpercentage"] == pytest.approx(5 / 365 * 100)


def test_hand_computed_quarter_with_part_year_and_open_case():
    """Q1 2024 (91 days). A 0.8 fte all quarter; sick 2023-12-20..2024-01-10 (closed in Q1: 22 days,
    10 of them in Q1) and from 2024-03-25, still open (7 days in Q1).
    C 1.0 fte hired 2024-02-01 (60 days); sick 2024-02-05..02-06 (2 days).
    Employment: 0.8×91 + 1.0×60 = 132.8; sick: 0.8×(10+7) + 2 = 15.6 → VP 11.747 %.
    Staff = (91 + 60) / 91; reports 2 (the December case started before Q1) → MF = 2 / (151/91) × 4.
    Closed cases in Q1: A's (22 days) and C's (2) → mean 12."""
    wf = _workforce(
        [("A", D(2020, 1, 1), None, 0.8), ("C", D(2024, 2, 1), None, 1.0)],
        [("A", D(2023, 12, 20), D(2024, 1, 10), False), ("A", D(2024, 3, 25), None, False),
         ("C", D(2024, 2, 5), D(2024, 2, 6), False)],
    )
    row = _rates(wf, D(2024, 1, 1), D(2024, 3, 31))["all"]
    assert row["employment_days_fte"] == pytest.approx(132.8)
    assert row["sick_days_fte"] == pytest.approx(15.6)
    assert row["verzuimpercentage"] == pytest.approx(15.6 / 132.8 * 100)
    assert row["reports"] == 2
    assert row["meldingsfrequentie"] == pytest.approx(2 / (151 / 91) * 4)
    assert row["mean_duration"] == pytest.approx(12.0)


def test_concurrent_jobs_weigh_summed_fte_and_count_staff_once():
    wf = _workforce(
        [("B", D(2023, 1, 1), None, 0.5), ("B", D(2023, 1, 1), None, 0.3)],
        [("B", D(2023, 4, 1), D(2023, 4, 4), False)],
    )
    row = _rates(wf, D(2023, 1, 1), D(2023, 12, 31))["all"]
    assert row["employment_days_fte"] == pytest.approx(0.8 * 365)
    assert row["sick_days_fte"] == pytest.approx(0.8 * 4)
    assert row["staff_days"] == 365
    assert row["reports"] == 1 and row["closed_cases"] == 1


def test_case_duration_capped_at_730_days_and_groups():
    wf = _workforce(
        [("A", D(2019, 1, 1), None, 1.0), ("B", D(2019, 1, 1), None, 1.0)],
        [("A", D(2020, 1, 1), D(2023, 1, 31), False), ("B", D(2023, 1, 2), D(2023, 1, 3), False)],
    )
    groups = pl.DataFrame({"person_id": ["A", "B"], "group": ["x", "y"]})
    rows = _rates(wf, D(2023, 1, 1), D(2023, 12, 31), groups)
    assert rows["x"]["mean_duration"] == 730.0
    assert rows["x"]["reports"] == 0  # the case started before the period
    assert rows["x"]["sick_days_fte"] == pytest.approx(31.0)
    assert rows["y"]["mean_duration"] == 2.0


def test_years_in():
    assert years_in(D(2024, 1, 1), D(2024, 3, 31)) == 0.25
    assert years_in(D(2024, 1, 1), D(2024, 12, 31)) == 1.0
    assert years_in(D(2024, 1, 15), D(2024, 1, 24)) == pytest.approx(10 / 365)


def test_period_must_not_run_backwards():
    wf = _workforce([("A", D(2020, 1, 1), None, 1.0)], [])
    with pytest.raises(ValueError, match="before it starts"):
        absence_by(wf, start=D(2024, 1, 2), end=D(2024, 1, 1))


def test_cases_outside_the_period_change_nothing_and_one_straddling_its_end_counts_its_days():
    """Q1 2024 again, A at 0.8 fte. Cases before (2022), after (May 2024) and ending the day before the
    period count nowhere (the cases joined with the jobs are only those touching the period);
    2024-03-30..2024-04-10 counts 2 days (0.8 × 2 = 1.6), is a report, and is not closed in Q1."""
    jobs = [("A", D(2020, 1, 1), None, 0.8)]
    inside = [("A", D(2024, 3, 30), D(2024, 4, 10), False)]
    far = [("A", D(2022, 5, 1), D(2022, 5, 3), False), ("A", D(2024, 5, 1), None, False),
           ("A", D(2023, 12, 1), D(2023, 12, 31), False)]
    row = _rates(_workforce(jobs, inside + far), D(2024, 1, 1), D(2024, 3, 31))["all"]
    assert row == _rates(_workforce(jobs, inside), D(2024, 1, 1), D(2024, 3, 31))["all"]
    assert row["sick_days_fte"] == pytest.approx(1.6)
    assert (row["reports"], row["closed_cases"]) == (1, 0)


def test_staff_days_are_each_persons_calendar_days_counted_once():
    """staff_days against the union of every job's days, clipped to the period, counted in Python:
    overlapping, nested, adjacent, open-ended and ill-formed (ending before they start) jobs, people
    one after another whose days must not run into each other's."""
    import random

    from levensfase.analytics.absence import _person_days
    from levensfase.model.workforce import OPEN_END

    start, end = D(2025, 1, 1), D(2025, 12, 31)
    rng = random.Random(3)
    rows = [("a", D(2024, 6, 1), D(2025, 3, 31)), ("a", D(2025, 2, 1), D(2025, 2, 10)),  # nested
            ("a", D(2025, 4, 1), None),  # adjacent to the first, open-ended
            ("b", D(2025, 6, 1), D(2025, 6, 30)), ("b", D(2025, 6, 20), D(2025, 8, 31)),  # overlapping
            ("c", D(2025, 9, 5), D(2025, 9, 1)), ("c", D(2025, 9, 3), D(2025, 9, 4)),  # ill-formed first
            ("d", D(2025, 12, 31), D(2026, 5, 1))]  # one day: does not reach into e's
    rows += [("e", D(2025, 1, 1), D(2025, 1, 1))]
    for n in range(200):  # random people with one to four jobs
        for _ in range(rng.randint(1, 4)):
            s = start + timedelta(days=rng.randint(-60, 380))
            rows.append((f"p{n:03d}", s, None if rng.random() < 0.2 else s + timedelta(days=rng.randint(-5, 120))))
    frame = pl.DataFrame([{"person_id": p, "a_start": s, "a_end": e or OPEN_END, "group": "g"} for p, s, e in rows])
    frame = frame.filter((pl.col("a_start") <= end) & (pl.col("a_end") >= start))  # as absence_by passes them
    expected: dict[str, set] = {}
    for p, s, e in frame.select("person_id", "a_start", "a_end").iter_rows():
        day, last = max(s, start), min(e, end)
        expected.setdefault(p, set())
        while day <= last:
            expected[p].add(day)
            day += timedelta(days=1)
    got = dict(_person_days(frame, start, end).select("person_id", "days").iter_rows())
    assert got == {p: len(days) for p, days in expected.items()}
    assert got["a"] == 365 and got["b"] == 92 and got["c"] == 2 and got["d"] == 1 and got["e"] == 1
