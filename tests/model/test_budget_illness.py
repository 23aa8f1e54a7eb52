"""The PLB stops accruing after six months of illness (Cao Ziekenhuizen art. 12.2; domain-facts §5.2).

Every expected value is worked out by hand with the module's convention: a month earns 1/12 of
57 h × FTE, a part month its share of days; accrual pauses from the day six months after the
first day of a continuous absence until its last day.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.model.arrangements import load_catalog
from levensfase.model.budget import BudgetRules, budget_statement, plb_pauses

D = date
RULES = BudgetRules(plb_hours_per_year=57, own_eur_per_year=500)
NO_ARRANGEMENTS = pl.DataFrame(schema={"person_id": pl.String, "code": pl.String, "start_date": pl.Date,
                                       "end_date": pl.Date, "hours": pl.Float64, "cost_eur": pl.Float64})


def absences(*spells, pregnancy=False) -> pl.DataFrame:
    return pl.DataFrame({"person_id": ["A"] * len(spells), "start_date": [s for s, _ in spells],
                         "end_date": [e for _, e in spells], "pregnancy": [pregnancy] * len(spells)},
                        schema={"person_id": pl.String, "start_date": pl.Date, "end_date": pl.Date,
                                "pregnancy": pl.Boolean})


def year(spells: pl.DataFrame | None, *, fte=1.0, through=D(2024, 12, 31), start=D(2020, 1, 1)):
    assignments = pl.DataFrame({"person_id": ["A"], "start_date": [start], "end_date": [None], "fte": [fte]},
                               schema={"person_id": pl.String, "start_date": pl.Date, "end_date": pl.Date,
                                       "fte": pl.Float64})
    rows = budget_statement(assignments=assignments, arrangements=NO_ARRANGEMENTS, catalog=load_catalog(),
                            person_id="A", through=through, rules=RULES, absences=spells)
    return {r.year: r for r in rows}


def test_ill_all_year_full_time_accrues_the_first_six_months_only():
    y = year(absences((D(2024, 1, 1), D(2024, 12, 31))))[2024]
    assert y.plb_accrued_h == 28.5  # 57 × 6/12
    assert y.plb_paused_days == 184  # 1 July – 31 December
    assert y.own_accrued_eur == 500.0  # only the PLB pauses


def test_part_time_ill_all_year():
    assert year(absences((D(2024, 1, 1), D(2024, 12, 31))), fte=0.8)[2024].plb_accrued_h == 22.8  # 45.6 / 2


def test_six_months_exactly_does_not_pause_one_day_more_does():
    assert year(absences((D(2024, 1, 1), D(2024, 6, 30))))[2024].plb_accrued_h == 57.0
    y = year(absences((D(2024, 1, 1), D(2024, 7, 1))))[2024]
    # 1 July paused: 57 × (11 + 30/31) / 12 = 56.846…
    assert (y.plb_accrued_h, y.plb_paused_days) == (56.85, 1)


def test_adjacent_spells_are_one_absence_a_gap_starts_a_new_one():
    # 1 Jan – 31 Mar then 1 Apr – 31 Oct: continuous from 1 Jan, paused 1 Jul – 31 Oct: 57 × 8/12 = 38
    assert year(absences((D(2024, 1, 1), D(2024, 3, 31)), (D(2024, 4, 1), D(2024, 10, 31))))[2024].plb_accrued_h == 38.0
    # back at work on 1 April: the new absence from 2 April pauses from 2 October: 57 × (11 + 1/31) / 12 = 52.40
    y = year(absences((D(2024, 1, 1), D(2024, 3, 31)), (D(2024, 4, 2), D(2024, 10, 31))))[2024]
    assert (y.plb_accrued_h, y.plb_paused_days) == (52.4, 30)


def test_overlapping_spells_join():
    spells = absences((D(2024, 1, 1), D(2024, 5, 31)), (D(2024, 3, 1), D(2024, 9, 30)))
    assert plb_pauses(spells, person_id="A") == [(D(2024, 7, 1), D(2024, 9, 30))]
    assert year(spells)[2024].plb_accrued_h == 42.75  # 57 × 9/12


def test_pregnancy_leave_neither_counts_nor_pauses():
    assert year(absences((D(2024, 1, 1), D(2024, 12, 31)), pregnancy=True))[2024].plb_accrued_h == 57.0
    assert plb_pauses(absences((D(2024, 1, 1), D(2024, 12, 31)), pregnancy=True), person_id="A") == []


def test_an_open_absence_pauses_until_the_statement_date_across_years():
    rows = year(absences((D(2023, 9, 1), None)), start=D(2023, 9, 1), through=D(2024, 6, 30))
    assert rows[2023].plb_accrued_h == 19.0  # September – December, 57 × 4/12
    assert rows[2024].plb_accrued_h == 9.5  # January – February; paused from 1 March
    assert rows[2024].plb_paused_days == 122  # 1 March – 30 June
    assert rows[2024].plb_balance_h == 28.5


def test_an_absence_across_new_year():
    y = year(absences((D(2023, 10, 1), D(2024, 5, 31))))
    assert y[2023].plb_accrued_h == 57.0
    assert y[2024].plb_accrued_h == 47.5  # April and May paused: 57 × 10/12


def test_six_months_after_31_august_is_the_end_of_february():
    # 31 Aug 2023 + 6 months = 29 Feb 2024 (leap year); paused 29 Feb – 31 Mar:
    # 57 × (1 + 28/29 + 0 + 9) / 12 = 52.086…
    y = year(absences((D(2023, 8, 31), D(2024, 3, 31))))[2024]
    assert (y.plb_accrued_h, y.plb_paused_days) == (52.09, 32)


def test_without_absences_nothing_changes():
    assert year(None)[2024].plb_accrued_h == 57.0
    other = absences((D(2024, 1, 1), D(2024, 12, 31))).with_columns(person_id=pl.lit("B"))
    assert year(other)[2024].plb_accrued_h == 57.0
