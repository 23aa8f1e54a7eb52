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
from datetime import date

import polars as pl

from levensfase.analytics.categories import PERSON_CATEGORIES, attach, ordered, with_person_categories
from levensfase.analytics.metrics import covering_days, move_starts
from levensfase.model.workforce import Workforce

FLOW_COLUMNS = ("opening", "inflow", "outflow", "transfers_net", "closing", "internal_mobility", "promotions")


_MAIN_FIRST: weakref.WeakKeyDictionary[Workforce, pl.DataFrame] = weakref.WeakKeyDictionary()


def _main_first(workforce: Workforce) -> pl.DataFrame:
    """The assignments (without end_reason) with each person's largest job first (FTE, then start,
    unit, job): the category of a person with two concurrent jobs is that of the main one. Joined
    with maintain_order="right", a later `unique(keep="first")` then picks it without sorting the
    (much larger) joined frame. Sorted once per workforce: every category and day set uses it."""
    if workforce not in _MAIN_FIRST:
        _MAIN_FIRST[workforce] = workforce.assignments.drop("end_reason").sort(
            "person_id", "fte", "start_date", "unit_id", "job_id", descending=[False, True, False, False, False])
    return _MAIN_FIRST[workforce]


_CATEGORY_COLUMNS = ("person_id", "start_date", "end_date", "unit_id", "job_id", "contract")  # what `attach` reads


def _main_on_day(workforce: Workforce, rows: pl.DataFrame, key: list[str],
                 columns: tuple[str, ...] | None = None) -> pl.DataFrame:
    """`rows` (person_id, day, …) with the columns of the main assignment covering `day` (one per `key`).
    `columns`: only these of the assignment's (the flows' counts need the category columns alone:
    a narrower join of every spell-year with every job of its person)."""
    a = _main_first(workforce)
    a = (a.select(columns) if columns else a).rename({"start_date": "a_start", "end_date": "a_end"})
    on_day = rows.join(a, on="person_id", maintain_order="right").filter(
        (pl.col("a_start") <= pl.col("day")) & (pl.col("a_end").is_null() | (pl.col("a_end") >= pl.col("day")))
    )
    return on_day.unique(key, keep="first", maintain_order=False).rename({"a_start": "start_date", "a_end": "end_date"})


def _boundary(workforce: Workforce, crossing: pl.DataFrame, *, by: str | None,
              main: pl.DataFrame | None = None) -> pl.DataFrame:
    """Spell-years crossing their boundary `day`, each in the category it has on that day. `main`:
    the crossing with its main assignments already found (shared by the assignment categories)."""
    if by is None:
        return crossing.with_columns(value=pl.lit("all"))
    if by in PERSON_CATEGORIES:  # no assignment needed: the person and the day decide
        return attach(crossing.select("person_id", "year", "day"), workforce, by=by, day="day")
    if main is None:
        main = _main_on_day(workforce, crossing.select("person_id", "year", "day"), ["person_id", "year"])
    return attach(main, workforce, by=by, day="day")


def category_at(workforce: Workforce, spells: pl.DataFrame, column: str, by: str | None,
                main: pl.DataFrame | None = None) -> pl.DataFrame:
    """Spells in the category they had on their own start or end day (`column`); with two jobs that
    day, the one with most FTE. Returns person_id, spell_no, day, the assignment's columns and value.
    `main`: `main_at(workforce, spells, column)`, when several categories are asked of the same spells."""
    if by is None:
        return spells.with_columns(day=pl.col(column), value=pl.lit("all"))
    if by in PERSON_CATEGORIES:
        return attach(spells.select("person_id", "spell_no", pl.col(column).alias("day")), workforce, by=by, day="day")
    return attach(main if main is not None else main_at(workforce, spells, column), workforce, by=by, day="day")


def main_at(workforce: Workforce, spells: pl.DataFrame, column: str,
            columns: tuple[str, ...] | None = None) -> pl.DataFrame:
    """person_id, spell_no, day and the main assignment's columns (`columns` of them) on each spell's
    day `column`."""
    days = spells.select("person_id", "spell_no", pl.col(column).alias("day"))
    return _main_on_day(workforce, days, ["person_id", "spell_no"], columns)


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


_FLOWS: weakref.WeakKeyDictionary[Workforce, dict[tuple[str | None, tuple[int, ...]], pl.DataFrame]] = (
    weakref.WeakKeyDictionary())
_EMPTY = {"year": pl.Int64, "value": pl.String, **{c: pl.Int64 for c in FLOW_COLUMNS}}


def yearly_flows(workforce: Workforce, *, years: Sequence[int], by: str | None = None) -> pl.DataFrame:
    """Rows year, value and FLOW_COLUMNS; with by=None one row per year with value "all".

    All years at once (no loop over years): per category, spells are crossed with the years and
    each count is one filter and one group-by; for the whole organisation (`_whole`) every column
    is a count per year of one date column. Ten years cost little more than one.
    """
    return flows_by(workforce, years=years, bys=[by])[by]


def flows_by(workforce: Workforce, *, years: Sequence[int], bys: Sequence[str | None]) -> dict[str | None, pl.DataFrame]:
    """`yearly_flows` for each of `bys`: the spells crossing each year boundary and their main
    assignments are found once for all categories, and every table is kept per workforce (the
    report and its outflow section ask for the same ones)."""
    wanted = tuple(sorted(set(years)))
    memo = _FLOWS.setdefault(workforce, {})
    missing = [by for by in dict.fromkeys(bys) if (by, wanted) not in memo]
    shared = _Shared(workforce, list(wanted))  # its parts are made only when a category asks
    # the person categories first, then their tables are let go before the assignment categories
    # build theirs: a sector's spell-years held twice over would raise the peak by gigabytes
    missing = sorted(missing, key=lambda by: by not in PERSON_CATEGORIES)
    for i, by in enumerate(missing):
        if not wanted:
            memo[(by, wanted)] = pl.DataFrame(schema=_EMPTY)
        elif by is None:
            memo[(by, wanted)] = _whole(workforce, list(wanted))
        else:
            memo[(by, wanted)] = _flows(shared, by)
        if by in PERSON_CATEGORIES and not any(b in PERSON_CATEGORIES for b in missing[i + 1:]):
            shared.forget_people()
    return {by: memo[(by, wanted)] for by in bys}


class _Shared:
    """What the flow tables of several categories have in common, each part made when first asked."""

    def __init__(self, workforce: Workforce, wanted: list[int]) -> None:
        self.workforce, self.wanted, self._parts = workforce, wanted, {}

    def part(self, name: str) -> pl.DataFrame:
        if name not in self._parts:
            self._parts[name] = getattr(self, f"_{name}")()
        return self._parts[name]

    def forget_people(self) -> None:
        for key in [key for key in self._parts if key.endswith("_people")]:
            del self._parts[key]

    def people(self, name: str) -> pl.DataFrame:
        """The rows of part `name` with the three person categories on their day (opening, closing:
        the boundary; started, ended: the spell's own start or end, in `day`; moved: the move's start),
        as `_boundary` / `category_at` / `attach` give them one category at a time."""
        key = f"{name}_people"
        if key not in self._parts:
            rows = self.part(name)
            if name in ("opening", "closing"):
                rows, day = rows.select("person_id", "year", "day"), "day"
            elif name in ("started", "ended"):
                column = {"started": "start_date", "ended": "end_date"}[name]
                rows, day = rows.select("person_id", "spell_no", day=pl.col(column)), "day"
            else:
                day = "start_date"
            self._parts[key] = with_person_categories(rows, self.workforce, day=day)
        return self._parts[key]

    def _crossing(self, closing: bool) -> pl.DataFrame:
        """Spell-years open on 1 January and begun before it (opening) / open on 31 December and going
        on after it (closing): each spell's years as a range, not spells × every year."""
        start_year = pl.col("start_date").dt.year().cast(pl.Int64)
        end_year = pl.col("end_date").dt.year().cast(pl.Int64)
        low, high = self.wanted[0], self.wanted[-1]
        first = pl.max_horizontal(start_year + (0 if closing else 1), pl.lit(low))
        last = pl.min_horizontal(pl.when(pl.col("end_date").is_null()).then(pl.lit(high))
                                 .otherwise(end_year - (1 if closing else 0)), pl.lit(high))
        rows = self.workforce.spells.select("person_id", "spell_no", year=pl.int_ranges(first, last + 1, dtype=pl.Int64))
        rows = rows.explode("year").drop_nulls("year").filter(pl.col("year").is_in(self.wanted))
        return rows.with_columns(day=pl.date(pl.col("year"), 12, 31) if closing else pl.date(pl.col("year"), 1, 1))

    def _opening(self) -> pl.DataFrame:
        return self._crossing(closing=False)

    def _closing(self) -> pl.DataFrame:
        return self._crossing(closing=True)

    def _opening_main(self) -> pl.DataFrame:
        return self._boundary_main("opening")

    def _closing_main(self) -> pl.DataFrame:
        return self._boundary_main("closing")

    def _boundary_main(self, name: str) -> pl.DataFrame:
        """`_main_on_day` of the spell-years crossing a boundary, found from the other side: the
        boundaries are a few days (1 January or 31 December of each year), so each assignment is
        spread over the ones it covers (`covering_days`) and the first in `_main_first`'s order per
        person and day is the main one, joined to the spell-years. The same rows, without joining
        every spell-year with every job of its person (a sector's largest frame)."""
        rows = self.part(name).select("person_id", "year", "day")
        days = sorted(date(y, 12, 31) if name == "closing" else date(y, 1, 1) for y in self.wanted)
        main = (covering_days(_main_first(self.workforce).select(_CATEGORY_COLUMNS), days)
                .unique(["person_id", "day"], keep="first", maintain_order=False))
        return rows.join(main, on=["person_id", "day"], how="inner")

    def _started(self) -> pl.DataFrame:
        return self.workforce.spells.filter(pl.col("start_date").dt.year().cast(pl.Int64).is_in(self.wanted))

    def _ended(self) -> pl.DataFrame:
        return self.workforce.spells.filter(pl.col("end_date").dt.year().cast(pl.Int64).is_in(self.wanted))

    def _started_main(self) -> pl.DataFrame:
        return main_at(self.workforce, self.part("started"), "start_date", _CATEGORY_COLUMNS)

    def _ended_main(self) -> pl.DataFrame:
        return main_at(self.workforce, self.part("ended"), "end_date", _CATEGORY_COLUMNS)

    def _moved(self) -> pl.DataFrame:
        moved = _moves(self.workforce).filter(pl.col("start_date").dt.year().is_in(self.wanted))
        return moved.join(self.workforce.assignments.select("person_id", "start_date", "unit_id", "job_id", "contract"),
                          on=["person_id", "start_date", "unit_id", "job_id"], how="left")


def _events(shared: _Shared, by: str | None) -> dict[str, pl.DataFrame]:
    """Per measure, what each person adds to it: rows person_id, year, value (one per spell-year,
    start, end or move; by None: value "all") — counted into the tables here and into the report's
    privacy audit (`flow_members`), so both read one definition."""
    workforce = shared.workforce
    year_of = lambda column: pl.col(column).dt.year().cast(pl.Int64).alias("year")  # noqa: E731
    if by in PERSON_CATEGORIES:  # the three person categories of each part from one join with the people
        value = pl.col(f"_{by}").alias("value")
        opening, closing, inflow, outflow, moved = (shared.people(name).with_columns(value) for name in (
            "opening", "closing", "started", "ended", "moved"))
    else:
        main = (lambda name: None) if by is None else shared.part  # noqa: E731
        opening = _boundary(workforce, shared.part("opening"), by=by, main=main("opening_main"))
        closing = _boundary(workforce, shared.part("closing"), by=by, main=main("closing_main"))
        inflow = category_at(workforce, shared.part("started"), "start_date", by, main=main("started_main"))
        outflow = category_at(workforce, shared.part("ended"), "end_date", by, main=main("ended_main"))
        moved = shared.part("moved")
        moved = (moved.with_columns(value=pl.lit("all")) if by is None
                 else attach(moved, workforce, by=by, day="start_date"))
    moved = moved.select("person_id", year_of("start_date"), "value", "promotion")
    return {
        "opening": opening,
        "inflow": inflow.with_columns(year_of("day")),
        "outflow": outflow.with_columns(year_of("day")),
        "closing": closing,
        "internal_mobility": moved,
        "promotions": moved.filter("promotion"),
    }


def _flows(shared: _Shared, by: str) -> pl.DataFrame:
    parts = [rows.group_by("year", "value").len(measure) for measure, rows in _events(shared, by).items()]
    table = pl.concat([p.select("year", "value") for p in parts]).unique()
    for part in parts:
        table = table.join(part, on=["year", "value"], how="left")
    table = table.with_columns(pl.all().exclude("year", "value").fill_null(0).cast(pl.Int64))
    table = table.with_columns(
        transfers_net=pl.col("closing") - pl.col("opening") - pl.col("inflow") + pl.col("outflow"),
    )
    return ordered(table, by=by).sort("year", maintain_order=True).select("year", "value", *FLOW_COLUMNS)


def flow_members(workforce: Workforce, *, years: Sequence[int], bys: Sequence[str]) -> pl.DataFrame:
    """What each person adds to each count of `flows_by`'s tables per category: by, year, value,
    measure, person_id, n (the whole organisation is `by` null, value "all"). Persons, not
    person-years: the same person links a year's closing to the next year's opening."""
    wanted = sorted(set(years))
    if not wanted:
        return pl.DataFrame(schema={"by": pl.String, "year": pl.Int64, "value": pl.String, "measure": pl.String,
                                    "person_id": pl.String, "n": pl.UInt32})
    shared = _Shared(workforce, wanted)
    frames = [rows.select("person_id", "year", pl.col("value").cast(pl.String), by=pl.lit(by, dtype=pl.String),
                          measure=pl.lit(measure))
              for by in (None, *bys) for measure, rows in _events(shared, by).items()]
    return (pl.concat(frames).filter(pl.col("year").is_in(wanted))
            .group_by("by", "year", "value", "measure", "person_id").len("n"))
