"""`protected_day` builds every subtree's cells from one tagging of the day: its counts agree with
the subtree's people counted straight from the assignments (Polars, `scope.subtree`), and each
table of a scope adds up to the scope's total the way its category does."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import polars as pl
import pytest

from levensfase.analytics.protected_day import day_pattern
from levensfase.analytics.scope import subtree
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

DAY = date(2025, 1, 1)


@pytest.fixture(scope="module")
def workforce() -> Workforce:
    return Workforce.from_tables(generate(employees=150, years=2, seed=11, as_of=DAY))


def test_each_scope_counts_the_people_of_its_subtree(workforce):
    pattern = day_pattern(workforce, day=DAY, k=5)
    on_day = workforce.assignments.filter(
        (pl.col("start_date") <= DAY) & (pl.col("end_date").is_null() | (pl.col("end_date") >= DAY)))
    expected = {None: on_day["person_id"].n_unique()}
    for unit in workforce.units["unit_id"].to_list():
        n = on_day.filter(pl.col("unit_id").is_in(list(subtree(workforce, unit))))["person_id"].n_unique()
        if n:
            expected[unit] = n
    totals = {key[0]: n for key, n in pattern.counts.items() if key[1] == "total"}
    assert totals == expected
    assert len(totals) > 10  # the generated organisation has many non-empty subtrees


def test_each_table_adds_up_to_its_scope(workforce):
    pattern = day_pattern(workforce, day=DAY, k=5)
    sums: dict[tuple, int] = defaultdict(int)
    band_from_pyramid: dict[tuple, int] = defaultdict(int)
    for (scope, name, value), n in pattern.counts.items():
        sums[(scope, name)] += n
        if name == "pyramid":
            band_from_pyramid[(scope, value[0])] += n
    for (scope, name), total in sums.items():
        people = pattern.counts[(scope, "total", None)]
        if name in ("age_band", "sex", "generation", "pyramid", "total"):
            assert total == people, (scope, name)  # one value per person
        else:
            assert total >= people, (scope, name)  # several assignments or phases per person
    for (scope, band), n in band_from_pyramid.items():
        assert pattern.counts[(scope, "age_band", band)] == n
