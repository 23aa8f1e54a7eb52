"""The first year of recorded history (model.recorded_history), on hand-made workforces."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from levensfase.model.recorded_history import first_recorded_year, first_year_from_leavers
from levensfase.model.workforce import Workforce


def _workforce(rows: list[tuple[str, date, date | None]]) -> Workforce:
    """One assignment per row: (person, start, end); overlapping rows of a person are one spell."""
    people, starts, ends = zip(*rows, strict=True) if rows else ((), (), ())
    frame = pl.DataFrame({"person_id": list(people), "start_date": list(starts), "end_date": list(ends),
                          "unit_id": ["U"] * len(rows), "job_id": ["J"] * len(rows), "fte": [1.0] * len(rows)},
                         schema_overrides={"start_date": pl.Date, "end_date": pl.Date, "person_id": pl.String})
    return Workforce.from_tables({"assignments": frame})


def test_records_that_begin_on_1_january_start_in_that_year():
    # who stayed on since 2001–2010; the records begin 1 January 2020; three leave within a year of
    # the first (20 January): 3 × 19 / 365 ≈ 0.16 expected in the quiet 19 days → 2020 is whole
    rows = [("A", date(2001, 5, 1), date(2020, 1, 20)), ("B", date(2005, 2, 1), date(2020, 3, 1)),
            ("C", date(2010, 9, 1), date(2020, 6, 30)), ("D", date(2008, 1, 1), None),
            ("E", date(2020, 4, 1), date(2021, 2, 1))]
    assert first_recorded_year(_workforce(rows)) == 2020


def test_records_that_begin_in_december_start_the_next_year():
    # 200 leavers in the year from 10 December 2016 (like the demo's generator, ten years back from
    # its day): 200 × 344 / 365 ≈ 188 expected before it in 2016, none there → 2016 is incomplete
    first = date(2016, 12, 10)
    rows = [(f"P{i}", date(2000, 1, 1), first + timedelta(days=i * 365 // 200)) for i in range(200)]
    rows.append(("Q", date(1990, 1, 1), None))
    assert first_recorded_year(_workforce(rows)) == 2017


def test_a_side_job_that_ended_is_no_leaver():
    # B's side job 2010–2012 ends inside the spell 2005–2021: the first leaver is B in 2021
    rows = [("A", date(1999, 1, 1), None), ("B", date(2005, 1, 1), date(2021, 3, 1)),
            ("B", date(2010, 1, 1), date(2012, 6, 30))]
    assert first_recorded_year(_workforce(rows)) == 2021


def test_without_leavers_the_earliest_start_and_without_people_none():
    assert first_recorded_year(_workforce([("A", date(2003, 7, 1), None), ("B", date(2011, 1, 1), None)])) == 2003
    assert first_recorded_year(_workforce([])) is None


def test_the_threshold_is_one_chance_in_a_hundred():
    # 5 leavers a year: a quiet start of 336 days is 5 × 336 / 365 = 4.603 ≤ ln 100 = 4.605 expected
    # leavers (plausible), 337 days 4.616 (not)
    def year(gap: int) -> int | None:
        return first_year_from_leavers(first_start=date(1990, 1, 1), first_end=date(2021, 1, 1) + timedelta(days=gap),
                                       leavers_in_year_after=5)

    assert (year(0), year(336), year(337)) == (2021, 2021, 2022)


def test_a_team_s_history_begins_when_its_organisation_s_does():
    """The hand-built organisation's first leaver is C (31 December 2023, unit U1). Unit U2's own
    first leaver is D (31 August 2024; with F on 31 December 2 leavers in the year from it, so
    2 × 243 / 365 ≈ 1,3 expected in the quiet 243 days: 2024 on its own data). Cut from the
    organisation, U2's team (and any subtree) begins in 2023, so a manager's chain of year audits
    starts where the organisation's does."""
    from levensfase.analytics.scope import scoped, subtree_workforce
    from support.handbuilt import hand_built_workforce

    org = hand_built_workforce()
    team = scoped(org, frozenset({"U2"}))
    assert first_recorded_year(org) == 2023
    assert first_recorded_year(Workforce(**team.tables())) == 2024  # the same rows, not cut from the organisation
    assert first_recorded_year(team) == 2023
    assert first_recorded_year(subtree_workforce(org, "U2")) == 2023
