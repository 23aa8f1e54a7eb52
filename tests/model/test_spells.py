"""Employment spells (DESIGN §3) against the plain re-implementation, on random assignment histories."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from levensfase.model.workforce import derive_spells
from support.reference_metrics import FAR, spells as reference_spells

BASE = date(2020, 1, 1)

assignment = st.tuples(
    st.sampled_from(["p1", "p2", "p3"]),
    st.integers(0, 400),  # start offset in days
    st.one_of(st.none(), st.integers(0, 120)),  # length in days, None = ongoing
    st.sampled_from([None, "voluntary", "retirement"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(assignment, min_size=1, max_size=12))
def test_spells_equal_the_plain_definition(rows):
    records = [
        {"person_id": p, "start_date": BASE + timedelta(days=s),
         "end_date": None if n is None else BASE + timedelta(days=s + n), "end_reason": r}
        for p, s, n, r in rows
    ]
    frame = pl.DataFrame(records, schema={"person_id": pl.String, "start_date": pl.Date, "end_date": pl.Date,
                                          "end_reason": pl.String})
    ours = derive_spells(frame)
    expected = sorted((s["person_id"], s["start"], None if s["end"] == FAR else s["end"])
                      for s in reference_spells(records))
    assert sorted(ours.select("person_id", "start_date", "end_date").rows()) == expected
    numbers = ours.group_by("person_id").agg(pl.col("spell_no").sort())
    for spell_numbers in numbers.get_column("spell_no").to_list():
        assert spell_numbers == list(range(1, len(spell_numbers) + 1))


def test_adjacent_joins_and_a_one_day_gap_splits():
    frame = pl.DataFrame(
        {"person_id": ["a", "a", "a"], "start_date": [date(2020, 1, 1), date(2020, 2, 1), date(2020, 3, 2)],
         "end_date": [date(2020, 1, 31), date(2020, 2, 29), None], "end_reason": [None, "voluntary", None]}
    )
    spells = derive_spells(frame)
    assert spells.select("spell_no", "start_date", "end_date", "end_reason").rows() == [
        (1, date(2020, 1, 1), date(2020, 2, 29), "voluntary"),
        (2, date(2020, 3, 2), None, None),
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(assignment, min_size=1, max_size=12, unique_by=lambda row: (row[0], row[1], row[2])))
def test_end_reason_is_that_of_the_last_ending_assignment(rows):
    """Of several assignments ending on the spell's last day, the one starting last gives the reason
    (the reference's order); an ongoing spell has none. Rows with the same start and end are left
    out, since their order is not defined."""
    records = [
        {"person_id": p, "start_date": BASE + timedelta(days=s),
         "end_date": None if n is None else BASE + timedelta(days=s + n), "end_reason": r}
        for p, s, n, r in rows
    ]
    frame = pl.DataFrame(records, schema={"person_id": pl.String, "start_date": pl.Date, "end_date": pl.Date,
                                          "end_reason": pl.String})
    ours = derive_spells(frame).select("person_id", "start_date", "end_reason").rows()
    expected = [(s["person_id"], s["start"], None if s["end"] == FAR else s["reason"])
                for s in reference_spells(records)]
    assert sorted(ours, key=str) == sorted(expected, key=str)
