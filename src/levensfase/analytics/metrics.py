"""Period metrics of DESIGN §4: headcount, FTE, inflow, outflow, turnover, doorstroom, promotions.

Exact definitions are the contract; every function here is one of them, over a Workforce.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from levensfase.model.schema import END_REASONS
from levensfase.model.workforce import Workforce, order_assignments


def covering(assignments: pl.DataFrame, on: date) -> pl.DataFrame:
    """Assignments that cover day `on` (start ≤ on ≤ end, an empty end is ongoing)."""
    return assignments.filter(
        (pl.col("start_date") <= on) & (pl.col("end_date").is_null() | (pl.col("end_date") >= on))
    )


def covering_days(assignments: pl.DataFrame, days: Sequence[date]) -> pl.DataFrame:
    """Each assignment once for every day of `days` it covers, with that day in column `day`: the
    rows (and their order) of crossing the assignments with the days and keeping those `covering`
    keeps. For ascending days each assignment's days are one range found by binary search, so the
    assignments × days rows are never made (11 days of a sector: 55 million rows)."""
    wanted = pl.Series("day", list(days), dtype=pl.Date)
    if wanted.len() == 0 or not wanted.is_sorted() or wanted.null_count():
        return assignments.join(wanted.to_frame(), how="cross").filter(
            (pl.col("start_date") <= pl.col("day")) & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("day"))))
    n = wanted.len()
    first = wanted.search_sorted(assignments.get_column("start_date"), side="left")  # first day ≥ start
    after = wanted.search_sorted(assignments.get_column("end_date"), side="right")  # first day > end
    spans = pl.DataFrame({"_first": first, "_after": after, "_start": assignments.get_column("start_date"),
                          "_end": assignments.get_column("end_date")}).select(pl.int_ranges(
        pl.when(pl.col("_start").is_null()).then(n).otherwise("_first"),
        pl.when(pl.col("_end").is_null()).then(n).otherwise(pl.max_horizontal("_first", "_after")),
        dtype=pl.UInt32).alias("_day")).to_series()
    rows = assignments.with_columns(spans).explode("_day").drop_nulls("_day")
    return rows.with_columns(day=pl.lit(wanted).gather(pl.col("_day"))).drop("_day")


def headcount(workforce: Workforce, on: date) -> int:
    """Distinct persons with an assignment covering `on`: two part-time jobs count once."""
    return covering(workforce.assignments, on).get_column("person_id").n_unique()


def fte(workforce: Workforce, on: date) -> float:
    """Sum of fte of the assignments covering `on`: two part-time jobs add up."""
    total = covering(workforce.assignments, on).get_column("fte").sum()
    return float(total or 0.0)


def moves(assignments: pl.DataFrame, jobs: pl.DataFrame) -> pl.DataFrame:
    """Internal moves (doorstroom): assignments that directly succeed another of the same person.

    A predecessor is an assignment of the same person that ended the day before. The new
    assignment is a move when no predecessor has the same unit and job (a renewed contract in the
    same place is not a move; a concurrent extra job has no predecessor). It is a promotion when
    its grade is above the highest predecessor grade. Columns: person_id, start_date, unit_id,
    job_id, from_units, from_jobs, grade, from_grade, promotion.
    """
    grades = jobs.select("job_id", "grade")
    new = (
        assignments.select("person_id", "start_date", "unit_id", "job_id")
        .unique()
        .with_columns(prev_end=pl.col("start_date").dt.offset_by("-1d"))
    )
    previous = assignments.select(
        "person_id",
        pl.col("end_date").alias("prev_end"),
        pl.col("unit_id").alias("from_unit"),
        pl.col("job_id").alias("from_job"),
    ).filter(pl.col("prev_end").is_not_null())
    pairs = new.join(previous, on=["person_id", "prev_end"], how="inner").join(
        grades.rename({"job_id": "from_job", "grade": "from_grade"}), on="from_job", how="left"
    )
    same_place = (pl.col("from_unit") == pl.col("unit_id")) & (pl.col("from_job") == pl.col("job_id"))
    grouped = pairs.group_by("person_id", "start_date", "unit_id", "job_id").agg(
        same_place.any().alias("continuation"),
        pl.col("from_unit").unique().sort().alias("from_units"),
        pl.col("from_job").unique().sort().alias("from_jobs"),
        pl.col("from_grade").max().alias("from_grade"),
    )
    return (
        grouped.filter(~pl.col("continuation"))
        .drop("continuation")
        .join(grades, on="job_id", how="left")
        .with_columns(
            promotion=(pl.col("grade") > pl.col("from_grade")).fill_null(False),
        )
        .sort("person_id", "start_date", "unit_id", "job_id")
    )


def move_starts(assignments: pl.DataFrame, jobs: pl.DataFrame, *, ordered: pl.DataFrame | None = None) -> pl.DataFrame:
    """The rows of `moves` without the from_* lists and unsorted: person_id, start_date, unit_id,
    job_id, promotion. Same rule, a fraction of the work — for counting moves at sector scale.

    Predecessors are found on one integer key (person rank, day) in sorted order, so the join is a
    merge, not a hash of strings. `ordered` is `order_assignments(assignments)` when known.
    """
    if ordered is None:
        ordered = order_assignments(assignments)
    grades = jobs.select("job_id", "grade")
    rows = ordered.select("person_id", "start_date", "end_date", "unit_id", "job_id", "person_key")
    rows = rows.with_row_index("row")
    # In person-then-start order person_key + start day is already sorted; the ends need a sort.
    new = rows.select("row", "unit_id", "job_id",
                      key=(pl.col("person_key") + pl.col("start_date").cast(pl.Int64) - 1).set_sorted())
    previous = rows.filter(pl.col("end_date").is_not_null()).select(
        key=pl.col("person_key") + pl.col("end_date").cast(pl.Int64), from_unit="unit_id", from_job="job_id",
    ).sort("key")
    same_place = (pl.col("from_unit") == pl.col("unit_id")) & (pl.col("from_job") == pl.col("job_id"))
    found = (
        new.join(previous, on="key", how="inner")
        .join(grades.rename({"job_id": "from_job", "grade": "from_grade"}), on="from_job", how="left")
        .group_by("row")
        .agg(same_place.any().alias("continuation"), pl.col("from_grade").max())
        .filter(~pl.col("continuation"))
    )
    # Duplicate assignments (same person, start, unit and job) are one move, as in `moves`.
    return (
        rows.select("row", "person_id", "start_date", "unit_id", "job_id")
        .join(found, on="row", how="inner")
        .unique(["person_id", "start_date", "unit_id", "job_id"])
        .join(grades, on="job_id", how="left")
        .select("person_id", "start_date", "unit_id", "job_id",
                promotion=(pl.col("grade") > pl.col("from_grade")).fill_null(False))
    )


@dataclass(frozen=True)
class Outflow:
    """Spells ending in the period, split by end_reason (a missing reason counts as other)."""

    total: int
    voluntary: int
    involuntary: int
    retirement: int
    disability: int
    death: int
    other: int

    def as_dict(self) -> dict[str, int]:
        return {"total": self.total, **{r: getattr(self, r) for r in END_REASONS}}


@dataclass(frozen=True)
class PeriodMetrics:
    """The metrics of DESIGN §4 for the period [start, end]; rates are None without headcount."""

    start: date
    end: date
    headcount_start: int
    headcount_end: int
    fte_start: float
    fte_end: float
    inflow: int
    outflow: Outflow
    internal_mobility: int
    promotions: int

    @property
    def average_headcount(self) -> float:
        return (self.headcount_start + self.headcount_end) / 2

    def _rate(self, count: int) -> float | None:
        return None if self.average_headcount == 0 else count / self.average_headcount * 100

    @property
    def turnover_rate(self) -> float | None:
        return self._rate(self.outflow.total)

    @property
    def voluntary_turnover_rate(self) -> float | None:
        return self._rate(self.outflow.voluntary)

    @property
    def retention_rate(self) -> float | None:
        rate = self.turnover_rate
        return None if rate is None else 100 - rate

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of `levensfase metrics` (rates and FTE rounded to 2 decimals)."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "headcount_start": self.headcount_start,
            "headcount_end": self.headcount_end,
            "average_headcount": self.average_headcount,
            "fte_start": round(self.fte_start, 2),
            "fte_end": round(self.fte_end, 2),
            "inflow": self.inflow,
            "outflow": self.outflow.as_dict(),
            "turnover_rate": _round(self.turnover_rate),
            "voluntary_turnover_rate": _round(self.voluntary_turnover_rate),
            "internal_mobility": self.internal_mobility,
            "promotions": self.promotions,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _in_period(column: str, start: date, end: date) -> pl.Expr:
    return pl.col(column).is_between(start, end, closed="both")


def period_metrics(workforce: Workforce, *, start: date, end: date) -> PeriodMetrics:
    """All DESIGN §4 period metrics for [start, end] (both days included)."""
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    spells = workforce.spells
    leavers = spells.filter(_in_period("end_date", start, end))
    reasons = leavers.get_column("end_reason").fill_null("other").value_counts()
    by_reason = dict(zip(reasons.get_column("end_reason").to_list(), reasons.get_column("count").to_list()))
    outflow = Outflow(total=leavers.height, **{r: int(by_reason.get(r, 0)) for r in END_REASONS})
    moved = moves(workforce.assignments, workforce.jobs).filter(_in_period("start_date", start, end))
    return PeriodMetrics(
        start=start,
        end=end,
        headcount_start=headcount(workforce, start),
        headcount_end=headcount(workforce, end),
        fte_start=fte(workforce, start),
        fte_end=fte(workforce, end),
        inflow=spells.filter(_in_period("start_date", start, end)).height,
        outflow=outflow,
        internal_mobility=moved.height,
        promotions=int(moved.get_column("promotion").sum()),
    )
