"""The flows' person categories from one join per part (`flows._Shared.people`) against the
one-category-at-a-time paths they replace (`_boundary`, `category_at`, `attach`)."""

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.categories import attach
from levensfase.analytics.flows import _boundary, _Shared, category_at
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce


@pytest.fixture(scope="module")
def shared() -> _Shared:
    workforce = Workforce.from_tables(generate(employees=300, years=8, seed=9, as_of=date(2026, 6, 30)))
    return _Shared(workforce, list(range(2019, 2026)))


@pytest.mark.parametrize("by", ["age_band", "generation", "sex"])
def test_each_part_gets_the_values_of_the_old_paths(shared, by):
    w = shared.workforce
    old = {
        "opening": _boundary(w, shared.part("opening"), by=by),
        "closing": _boundary(w, shared.part("closing"), by=by),
        "started": category_at(w, shared.part("started"), "start_date", by),
        "ended": category_at(w, shared.part("ended"), "end_date", by),
        "moved": attach(shared.part("moved"), w, by=by, day="start_date"),
    }
    for name, frame in old.items():
        new = shared.people(name).with_columns(value=pl.col(f"_{by}")).select(frame.columns)
        assert new.height > 0, name
        assert new.sort(pl.all()).equals(frame.sort(pl.all())), name


def test_main_assignment_with_only_the_category_columns_is_the_same_assignment(shared):
    from levensfase.analytics.flows import _CATEGORY_COLUMNS, _main_on_day

    w = shared.workforce
    rows = shared.part("opening").select("person_id", "year", "day")
    narrow = _main_on_day(w, rows, ["person_id", "year"], _CATEGORY_COLUMNS)
    wide = _main_on_day(w, rows, ["person_id", "year"]).select(narrow.columns)
    assert narrow.height == rows.height > 0
    assert narrow.sort(pl.all()).equals(wide.sort(pl.all()))
    two_jobs = wide.group_by("person_id").agg(pl.col("unit_id").n_unique()).filter(pl.col("unit_id") > 1)
    assert two_jobs.height > 0  # people who changed unit: the year's own job must be picked
