"""`metrics.covering_days` against the plain cross join of assignments and days, filtered."""

from datetime import date, timedelta
import random

import polars as pl
import pytest

from levensfase.analytics.metrics import covering, covering_days


def _plain(assignments: pl.DataFrame, days: list[date]) -> pl.DataFrame:
    """Every assignment with every day, kept where `covering` would keep it (the old way)."""
    parts = []
    for row in assignments.with_row_index("_row").iter_rows(named=True):
        for day in days:
            if covering(pl.DataFrame([row], schema=assignments.with_row_index("_row").schema), day).height:
                parts.append({**row, "day": day})
    frame = pl.DataFrame(parts, schema={**assignments.with_row_index("_row").schema, "day": pl.Date})
    return frame.drop("_row")


def _assignments(seed: int, n: int = 60) -> pl.DataFrame:
    rng = random.Random(seed)
    starts = [date(2015, 1, 1) + timedelta(days=rng.randrange(0, 4000)) for _ in range(n)]
    ends = [None if rng.random() < 0.3 else s + timedelta(days=rng.randrange(-30, 2000)) for s in starts]  # some end before they start
    return pl.DataFrame({"person_id": [f"p{i % 17}" for i in range(n)], "start_date": starts, "end_date": ends,
                         "fte": [rng.choice([0.5, 0.8, 1.0]) for _ in range(n)]})


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("days", [
    [date(y, 6, 30) for y in range(2016, 2027)],  # the report's days, ascending
    [date(2018, 1, 1), date(2018, 1, 1), date(2020, 2, 29)],  # a repeated day counts twice, as crossed
    [date(2022, 6, 30), date(2017, 6, 30)],  # not ascending: the cross join itself
    [date(2030, 1, 1)],
])
def test_same_rows_in_the_same_order_as_the_cross_join(seed, days):
    assignments = _assignments(seed)
    got = covering_days(assignments, days)
    assert got.equals(_plain(assignments, days))


def test_edges_of_an_assignment_by_hand():
    assignments = pl.DataFrame({"person_id": ["a", "b", "c"],
                                "start_date": [date(2020, 1, 1), date(2020, 1, 2), date(2021, 1, 1)],
                                "end_date": [date(2020, 1, 2), None, date(2020, 6, 1)]})  # c ends before it starts
    days = [date(2020, 1, 1), date(2020, 1, 2), date(2020, 1, 3)]
    got = covering_days(assignments, days)
    assert list(zip(got["person_id"], got["day"])) == [
        ("a", date(2020, 1, 1)), ("a", date(2020, 1, 2)), ("b", date(2020, 1, 2)), ("b", date(2020, 1, 3))]
    assert covering_days(assignments, []).height == 0
