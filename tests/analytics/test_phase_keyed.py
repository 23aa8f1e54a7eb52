"""Helpers of the evaluation panel's fast path in `phases` / `phase_facts`, each against the plain
definition it replaces: `turns` (the day a child reaches an age) against `categories.age_on` day by
day, and `keyed_profiles_over` (profiles keyed by integers, a batch of days per frame) against
`profiles_over`."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from levensfase.analytics.categories import age_on
from levensfase.analytics.phase_facts import turns
from levensfase.analytics.phases import PROFILE_COLUMNS, keyed_profiles_over, profiles_over
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce


def _births() -> list[date]:
    rng = np.random.default_rng(7)
    drawn = [date(1950, 1, 1) + timedelta(days=int(d)) for d in rng.integers(0, 365 * 80, 300)]
    leap_days = [date(y, 2, 29) for y in (1896, 1904, 1980, 1996, 2000, 2004, 2008, 2020, 2096)]
    edges = [date(y, m, d) for y in (1899, 1999, 2019, 2021) for m, d in ((2, 28), (3, 1), (12, 31), (1, 1))]
    return drawn + leap_days + edges


@pytest.mark.parametrize("years", [1, 4, 18, 104])
def test_turns_is_the_first_day_age_on_reaches_the_age(years):
    births = pl.DataFrame({"born": _births()})
    found = births.with_columns(day=turns(pl.col("born"), years))
    ages = found.select(
        on=age_on(pl.col("born"), pl.col("day")),
        before=age_on(pl.col("born"), pl.col("day") - pl.duration(days=1)))
    assert ages.get_column("on").to_list() == [years] * births.height
    assert ages.get_column("before").to_list() == [years - 1] * births.height
    # by hand: born 29 February 2000, 4 in 2004 (a leap year), 18 on 1 March 2018
    assert found.filter(pl.col("born") == date(2000, 2, 29)).get_column("day").item() == (
        {1: date(2001, 3, 1), 4: date(2004, 2, 29), 18: date(2018, 3, 1), 104: date(2104, 2, 29)}[years])


def test_keyed_profiles_are_profiles_over_without_the_strings():
    workforce = Workforce.from_tables(generate(employees=300, years=4, seed=3, as_of=date(2025, 12, 31)))
    days = [date(2022, m, 1) for m in range(1, 13)] + [date(2024, 2, 29), date(2025, 12, 31)]
    columns = ("primary_phase", "vitality", "fte", "age", "phases")
    ids, batches = keyed_profiles_over(workforce, days=days, columns=columns, batch_days=5)
    frames = []
    for batch, frame in batches:
        assert len(batch) <= 5
        assert frame.columns == ["_idx", "key", *columns]
        person_id = pl.lit(ids).gather(pl.col("key")).alias("person_id")
        frames += [frame.filter(pl.col("_idx") == i).select(person_id, *columns) for i in range(len(batch))]
    expected = [profile.select("person_id", *columns) for _, profile in profiles_over(workforce, days=days)]
    assert len(frames) == len(expected) == len(days)
    for ours, theirs in zip(frames, expected, strict=True):
        assert ours.equals(theirs)
    whole_ids, whole = keyed_profiles_over(workforce, days=days[:3])
    assert next(whole)[1].columns == ["_idx", "key", *PROFILE_COLUMNS[1:]]
    assert whole_ids.equals(ids)


def test_keyed_profiles_refuse_an_unknown_column():
    workforce = Workforce.from_tables(generate(employees=20, years=2, seed=3, as_of=date(2025, 12, 31)))
    with pytest.raises(ValueError, match="not a profile column: salary"):
        keyed_profiles_over(workforce, days=[date(2025, 1, 1)], columns=("age", "salary"))
