"""What the dashboards publish, defined once in the core: composition on a day and the per-category
period table, both read from the protected patterns (analytics.protected_day, .protected_periods).

A dashboard selector loads the scoped workforce, calls these with `k` read once per request, and
turns the frames into panels; it decides nothing about what is hidden (DESIGN §8).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.categories import ordered
from levensfase.analytics.metrics import period_metrics
from levensfase.analytics.phase_categories import phase_order
from levensfase.analytics.privacy import Cell, withheld
from levensfase.analytics.protected_flows import flow_period_pattern, flow_year
from levensfase.analytics.protected_year import published_day_pattern
from levensfase.analytics.scope import subtree_workforce
from levensfase.model.workforce import Workforce

__all__ = ["Average", "CompositionTables", "category_table", "composition_tables", "period_table", "unit_workforce",
           "yearly_rates"]

PERIOD_VALUES = ["headcount_start", "headcount_end", "inflow", "internal_mobility", "outflow_total", "turnover_rate",
                 "doorstroom_rate"]


@dataclass(frozen=True)
class CompositionTables:
    day: date
    headcount: int | None  # None when hidden
    pyramid: pl.DataFrame  # age_band, sex, headcount (null when hidden), suppressed
    mix: dict[str, pl.DataFrame]  # generation / life_phase → value, headcount, suppressed


@dataclass(frozen=True)
class Average:
    turnover_rate: float | None
    doorstroom_rate: float | None
    retention_2y: float | None


def _order(table: pl.DataFrame, by: str) -> pl.DataFrame:
    if by == "life_phase":
        order = phase_order("life_phase")
        return table.sort(pl.col("value").replace_strict(order, list(range(len(order))), default=len(order)),
                          maintain_order=True)
    return ordered(table, by=by)


def composition_tables(workforce: Workforce, *, day: date, k: int, unit: str | None = None,
                       end: date | None = None) -> CompositionTables:
    """Headcount, age pyramid and generation / life-phase mix of `unit`'s subtree (None: the whole
    `workforce`, which must be the user's whole scope so that all subtrees are protected together).
    `end`: the pages' last day of the day's year (the running year's as-of day; default 31 December)."""
    pattern = published_day_pattern(workforce, day=day, k=k, end=end)
    scope = unit or None
    people = pattern.counts.get((scope, "total", None), 0)
    headcount = None if not pattern.shown(scope, "total", None) else people
    pyramid = ordered(pattern.table(scope, "pyramid").rename({"age_band": "value"}), by="age_band").rename(
        {"value": "age_band"})
    mix = {by: _order(pattern.table(scope, by), by) for by in ("generation", "life_phase")}
    return CompositionTables(day=day, headcount=headcount, pyramid=pyramid, mix=mix)


def period_table(workforce: Workforce, *, start: date, end: date, by: str, k: int,
                 unit: str | None = None) -> tuple[pl.DataFrame, bool]:
    """period_counts_by for the whole years start..end of `unit`'s subtree, with `suppressed` (flows
    and population nulled where hidden, protected across overlapping periods), and whether the
    period's total may be shown."""
    sub = unit_workforce(workforce, unit or None)
    years = range(start.year, end.year + 1)  # each year is protected on its own; rows read only these
    pattern = flow_period_pattern(workforce, by=by, years=years, end=end, k=k, unit=unit or None)
    return pattern.rows(sub, start=start, end=end)


def category_table(workforce: Workforce, *, start: date, end: date, by: str, k: int, unit: str | None = None,
                   retention: pl.DataFrame | None = None) -> tuple[pl.DataFrame, Average | None]:
    """One row per group of `by` for the whole years start..end: population, headcount on the first
    and last day, the flows and the rates per 100 of average headcount, with `suppressed` (the
    flows), `start_suppressed` / `end_suppressed` (the headcounts, protected with every table of
    that day) and, from `retention` (value, cohort, retention_2y), the 2-year retention.
    Returns the organisation average too, or None when the period's total is withheld.
    `workforce` is the user's whole scope and `unit` the chosen subtree (None: all of it)."""
    scope = unit or None
    sub = unit_workforce(workforce, scope)
    table, total_shown = period_table(workforce, start=start, end=end, by=by, k=k, unit=scope)
    first = published_day_pattern(workforce, day=start, k=k, end=min(date(start.year, 12, 31), end))
    last = published_day_pattern(workforce, day=end, k=k, end=end)
    values = table["value"].to_list()
    extra = (flow_year(workforce, by=by, year=start.year, end=min(date(start.year, 12, 31), end), k=k).extra_headcounts
             | flow_year(workforce, by=by, year=end.year, end=end, k=k).extra_headcounts)
    start_hidden = [not first.shown(scope, by, v) or (start, scope, v) in extra for v in values]
    end_hidden = [not last.shown(scope, by, v) or (end, scope, v) in extra for v in values]
    table = table.with_columns(pl.Series("start_suppressed", start_hidden, dtype=pl.Boolean),
                               pl.Series("end_suppressed", end_hidden, dtype=pl.Boolean))
    average = (pl.col("headcount_start") + pl.col("headcount_end")) / 2
    hidden_rate = pl.col("suppressed") | pl.col("start_suppressed") | pl.col("end_suppressed")
    rate = lambda c: pl.when(hidden_rate | (average <= 0)).then(None).otherwise(100 * pl.col(c) / average)  # noqa: E731
    table = table.with_columns(turnover_rate=rate("outflow_total"), doorstroom_rate=rate("internal_mobility")).with_columns(
        pl.when(pl.col("start_suppressed")).then(None).otherwise(pl.col("headcount_start")).alias("headcount_start"),
        pl.when(pl.col("end_suppressed")).then(None).otherwise(pl.col("headcount_end")).alias("headcount_end"),
    )
    if retention is None:
        retention = pl.DataFrame(schema={"value": pl.String, "cohort": pl.Int64, "retention_2y": pl.Float64})
    table = table.join(retention, on="value", how="left")
    cohort = [Cell(key=v, members=frozenset([v]), population=int(n or 0)) for v, n in
              zip(table["value"].to_list(), table["cohort"].to_list())]
    small = withheld(cohort, k=k) if cohort else frozenset()
    table = table.with_columns(pl.Series("retention_suppressed", [v in small for v in values], dtype=pl.Boolean))
    table = table.with_columns(pl.when(pl.col("retention_suppressed") | pl.col("suppressed")).then(None)
                               .otherwise(pl.col("retention_2y")).alias("retention_2y"))
    table = _order(table.select("value", "population", *PERIOD_VALUES, "retention_2y", "suppressed", "start_suppressed",
                                "end_suppressed", "retention_suppressed"), by)
    if not total_shown:
        return table, None
    m = period_metrics(sub, start=start, end=end)
    return table, Average(
        turnover_rate=m.turnover_rate,
        doorstroom_rate=100 * m.internal_mobility / m.average_headcount if m.average_headcount else None,
        retention_2y=None,
    )


def yearly_rates(workforce: Workforce, *, first_year: int, last_year: int, end: date, by: str, k: int,
                 unit: str | None = None) -> pl.DataFrame:
    """year, value and the rates per 100 of average headcount for each single year, protected with
    every other whole-year period and with the headcounts of the days they use."""
    frames = []
    for year in range(first_year, last_year + 1):
        table, _average = category_table(workforce, start=date(year, 1, 1), end=min(date(year, 12, 31), end), by=by, k=k,
                                           unit=unit)
        average = (pl.col("headcount_start") + pl.col("headcount_end")) / 2
        rate = lambda c: pl.when(average > 0).then(100 * pl.col(c) / average).otherwise(None)  # noqa: E731
        hidden = pl.col("suppressed") | pl.col("start_suppressed") | pl.col("end_suppressed")
        frames.append(table.select(
            "value", "population", "inflow", "internal_mobility", "outflow_total", average.alias("average_headcount"),
            pl.when(hidden).then(None).otherwise(rate("inflow")).alias("inflow_rate"),
            "doorstroom_rate", "turnover_rate", hidden.alias("suppressed"), pl.lit(year).alias("year"),
        ))
    return pl.concat(frames, how="diagonal_relaxed")


def unit_workforce(workforce: Workforce, unit: str | None) -> Workforce:
    """The subtree of `unit` (None: everything) as a workforce of its own."""
    return subtree_workforce(workforce, unit)
