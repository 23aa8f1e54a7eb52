"""Composition: who works here on a day, per category, and how that changes over the years.

Counts are raw here; every table that leaves the core goes through `privacy.suppress` in the
caller that publishes it (the report, the dashboards), where the whole table is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from levensfase.analytics.categories import PERSON_CATEGORIES, age_band, age_on, attach, ordered, with_person_categories
from levensfase.analytics.metrics import covering, covering_days
from levensfase.model.workforce import Workforce


def snapshot(workforce: Workforce, *, on: date, by: str) -> pl.DataFrame:
    """Headcount (distinct persons) and FTE per category value on one day: value, headcount, fte."""
    events = attach(covering(workforce.assignments, on).with_columns(day=pl.lit(on)), workforce, by=by, day="day")
    table = events.group_by("value").agg(
        pl.col("person_id").n_unique().alias("headcount"), pl.col("fte").sum().round(2).alias("fte")
    )
    return ordered(table, by=by)


def over_time(workforce: Workforce, *, days: Sequence[date], by: str) -> pl.DataFrame:
    """`snapshot` for several days in one long table: day, value, headcount, fte (days in the given order)."""
    return over_time_by(workforce, days=days, categories=[by])[by]


def over_time_by(workforce: Workforce, *, days: Sequence[date], categories: Sequence[str]) -> dict[str, pl.DataFrame]:
    """`over_time` for several categories. One pass for all days: assignments are crossed with the
    days once and kept where they cover the day, so each category is attached once, not per day."""
    schema = {"day": pl.Date, "value": pl.String, "headcount": pl.UInt32, "fte": pl.Float64}
    wanted = list(dict.fromkeys(days))
    if not wanted:
        return {by: pl.DataFrame(schema=schema) for by in categories}
    crossed = covering_days(workforce.assignments, wanted)
    if any(by in PERSON_CATEGORIES for by in categories):  # one join with the people for all three
        crossed = with_person_categories(crossed, workforce, day="day")
    rank = pl.col("day").replace_strict(wanted, list(range(len(wanted))), return_dtype=pl.Int64)
    return {by: _per_day(crossed, workforce, by=by, rank=rank, schema=schema) for by in categories}


def _per_day(crossed: pl.DataFrame, workforce: Workforce, *, by: str, rank: pl.Expr, schema: dict) -> pl.DataFrame:
    tagged = crossed.with_columns(value=pl.col(f"_{by}")) if by in PERSON_CATEGORIES else attach(
        crossed, workforce, by=by, day="day")
    table = tagged.group_by("day", "value").agg(
        pl.col("person_id").n_unique().alias("headcount"), pl.col("fte").sum().round(2).alias("fte")
    )
    return ordered(table, by=by).sort(rank, maintain_order=True).select(list(schema)).cast(schema)


def age_pyramid(workforce: Workforce, *, on: date) -> pl.DataFrame:
    """Headcount per five-year age band and sex on one day: age_band, sex, headcount."""
    people = covering(workforce.assignments, on).select("person_id").unique().join(
        workforce.people, on="person_id", how="left"
    )
    table = people.group_by(
        age_band(age_on(pl.col("birth_date"), pl.lit(on))).alias("value"),
        pl.col("sex").fill_null("onbekend").alias("sex"),
    ).agg(pl.len().cast(pl.UInt32).alias("headcount"))
    return ordered(table, by="age_band").rename({"value": "age_band"}).sort("age_band", "sex", maintain_order=True)


def unit_tree(workforce: Workforce, *, on: date) -> pl.DataFrame:
    """Headcount and FTE per unit including all its descendants (roll-up in the unit tree).

    Columns: unit_id, name, parent_id, depth, own_headcount, headcount, fte. A person with jobs in
    two teams of one department counts once in the department.
    """
    units = workforce.units.select("unit_id", "name", "parent_id")
    ancestry = _ancestors(units)
    present = covering(workforce.assignments, on).select("person_id", "unit_id", "fte")
    rolled = present.join(ancestry, on="unit_id").group_by("ancestor_id").agg(
        pl.col("person_id").n_unique().alias("headcount"), pl.col("fte").sum().round(2).alias("fte")
    )
    own = present.group_by("unit_id").agg(pl.col("person_id").n_unique().alias("own_headcount"))
    depth = ancestry.group_by("unit_id").agg((pl.len() - 1).alias("depth"))
    return (
        units.join(depth, on="unit_id", how="left")
        .join(own, on="unit_id", how="left")
        .join(rolled.rename({"ancestor_id": "unit_id"}), on="unit_id", how="left")
        .with_columns(pl.col("own_headcount", "headcount").fill_null(0).cast(pl.UInt32), pl.col("fte").fill_null(0.0))
        .sort("depth", "unit_id")
    )


def _ancestors(units: pl.DataFrame) -> pl.DataFrame:
    """Every (unit_id, ancestor_id) pair, the unit itself included; stops on a cycle."""
    parent = dict(zip(units.get_column("unit_id").to_list(), units.get_column("parent_id").to_list()))
    pairs: list[tuple[str, str]] = []
    for unit in parent:
        seen, current = set(), unit
        while current is not None and current not in seen:
            pairs.append((unit, current))
            seen.add(current)
            current = parent.get(current)
    return pl.DataFrame(pairs, schema={"unit_id": pl.String, "ancestor_id": pl.String}, orient="row")
