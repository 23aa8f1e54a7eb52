"""The `outflow` section of the analysis document: influenceable outflow per year and category,
per life phase, and the pension wave ahead (DESIGN §4; analytics/outflow_kinds.py).

Per year (whole organisation) the rows are those of `outflow_by_kind`; per category they cover the
12 months up to as_of (`last_12_months`, the policy scan's window, which also holds the exits of a
snapshot dated on as_of), or, for a reader of the dashboards (`pages`: the web's download and
API), the last whole calendar year up to as_of, the dashboards' own period
(`protected_report_flows.outflow_window`). Both count the flow tables' leavers, so their rows are withheld as one
decision with the flow tables' (`protected_report_flows.report_withheld`, issue 16): a year's row
with the whole organisation's flow row of that year, a window row as the audit of the whole set
decides (its population: the spells in the group during the 12 months). Per life phase the rows follow a cohort: the people in the phase on the
window's first day, and how many of them left influenceably (or into the pension wave) up to as_of; phases overlap (DESIGN §5), so these
rows do not add up. The pension wave counts the people employed on as_of who reach their AOW date
in each of the next five years; its rows are cells of the report's day set on as_of
(`report_phase_cells`), withheld as that set decides with the composition and phases tables.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.outflow_kinds import (
    OUTFLOW_VALUES, WAVE_YEARS, aow_wave, each_window_members, outflow_by_kind, outflow_in_window,
    phase_cohort_members,
)
from levensfase.analytics.phase_categories import phase_order
from levensfase.analytics.privacy import mark_withheld
from levensfase.analytics.protected_year import report_day
from levensfase.analytics.protected_report_flows import (
    OUTFLOW_BY, PHASES, WINDOW, Row, blank_withheld, outflow_by, outflow_window, report_withheld,
)
from levensfase.analytics.report_phase_cells import WAVE
from levensfase.model.lifephase import PhaseRules
from levensfase.model.pension import last_statutory_year
from levensfase.model.workforce import Workforce

__all__ = ["OUTFLOW_BY", "WAVE_YEARS", "outflow_section"]


def outflow_section(workforce: Workforce, *, as_of: date, k: int, years: list[int],
                    rules: PhaseRules | None = None, hidden: frozenset[Row] | None = None,
                    pages: bool = False) -> dict[str, Any]:
    """JSON-ready. The yearly and window rows are withheld as `report_withheld` decides (`hidden`:
    that decision, when the caller made it for the flow tables; `pages` as in `flows_section`);
    the pension wave as the report's day set on as_of decides (`protected_year.report_day`)."""
    from levensfase.analytics.report import clean

    if hidden is None:
        hidden = report_withheld(workforce, as_of=as_of, years=years, k=k, pages=pages, rules=rules)

    first_start = workforce.assignments.get_column("start_date").min()
    partial_first = bool(years and first_start is not None and first_start.year == years[0]
                         and (first_start.month, first_start.day) != (1, 1))
    total = _rows(outflow_by_kind(workforce, years=years), by=None, hidden=hidden)
    start, end = outflow_window(workforce, as_of=as_of, pages=pages)
    bys = outflow_by(pages=pages)
    tables = {by: outflow_in_window(workforce, start=start, end=end, by=by, members=members)
              for by, members in each_window_members(workforce, start=start, end=end, bys=[None, *bys])}
    window = {"from": start, "to": end, "total": _rows(tables[None], by=WINDOW, hidden=hidden),
              "by_category": {by: _rows(tables[by], by=f"{WINDOW}:{by}", hidden=hidden) for by in bys}}
    day = report_day(workforce, day=as_of, k=k, pages=pages, end=as_of)  # the wave is in the report's day set
    wave = aow_wave(workforce, as_of=as_of, years=WAVE_YEARS)
    wave = mark_withheld(wave, day.hides(WAVE, wave["year"]), values=["persons"])
    return clean({
        "years": years, "partial_first_year": partial_first, "total": total, "last_12_months": window,
        "by_life_phase": _phase_rows(workforce, start=start, end=end, rules=rules, hidden=hidden),
        "pension_wave": wave.select("year", "from", "to", "persons", "statutory", "suppressed").to_dicts(),
        "aow_statutory_until": last_statutory_year(),
    })


def _rows(table: pl.DataFrame, *, by: str | None, hidden: frozenset[Row]) -> list[dict[str, Any]]:
    """The rows, a withheld one (`hidden` holds (by, year, value)) with every number empty."""
    if table.height == 0:
        return []
    table = blank_withheld(table, by=by, hidden=hidden, values=("population", *OUTFLOW_VALUES))
    return table.select("year", "value", "population", *OUTFLOW_VALUES, "suppressed").to_dicts()


def _phase_rows(workforce: Workforce, *, start: date, end: date, rules: PhaseRules | None,
                hidden: frozenset[Row]) -> list[dict[str, Any]]:
    """Cohort per life phase on `start`: population, influenceable and pension exits up to `end`
    (`phase_cohort_members`), rows withheld as `hidden` says (by PHASES)."""
    counts = phase_cohort_members(workforce, start=start, end=end, rules=rules).group_by("value").agg(
        *((pl.col("measure") == m).sum().cast(pl.Int64).alias(m) for m in ("population", "influenceable", "pension")))
    table = counts.with_columns(influenceable_share=pl.col("influenceable") / pl.col("population"))
    order = {v: i for i, v in enumerate(phase_order("life_phase", rules))}
    table = table.sort(pl.col("value").replace_strict(order, default=len(order), return_dtype=pl.Int64), "value")
    table = blank_withheld(table, by=PHASES, hidden=hidden, year=end.year,
                           values=("population", "influenceable", "pension", "influenceable_share"))
    return table.with_columns(on=pl.lit(start), to=pl.lit(end)).select(
        "on", "to", "value", "population", "influenceable", "pension", "influenceable_share", "suppressed").to_dicts()
