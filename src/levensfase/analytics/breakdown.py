"""DESIGN §4 period metrics per category (`levensfase metrics --by`), suppressed on the way out.

Each count is taken where it happens: headcount on the first and last day, inflow on the first
day of a spell, outflow on its last day, a move on its first day — each in the category the
person or assignment had on that day. The population of a row (the basis of small-cell
suppression) is everybody the row counts, plus everybody employed in that category in the period.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.categories import attach, ordered
from levensfase.analytics.phase_categories import PHASE_CATEGORIES, attach_phase
from levensfase.analytics.metrics import Outflow, PeriodMetrics, covering, moves, period_metrics
from levensfase.analytics.privacy import suppress
from levensfase.model.schema import END_REASONS
from levensfase.model.workforce import Workforce

COUNTS = (
    "headcount_start", "headcount_end", "fte_start", "fte_end", "inflow",
    "outflow_total", *(f"outflow_{r}" for r in END_REASONS), "internal_mobility", "promotions",
)


def _on_day(assignments: pl.DataFrame, day: date) -> pl.DataFrame:
    return covering(assignments, day).with_columns(day=pl.lit(day))


def period_counts_by(workforce: Workforce, *, start: date, end: date, by: str, per_person: bool = False) -> pl.DataFrame:
    """Counts per category value: population plus the additive counts of COUNTS. `per_person`:
    one row per value and person instead (what each person adds to each count: the privacy
    engine audits those, analytics.protected_flows)."""
    keys = ["value", "person_id"] if per_person else ["value"]
    a = workforce.assignments
    spells = workforce.spells
    in_period = lambda column: pl.col(column).is_between(start, end)  # noqa: E731

    def tag(events: pl.DataFrame, workforce: Workforce, *, by: str, day: str) -> pl.DataFrame:
        if by in PHASE_CATEGORIES:  # profiles on the period bounds (see analytics.phase_categories)
            return attach_phase(events, workforce, by=by, day=day, start=start, end=end)
        return attach(events, workforce, by=by, day=day)

    first_day = tag(_on_day(a, start), workforce, by=by, day="day")
    last_day = tag(_on_day(a, end), workforce, by=by, day="day")
    hires = tag(
        spells.filter(in_period("start_date"))
        .join(a.drop("end_date", "end_reason"), on=["person_id", "start_date"]),
        workforce, by=by, day="start_date",
    )
    leaving = spells.filter(in_period("end_date")).select(
        "person_id", "spell_no", pl.col("end_date").alias("day"), pl.col("end_reason").fill_null("other")
    )
    leavers = tag(
        leaving.join(a.drop("end_reason"), on="person_id").filter(
            (pl.col("start_date") <= pl.col("day")) & (pl.col("end_date") >= pl.col("day"))
        ),
        workforce, by=by, day="day",
    )
    moved = tag(
        moves(a, workforce.jobs).filter(in_period("start_date"))
        .join(a.select("person_id", "start_date", "unit_id", "job_id", "contract"),
              on=["person_id", "start_date", "unit_id", "job_id"], how="left"),
        workforce, by=by, day="start_date",
    )
    employed = tag(
        a.filter((pl.col("start_date") <= end) & (pl.col("end_date").is_null() | (pl.col("end_date") >= start)))
        .with_columns(day=pl.max_horizontal(pl.col("start_date"), pl.lit(start))),
        workforce, by=by, day="day",
    )

    def count(frame: pl.DataFrame, name: str, *keys: str) -> pl.DataFrame:
        return frame.group_by(group).agg(pl.struct("person_id", *keys).n_unique().alias(name))

    group = keys
    parts = [
        first_day.group_by(group).agg(
            pl.col("person_id").n_unique().alias("headcount_start"), pl.col("fte").sum().alias("fte_start")
        ),
        last_day.group_by(group).agg(
            pl.col("person_id").n_unique().alias("headcount_end"), pl.col("fte").sum().alias("fte_end")
        ),
        count(hires, "inflow", "spell_no"),
        count(leavers, "outflow_total", "spell_no"),
        *(count(leavers.filter(end_reason=r), f"outflow_{r}", "spell_no") for r in END_REASONS),
        count(moved, "internal_mobility", "start_date"),
        count(moved.filter("promotion"), "promotions", "start_date"),
    ]
    everyone = pl.concat([f.select("value", "person_id") for f in (first_day, last_day, hires, leavers, moved, employed)])
    table = everyone.group_by(group).agg(pl.col("person_id").n_unique().alias("population"))
    for part in parts:
        table = table.join(part, on=group, how="left")
    return ordered(table.with_columns(pl.col(c).fill_null(0) for c in COUNTS), by=by)


def period_metrics_by(workforce: Workforce, *, start: date, end: date, by: str, k: int = 5) -> dict[str, Any]:
    """The `levensfase metrics --by` JSON: rows per category value (suppressed below k) and the total.

    Rows partition the events except for unit, job family and contract, where a person with two
    concurrent assignments counts in both groups, and life_phase, where a person counts in every
    named phase that applies; the total always counts them once.
    """
    counts = period_counts_by(workforce, start=start, end=end, by=by)
    result = suppress(counts, k=k, population="population", values=list(COUNTS), has_total=True)
    rows = [_row(r) for r in result.table.iter_rows(named=True)]
    if result.total_withheld:
        total = {"value": "total", "population": None, "suppressed": True, **_withheld()}
    else:
        metrics = period_metrics(workforce, start=start, end=end)
        total = {"value": "total", "population": _population(workforce, start, end), "suppressed": False,
                 **_metric_keys(metrics)}
    return {"from": start.isoformat(), "to": end.isoformat(), "by": by, "k": k, "rows": rows, "total": total}


METRIC_KEYS = (
    "headcount_start", "headcount_end", "average_headcount", "fte_start", "fte_end", "inflow", "outflow",
    "turnover_rate", "voluntary_turnover_rate", "internal_mobility", "promotions",
)


def _population(workforce: Workforce, start: date, end: date) -> int:
    a = workforce.assignments
    return a.filter(
        (pl.col("start_date") <= end) & (pl.col("end_date").is_null() | (pl.col("end_date") >= start))
    ).get_column("person_id").n_unique()


def _metric_keys(metrics: PeriodMetrics) -> dict[str, Any]:
    data = metrics.as_dict()
    return {key: data[key] for key in METRIC_KEYS}


def _withheld() -> dict[str, Any]:
    return {**{key: None for key in METRIC_KEYS}, "outflow": {key: None for key in ("total", *END_REASONS)}}


def _row(row: dict[str, Any]) -> dict[str, Any]:
    if row["suppressed"]:
        return {"value": row["value"], "population": None, "suppressed": True, **_withheld()}
    metrics = PeriodMetrics(
        start=date.min, end=date.min,
        headcount_start=row["headcount_start"], headcount_end=row["headcount_end"],
        fte_start=row["fte_start"], fte_end=row["fte_end"], inflow=row["inflow"],
        outflow=Outflow(total=row["outflow_total"], **{r: row[f"outflow_{r}"] for r in END_REASONS}),
        internal_mobility=row["internal_mobility"], promotions=row["promotions"],
    )
    return {"value": row["value"], "population": row["population"], "suppressed": False, **_metric_keys(metrics)}
