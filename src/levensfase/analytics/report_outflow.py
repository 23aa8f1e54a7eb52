"""The `outflow` section of the analysis document: influenceable outflow per year and category,
per life phase, and the pension wave ahead (DESIGN §4; analytics/outflow_kinds.py).

Per year and category the rows are those of `outflow_by_kind`, suppressed like the flow tables
(population = the spells in the group during the year). Per life phase the rows follow a cohort:
the people in the phase on 1 January of the last complete year, and how many of them left
influenceably (or into the pension wave) during that year; phases overlap (DESIGN §5), so these
rows do not add up. The pension wave counts the people employed on as_of who reach their AOW date
in each of the next five years.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.outflow_kinds import EXIT_KINDS, PARTS, aow_wave, classified_exits, outflow_by_kind
from levensfase.analytics.phase_categories import phase_order, phase_values
from levensfase.analytics.privacy import suppress
from levensfase.model.lifephase import PhaseRules
from levensfase.model.pension import last_statutory_year
from levensfase.model.workforce import Workforce

__all__ = ["OUTFLOW_BY", "WAVE_YEARS", "outflow_section"]

OUTFLOW_BY = ("age_band", "job_family", "unit", "contract")
WAVE_YEARS = 5
_VALUES = ["average_stock", "outflow", *EXIT_KINDS, *PARTS, "influenceable_rate", "pension_rate"]


def outflow_section(workforce: Workforce, *, as_of: date, k: int, years: list[int],
                    rules: PhaseRules | None = None) -> dict[str, Any]:
    """JSON-ready; every table has passed `privacy.suppress`."""
    from levensfase.analytics.report import clean

    first_start = workforce.assignments.get_column("start_date").min()
    partial_first = bool(years and first_start is not None and first_start.year == years[0]
                         and (first_start.month, first_start.day) != (1, 1))
    total = _rows(outflow_by_kind(workforce, years=years), k=k, has_total=False)
    last = years[-1:] if years else []
    by_category = {by: _rows(outflow_by_kind(workforce, years=last, by=by), k=k, has_total=True) for by in OUTFLOW_BY}
    wave = aow_wave(workforce, as_of=as_of, years=WAVE_YEARS).with_columns(population=pl.col("persons"))
    wave = suppress(wave, k=k, population="population", values=["persons"], has_total=False).table
    return clean({
        "years": years, "partial_first_year": partial_first, "total": total, "by_category": by_category,
        "by_life_phase": _phase_rows(workforce, year=last[0], k=k, rules=rules) if last else [],
        "pension_wave": wave.select("year", "from", "to", "persons", "statutory", "suppressed").to_dicts(),
        "aow_statutory_until": last_statutory_year(),
    })


def _rows(table: pl.DataFrame, *, k: int, has_total: bool) -> list[dict[str, Any]]:
    if table.height == 0:
        return []
    parts = [suppress(part, k=k, population="population", values=_VALUES, has_total=has_total).table
             for part in table.partition_by("year", maintain_order=True)]
    return pl.concat(parts).select("year", "value", "population", *_VALUES, "suppressed").to_dicts()


def _phase_rows(workforce: Workforce, *, year: int, k: int, rules: PhaseRules | None) -> list[dict[str, Any]]:
    """Cohort per life phase on 1 January of `year`: population, influenceable and pension exits in the year."""
    start = date(year, 1, 1)
    members = phase_values(workforce, on=start, by="life_phase", rules=rules)
    spells = workforce.spells.filter(
        (pl.col("start_date") <= start) & pl.col("end_date").is_not_null() & (pl.col("end_date").dt.year() == year))
    exits = classified_exits(workforce, spells).select("person_id", "kind").unique("person_id")
    table = members.join(exits, on="person_id", how="left").group_by("value").agg(
        pl.col("person_id").n_unique().cast(pl.Int64).alias("population"),
        (pl.col("kind") == "influenceable").sum().cast(pl.Int64).alias("influenceable"),
        (pl.col("kind") == "pension").sum().cast(pl.Int64).alias("pension"),
    ).with_columns(influenceable_share=pl.col("influenceable") / pl.col("population"))
    order = {v: i for i, v in enumerate(phase_order("life_phase", rules))}
    table = table.sort(pl.col("value").replace_strict(order, default=len(order), return_dtype=pl.Int64), "value")
    hidden = suppress(table, k=k, population="population", values=["influenceable", "pension", "influenceable_share"],
                      has_total=False).table
    return hidden.with_columns(year=pl.lit(year), on=pl.lit(start)).select(
        "year", "on", "value", "population", "influenceable", "pension", "influenceable_share", "suppressed").to_dicts()
