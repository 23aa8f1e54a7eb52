"""Yearly flow tables that add up: opening + instroom − uitstroom ± transfers = closing.

Stocks count employment spells at the year boundaries, so the identity holds exactly:
*opening* = spells running on 1 January that began before it, *closing* = spells running on
31 December that go on after it (the opening of the next year). Per category, people also move
between groups without joining or leaving (they age into the next band, change unit): that is
`transfers_net`, the doorstroom between categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from levensfase.analytics.categories import attach, ordered
from levensfase.analytics.metrics import moves
from levensfase.model.workforce import Workforce

FLOW_COLUMNS = ("opening", "inflow", "outflow", "transfers_net", "closing", "internal_mobility", "promotions")


def _boundary(workforce: Workforce, spells: pl.DataFrame, *, day: date, by: str | None) -> pl.DataFrame:
    """One row per spell crossing `day`, in the category it has on `day`."""
    frame = spells.with_columns(day=pl.lit(day))
    if by is None:
        return frame.with_columns(value=pl.lit("all"))
    a = workforce.assignments.filter(
        (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (pl.col("end_date") >= day))
    )
    # A spell with two concurrent jobs on `day` is counted in the category of the one with most FTE.
    main = a.sort("fte", "start_date", "unit_id", "job_id", descending=[True, False, False, False]).unique(
        "person_id", keep="first"
    )
    return attach(frame.join(main.drop("start_date", "end_date", "end_reason"), on="person_id"), workforce,
                  by=by, day="day")


def category_at(workforce: Workforce, spells: pl.DataFrame, column: str, by: str | None) -> pl.DataFrame:
    """Spells in the category they had on their own start or end day (`column`); with two jobs that
    day, the one with most FTE. Returns person_id, spell_no, day, the assignment's columns and value."""
    if by is None:
        return spells.with_columns(value=pl.lit("all"))
    a = workforce.assignments
    on_day = spells.select("person_id", "spell_no", pl.col(column).alias("day")).join(
        a.drop("end_reason"), on="person_id"
    ).filter((pl.col("start_date") <= pl.col("day")) & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("day"))))
    main = on_day.sort("fte", "unit_id", "job_id", descending=[True, False, False]).unique(
        ["person_id", "spell_no"], keep="first"
    )
    return attach(main, workforce, by=by, day="day")


def yearly_flows(workforce: Workforce, *, years: Sequence[int], by: str | None = None) -> pl.DataFrame:
    """Rows year, value and FLOW_COLUMNS; with by=None one row per year with value "all"."""
    spells = workforce.spells
    found = moves(workforce.assignments, workforce.jobs)
    rows = []
    for year in years:
        first, last = date(year, 1, 1), date(year, 12, 31)
        running = lambda day: (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (pl.col("end_date") >= day))  # noqa: E731
        opening = _boundary(workforce, spells.filter(running(first) & (pl.col("start_date") < first)), day=first, by=by)
        closing = _boundary(
            workforce, spells.filter(running(last) & (pl.col("end_date").is_null() | (pl.col("end_date") > last))),
            day=last, by=by,
        )
        inflow = category_at(workforce, spells.filter(pl.col("start_date").is_between(first, last)), "start_date", by)
        outflow = category_at(workforce, spells.filter(pl.col("end_date").is_between(first, last)), "end_date", by)
        moved = found.filter(pl.col("start_date").is_between(first, last))
        moved = moved.with_columns(value=pl.lit("all")) if by is None else attach(
            moved.join(workforce.assignments.select("person_id", "start_date", "unit_id", "job_id", "contract"),
                       on=["person_id", "start_date", "unit_id", "job_id"], how="left"),
            workforce, by=by, day="start_date",
        )
        parts = {
            "opening": opening.group_by("value").len("opening"),
            "inflow": inflow.group_by("value").len("inflow"),
            "outflow": outflow.group_by("value").len("outflow"),
            "closing": closing.group_by("value").len("closing"),
            "internal_mobility": moved.group_by("value").len("internal_mobility"),
            "promotions": moved.filter("promotion").group_by("value").len("promotions"),
        }
        values = pl.concat([p.select("value") for p in parts.values()]).unique()
        table = values
        for part in parts.values():
            table = table.join(part, on="value", how="left")
        table = table.with_columns(pl.all().exclude("value").fill_null(0).cast(pl.Int64))
        table = table.with_columns(
            transfers_net=pl.col("closing") - pl.col("opening") - pl.col("inflow") + pl.col("outflow"),
            year=pl.lit(year, dtype=pl.Int64),
        )
        rows.append(ordered(table, by=by or "").select("year", "value", *FLOW_COLUMNS))
    if not rows:
        return pl.DataFrame(schema={"year": pl.Int64, "value": pl.String, **{c: pl.Int64 for c in FLOW_COLUMNS}})
    return pl.concat(rows)
