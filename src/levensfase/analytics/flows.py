"""Yearly flow tables that add up: opening + instroom − uitstroom ± transfers = closing.

Stocks count employment spells at the year boundaries, so the identity holds exactly:
*opening* = spells running on 1 January that began before it, *closing* = spells running on
31 December that go on after it (the opening of the next year). Per category, people also move
between groups without joining or leaving (they age into the next band, change unit): that is
`transfers_net`, the doorstroom between categories.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import polars as pl

from levensfase.analytics.categories import PERSON_CATEGORIES, attach, ordered
from levensfase.analytics.metrics import move_starts
from levensfase.model.workforce import Workforce

FLOW_COLUMNS = ("opening", "inflow", "outflow", "transfers_net", "closing", "internal_mobility", "promotions")


def _main_first(assignments: pl.DataFrame) -> pl.DataFrame:
    """Assignments with each person's largest job first (FTE, then start, unit, job): the category
    of a person with two concurrent jobs is that of the main one. Joined with maintain_order="right",
    a later `unique(keep="first")` then picks it without sorting the (much larger) joined frame."""
    return assignments.sort("person_id", "fte", "start_date", "unit_id", "job_id",
                            descending=[False, True, False, False, False])


def _boundary(workforce: Workforce, crossing: pl.DataFrame, *, by: str | None) -> pl.DataFrame:
    """Spell-years crossing their boundary `day`, each in the category it has on that day."""
    if by is None:
        return crossing.with_columns(value=pl.lit("all"))
    if by in PERSON_CATEGORIES:  # no assignment needed: the person and the day decide
        return attach(crossing.select("person_id", "year", "day"), workforce, by=by, day="day")
    a = _main_first(workforce.assignments.drop("end_reason")).rename({"start_date": "a_start", "end_date": "a_end"})
    on_day = crossing.select("person_id", "year", "day").join(a, on="person_id", maintain_order="right").filter(
        (pl.col("a_start") <= pl.col("day")) & (pl.col("a_end").is_null() | (pl.col("a_end") >= pl.col("day")))
    )
    main = on_day.unique(["person_id", "year"], keep="first", maintain_order=False)
    return attach(main, workforce, by=by, day="day")


def category_at(workforce: Workforce, spells: pl.DataFrame, column: str, by: str | None) -> pl.DataFrame:
    """Spells in the category they had on their own start or end day (`column`); with two jobs that
    day, the one with most FTE. Returns person_id, spell_no, day, the assignment's columns and value."""
    if by is None:
        return spells.with_columns(day=pl.col(column), value=pl.lit("all"))
    days = spells.select("person_id", "spell_no", pl.col(column).alias("day"))
    if by in PERSON_CATEGORIES:
        return attach(days, workforce, by=by, day="day")
    on_day = days.join(_main_first(workforce.assignments.drop("end_reason")), on="person_id",
                       maintain_order="right").filter(
        (pl.col("start_date") <= pl.col("day")) & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("day")))
    )
    main = on_day.unique(["person_id", "spell_no"], keep="first", maintain_order=False)
    return attach(main, workforce, by=by, day="day")


_MOVES: weakref.WeakKeyDictionary[Workforce, pl.DataFrame] = weakref.WeakKeyDictionary()


def _moves(workforce: Workforce) -> pl.DataFrame:
    """`move_starts` once per workforce: a report asks for the flows of seven breakdowns."""
    if workforce not in _MOVES:
        _MOVES[workforce] = move_starts(workforce.assignments, workforce.jobs,
                                         ordered=workforce.ordered_assignments)
    return _MOVES[workforce]


def _per_year(days: pl.Series) -> dict[int, int]:
    """How many of these dates (nulls left out) fall in each year: the stocks need only these counts."""
    counts = days.drop_nulls().dt.year().value_counts()
    return dict(zip(counts.get_column(counts.columns[0]).to_list(), counts.get_column("count").to_list()))


def _whole(workforce: Workforce, years: list[int]) -> pl.DataFrame:
    """by=None: every column is a count per calendar year of one date column, so read them all off
    per-year counts (no filters, joins or group-bys over the spells). Same rows as the general path:
    a year gets a row when any of its counts is above zero."""
    spells, moved = workforce.spells, _moves(workforce)
    begun, ended = _per_year(spells.get_column("start_date")), _per_year(spells.get_column("end_date"))
    movers = _per_year(moved.get_column("start_date"))
    promoted = _per_year(moved.filter("promotion").get_column("start_date"))
    before = lambda counts, year: sum(n for y, n in counts.items() if y < year)  # noqa: E731
    rows = []
    for y in years:
        opening, closing = before(begun, y) - before(ended, y), before(begun, y + 1) - before(ended, y + 1)
        counts = (opening, begun.get(y, 0), ended.get(y, 0), closing, movers.get(y, 0), promoted.get(y, 0))
        if any(counts):
            rows.append((y, "all", *counts))
    table = pl.DataFrame(rows, orient="row", schema={
        "year": pl.Int64, "value": pl.String,
        **{c: pl.Int64 for c in ("opening", "inflow", "outflow", "closing", "internal_mobility", "promotions")}})
    return table.with_columns(
        transfers_net=pl.col("closing") - pl.col("opening") - pl.col("inflow") + pl.col("outflow"),
    ).select("year", "value", *FLOW_COLUMNS)


def yearly_flows(workforce: Workforce, *, years: Sequence[int], by: str | None = None) -> pl.DataFrame:
    """Rows year, value and FLOW_COLUMNS; with by=None one row per year with value "all".

    All years at once (no loop over years): per category, spells are crossed with the years and
    each count is one filter and one group-by; for the whole organisation (`_whole`) every column
    is a count per year of one date column. Ten years cost little more than one.
    """
    wanted = sorted(set(years))
    if not wanted:
        return pl.DataFrame(schema={"year": pl.Int64, "value": pl.String, **{c: pl.Int64 for c in FLOW_COLUMNS}})
    if by is None:
        return _whole(workforce, wanted)
    spells = workforce.spells
    start_year, end_year = pl.col("start_date").dt.year().cast(pl.Int64), pl.col("end_date").dt.year().cast(pl.Int64)
    crossed = spells.select("person_id", "spell_no", "start_date", "end_date").join(
        pl.DataFrame({"year": wanted}, schema={"year": pl.Int64}), how="cross"
    )
    # Open on 1 January and begun before it / open on 31 December and going on after it.
    opening = crossed.filter((start_year < pl.col("year")) & (pl.col("end_date").is_null() | (end_year >= pl.col("year"))))
    closing = crossed.filter((start_year <= pl.col("year")) & (pl.col("end_date").is_null() | (end_year > pl.col("year"))))
    opening = _boundary(workforce, opening.with_columns(day=pl.date(pl.col("year"), 1, 1)), by=by)
    closing = _boundary(workforce, closing.with_columns(day=pl.date(pl.col("year"), 12, 31)), by=by)
    opening, closing = opening.group_by("year", "value").len("opening"), closing.group_by("year", "value").len("closing")
    inflow = category_at(workforce, spells.filter(start_year.is_in(wanted)), "start_date", by)
    outflow = category_at(workforce, spells.filter(end_year.is_in(wanted)), "end_date", by)
    moved = _moves(workforce).filter(pl.col("start_date").dt.year().is_in(wanted))
    moved = attach(
        moved.join(workforce.assignments.select("person_id", "start_date", "unit_id", "job_id", "contract"),
                   on=["person_id", "start_date", "unit_id", "job_id"], how="left"),
        workforce, by=by, day="start_date",
    )
    year_of = lambda column: pl.col(column).dt.year().cast(pl.Int64).alias("year")  # noqa: E731
    parts = [
        opening,
        inflow.group_by(year_of("day"), "value").len("inflow"),
        outflow.group_by(year_of("day"), "value").len("outflow"),
        closing,
        moved.group_by(year_of("start_date"), "value").len("internal_mobility"),
        moved.filter("promotion").group_by(year_of("start_date"), "value").len("promotions"),
    ]
    table = pl.concat([p.select("year", "value") for p in parts]).unique()
    for part in parts:
        table = table.join(part, on=["year", "value"], how="left")
    table = table.with_columns(pl.all().exclude("year", "value").fill_null(0).cast(pl.Int64))
    table = table.with_columns(
        transfers_net=pl.col("closing") - pl.col("opening") - pl.col("inflow") + pl.col("outflow"),
    )
    return ordered(table, by=by or "").sort("year", maintain_order=True).select("year", "value", *FLOW_COLUMNS)
