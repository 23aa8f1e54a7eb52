"""The retention page's curves in whole years: the cohort's retention at each anniversary of its start.

A curve by day publishes a group's leavers by every day, and each cut in time is another number
over the same people; read beside the cuts of other groups and of "why people left" they gave
small groups away (tests/attacks/test_attacks_retention_ends.py). The page therefore shows, per
group, only its size and its leavers by each anniversary of the cohort's first day up to the
period's end — exactly the numbers `protected_retention` audits — and says so.

Everyone in the cohort is at risk from the first day and followed to the period's end (nobody is
censored earlier), so the Kaplan–Meier survival at an anniversary is exactly
(people − leavers by then) / people, and the Aalen–Johansen share leaving for a reason is that
reason's leavers by then / people (tests/analytics/test_retention_years.py checks both).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

__all__ = ["Steps", "anniversary", "in_whole_years", "reason_steps", "whole_years", "year_left", "yearly_steps"]


def anniversary(start: date, years: int) -> date:
    """The day `years` whole years after `start` (29 February: 1 March in a common year)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)


def whole_years(start: date, end: date) -> int:
    """How many anniversaries of `start` the period reaches: year j is whole when `end` is on or
    after the day before the j-th anniversary (1 January 2022 to 31 December 2025: 4)."""
    after = end + timedelta(days=1)
    years = after.year - start.year - ((after.month, after.day) < (start.month, start.day))
    while years > 0 and anniversary(start, years) > after:  # 29 February
        years -= 1
    return max(0, years)


def year_left(start: date, end_date: pl.Expr) -> pl.Expr:
    """The cohort year (1, 2, …) in which a spell ending on `end_date` ended: year j runs from the
    (j − 1)-th anniversary to the day before the j-th (a leaver on 31 December 2022 of the cohort of
    1 January 2022 left in year 1)."""
    month, day = end_date.dt.month().cast(pl.Int32), end_date.dt.day().cast(pl.Int32)  # Int8 would overflow
    before = (month * 100 + day) < (start.month * 100 + start.day)
    return (end_date.dt.year().cast(pl.Int32) - start.year - before.cast(pl.Int32) + 1).cast(pl.Int32)


@dataclass(frozen=True)
class Steps:
    """A group's size and its leavers by each anniversary (`left[j - 1]`: by the j-th)."""

    population: int
    left: tuple[int, ...]

    def survival(self, years: int) -> float | None:
        """The share still employed at the `years`-th anniversary (None beyond the period)."""
        if not self.population or not 0 <= years <= len(self.left):
            return None
        return 1.0 - (self.left[years - 1] if years else 0) / self.population

    @property
    def curve(self) -> list[float]:
        """Survival at 0, 1, … whole years."""
        return [self.survival(j) for j in range(len(self.left) + 1)]

    @property
    def median_years(self) -> int | None:
        """The first anniversary at which half or fewer are still employed (None when never)."""
        return next((j for j in range(1, len(self.left) + 1) if self.survival(j) <= 0.5), None)

    @property
    def events(self) -> int:
        """Leavers by the last whole year shown."""
        return self.left[-1] if self.left else 0


def _cumulative(years_left: list[int | None], years: int) -> tuple[int, ...]:
    ended = [y for y in years_left if y is not None]
    return tuple(sum(1 for y in ended if y <= j) for j in range(1, years + 1))


def yearly_steps(frame: pl.DataFrame, *, start: date, end: date, by: str = "value") -> dict[object, Steps]:
    """Per value of `by` in a cohort (`protected_retention.cohort`): its distinct people and its
    leavers by each anniversary of `start` the period to `end` reaches."""
    years = whole_years(start, end)
    out = {}
    for value, people, left in frame.group_by(by, maintain_order=True).agg(
            pl.col("person_id").n_unique(), pl.col("year")).iter_rows():
        out[value] = Steps(population=people, left=_cumulative(left, years))
    return out


def reason_steps(frame: pl.DataFrame, *, start: date, end: date) -> dict[str, tuple[int, ...]]:
    """The whole cohort's leavers per exit reason by each anniversary ("why people left")."""
    years = whole_years(start, end)
    ended = frame.filter(pl.col("year").is_not_null() & (pl.col("year") <= years))
    return {reason: _cumulative(left, years)
            for reason, left in ended.group_by("end_reason", maintain_order=True).agg("year").iter_rows()}


def in_whole_years(frame: pl.DataFrame, *, years: int) -> pl.DataFrame:
    """A cohort with durations in whole years (leavers at the end of the year they left in, the rest
    censored at the last whole year), for estimators such as Kaplan–Meier that should read the same
    yearly values as the page (their survival at j years is then exactly `Steps.survival(j)`)."""
    left = pl.col("year").is_not_null() & (pl.col("year") <= years)
    return frame.with_columns(event=left, duration_years=pl.when(left).then(pl.col("year")).otherwise(years)
                              .cast(pl.Float64))
