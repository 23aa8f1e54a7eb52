"""The retention decisions of the core (model.data_retention), worked out by hand."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.categories import age_band, age_on, generation
from levensfase.model.data_retention import (
    check_years,
    coarsen_birth_date,
    coverage_note,
    data_coverage,
    drop_hashed,
    event_days,
    five_year_band,
    leavers_due,
    new_token,
    person_hash,
    retirement_exits,
    skipped_note,
    years_before,
)
from levensfase.model.pension import aow_date

D = date


def _assignments(rows):
    return pl.DataFrame(rows, schema={"person_id": pl.String, "end_date": pl.Date, "end_reason": pl.String},
                        orient="row")


def test_years_before_keeps_the_day_and_moves_29_february():
    assert years_before(D(2026, 12, 6), 2) == D(2024, 12, 6)
    assert years_before(D(2024, 2, 29), 2) == D(2022, 2, 28)


def test_leavers_due_are_those_whose_last_assignment_ended_before_the_cut():
    frame = _assignments([
        ("A", D(2020, 1, 31), "voluntary"),            # left 2020: due
        ("B", D(2019, 1, 1), ""), ("B", None, ""),     # still employed: never due
        ("C", D(2024, 12, 5), "voluntary"),            # ended the day before the cut: due
        ("D", D(2024, 12, 6), "voluntary"),            # ended on the cut: not yet (exactly 2 years)
        ("E", D(2018, 1, 1), ""), ("E", D(2025, 3, 1), "other"),  # re-hired, left 2025: not due
        ("anon-0011223344556677", D(2015, 1, 1), "voluntary"),    # already a pseudonym
    ])
    assert leavers_due(frame, today=D(2026, 12, 6), years=2) == ["A", "C"]
    assert leavers_due(frame, today=D(2026, 12, 6), years=10) == []
    assert leavers_due(frame.clear(), today=D(2026, 12, 6), years=2) == []


def test_coarsened_birth_date_keeps_the_year_and_the_age_at_every_year_end():
    born = D(1971, 5, 17)
    coarse = coarsen_birth_date(born)
    assert coarse == D(1971, 12, 31)
    frame = pl.DataFrame({"true": [born], "coarse": [coarse]})
    for year in range(1990, 2030):
        for day in (D(year, 12, 31), D(year, 1, 1)):
            ages = frame.select(t=age_on(pl.col("true"), pl.lit(day)), c=age_on(pl.col("coarse"), pl.lit(day)))
            assert ages["t"][0] == ages["c"][0], day
    gens = frame.select(t=generation(pl.col("true")), c=generation(pl.col("coarse")))
    assert gens["t"][0] == gens["c"][0] == "X"
    # on a day between the true birthday and 31 December the coarsened age is one lower
    mid = frame.select(t=age_on(pl.col("true"), pl.lit(D(2001, 6, 1))), c=age_on(pl.col("coarse"), pl.lit(D(2001, 6, 1))))
    assert (mid["t"][0], mid["c"][0]) == (30, 29)


def test_five_year_band_is_the_band_analytics_uses():
    ages = pl.DataFrame({"age": list(range(0, 101))})
    expected = ages.select(age_band(pl.col("age"))).to_series().to_list()
    assert [five_year_band(a) for a in range(0, 101)] == expected


def test_event_days_keep_the_age_band_on_the_persons_own_days():
    born = D(1971, 5, 17)
    # joined on 1 June 2001 (aged 30, band 30-34): 31 December would make them 29 (25-29) that day
    history = pl.DataFrame({"person_id": ["A"], "start_date": [D(2001, 6, 1)], "end_date": [D(2003, 2, 28)]})
    days = event_days(history)["A"]
    assert days == [D(2001, 1, 1), D(2001, 6, 1), D(2001, 12, 31), D(2002, 1, 1), D(2002, 12, 31),
                    D(2003, 1, 1), D(2003, 2, 28), D(2003, 12, 31)]
    coarse = coarsen_birth_date(born, event_days=days)
    # 31 December makes them 29 on 1 June 2001 (band 25-29 instead of 30-34); 2 January keeps
    # every band (1 January would not: aged 30 already on 1 January 2001)
    assert coarse == D(1971, 1, 2)
    assert all(five_year_band(d.year - 1971 - ((d.month, d.day) < (5, 17))) ==
               five_year_band(d.year - 1971 - ((d.month, d.day) < (coarse.month, coarse.day))) for d in days)
    # events on the day before the birthday and on it, in a band-changing year: only the true
    # birthday keeps both, which coarsening never gives back; every candidate keeps at most one,
    # so the first of them (31 December, which keeps 16 May) stays
    tight = coarsen_birth_date(D(1971, 5, 17), event_days=[D(2001, 5, 16), D(2001, 5, 17)])
    assert tight == D(1971, 12, 31)


def test_a_retirement_at_the_aow_date_stays_on_time_after_coarsening():
    born = D(1955, 3, 10)
    due = aow_date(born).date  # 66 years and 4 months: 2021-07-10
    assert due == D(2021, 7, 10)
    last_day = D(2021, 7, 9)  # the day before the AOW date: a retirement at AOW (analytics.outflow_kinds)
    # 31 December 1955 would move the AOW date into 2022 and make this retirement early;
    # 2 January 1955 gives 2 May 2021: still at AOW
    assert coarsen_birth_date(born, retirements=[last_day]) == D(1955, 1, 2)
    # an early retirement (a year before AOW) stays early with 31 December
    assert coarsen_birth_date(born, retirements=[D(2020, 6, 30)]) == D(1955, 12, 31)


def test_born_on_new_years_day_keeps_the_band_on_new_years_day():
    # turns 30 on 1 January 2001: 31 December and 2 January would make them 29 that day
    assert coarsen_birth_date(D(1971, 1, 1), event_days=[D(2001, 1, 1)]) == D(1971, 1, 1)


def test_retirement_exits_per_person():
    frame = _assignments([("A", D(2020, 1, 31), "retirement"), ("A", D(2010, 1, 1), ""),
                          ("B", D(2021, 1, 1), "voluntary"), ("C", None, "")])
    assert retirement_exits(frame) == {"A": [D(2020, 1, 31)]}


def test_person_hash_is_keyed_and_one_way():
    a = person_hash("P000123", secret="s1")
    assert a == person_hash(" P000123 ", secret="s1")  # same id read from a file with spaces
    assert a != person_hash("P000123", secret="s2")
    assert a != person_hash("P000124", secret="s1")
    assert len(a) == 64 and "P000123" not in a


def test_tokens_are_random_pseudonyms():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(t.startswith("anon-") and len(t) == 21 for t in tokens)


def test_drop_hashed_removes_every_row_of_a_forgotten_id_and_counts_them():
    frame = pl.DataFrame({"person_id": ["P1", "P2", "P1", "P3"], "x": [1, 2, 3, 4]})
    hashes = frozenset({person_hash("P1", secret="k")})
    kept, skipped = drop_hashed(frame, table="assignments", hashes=hashes, secret="k")
    assert kept["person_id"].to_list() == ["P2", "P3"]
    assert (skipped.table, skipped.rows) == ("assignments", 2)
    same, none = drop_hashed(frame, table="units", hashes=frozenset(), secret="k")
    assert same is frame and none is None
    nl, en = skipped_note([skipped])
    assert nl.startswith("2 rij(en) overgeslagen") and "assignments: 2" in nl and "never recreated" in en
    assert skipped_note([]) is None


def test_coverage_note_names_the_count_and_what_is_missing():
    assert coverage_note(anonymised=0, years=2) is None
    note = coverage_note(anonymised=123, years=2)
    assert note.startswith("Gegevens van 123 vertrokken medewerker(s) zijn 2 jaar na vertrek geanonimiseerd")
    assert "levensgebeurtenissen" in note and "vragenlijsten" in note
    assert "life events" in coverage_note(anonymised=1, years=3, lang="en")


def test_data_coverage_counts_the_pseudonymised_people():
    people = pl.DataFrame({"person_id": ["P1", "anon-00112233aabbccdd", "anon-99887766aabbccdd", "P2"]})
    coverage = data_coverage(people)
    assert coverage["anonymised_people"] == 2
    assert "life_events" in coverage["tables_without_their_data"] and "surveys" in coverage["tables_without_their_data"]
    assert coverage["note"].startswith("Gegevens van 2 vertrokken medewerker(s) zijn na de bewaartermijn")
    assert data_coverage(people.head(1)) is None


def test_coverage_note_writes_large_counts_the_dutch_way():
    assert coverage_note(anonymised=2031).startswith("Gegevens van 2.031 vertrokken")
    assert coverage_note(anonymised=2031, lang="en").startswith("Data of 2,031 former")


def test_check_years_accepts_whole_years_only():
    assert check_years(" 3 ", name="X") == 3
    for bad in ("0", "-1", "2.5", "twee", ""):
        with pytest.raises(ValueError):
            check_years(bad, name="X")
