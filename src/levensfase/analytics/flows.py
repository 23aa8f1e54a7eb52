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


def _stocks(spells: pl.DataFrame, years: list[int]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Whole-organisation opening and closing per year by counting, without crossing spells and years:
    opening(y) = spells begun before year y minus those ended before it; closing(y) likewise to the end of y."""
    begun = spells.group_by(pl.col("start_date").dt.year().cast(pl.Int64).alias("y")).len("n")
    ended = spells.filter(pl.col("end_date").is_not_null()).group_by(
        pl.col("end_date").dt.year().cast(pl.Int64).alias("y")).len("n")
    before = lambda counts, year: int(counts.filter(pl.col("y") < year)["n"].sum())  # noqa: E731
    opening = [before(begun, y) - before(ended, y) for y in years]
    closing = [before(begun, y + 1) - before(ended, y + 1) for y in years]
    frame = lambda name, counts: pl.DataFrame(  # noqa: E731
        {"year": years, "value": ["all"] * len(years), name: counts},
        schema={"year": pl.Int64, "value": pl.String, name: pl.UInt32})
    # Like a group-by, a year without any such spell gets no row (the caller fills in 0).
    return frame("opening", opening).filter(pl.col("opening") > 0), frame("closing", closing).filter(pl.col("closing") > 0)


def yearly_flows(workforce: Workforce, *, years: Sequence[int], by: str | None = None) -> pl.DataFrame:
    """Rows year, value and FLOW_COLUMNS; with by=None one row per year with value "all".

    All years at once (no loop over years): per category, spells are crossed with the years and
    each count is one filter and one group-by; for the whole organisation the stocks are plain
    running counts. Ten years cost little more than one.
    """
    wanted = sorted(set(years))
    if not wanted:
        return pl.DataFrame(schema={"year": pl.Int64, "value": pl.String, **{c: pl.Int64 for c in FLOW_COLUMNS}})
    spells = workforce.spells
    start_year, end_year = pl.col("start_date").dt.year().cast(pl.Int64), pl.col("end_date").dt.year().cast(pl.Int64)
    if by is None:
        opening, closing = _stocks(spells, wanted)
    else:
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
    moved = moved.with_columns(value=pl.lit("all")) if by is None else attach(
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
