"""The employment side of the evaluation panel for every snapshot day in one pass.

Per day and person: the main assignment (largest FTE, then earliest start, then job id) with its
job family, grade and unit headcount; the employment spell running on the day and how it ends;
and the absence percentage of the 365 days before. Built month by month, these were a dozen
filters, sorts and joins per snapshot (≈ 120 at 100.000 employees × 10 years); here each interval
(an assignment, a spell, an absence) is spread over the snapshot days it touches by a binary
search, and the rows are found by one integer per (day, person). Only the few (day, person) with
two concurrent assignments are sorted to choose the main one.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from levensfase.evaluation.risk_index import spans
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["BATCH_DAYS", "Employment", "employment"]

_OPEN = (OPEN_END - date(1970, 1, 1)).days


def _days(series: pl.Series) -> np.ndarray:
    return series.cast(pl.Int64).fill_null(_OPEN).to_numpy()


class Employment:
    """Per (day index, person key) cell of a day × person grid: the main assignment's row, the
    running spell's row and the prior-year sick days; `key` numbers person ids in sorted order."""

    def __init__(self, workforce: Workforce, days: list[date], *, spells: pl.DataFrame, sick: pl.DataFrame) -> None:
        self.calendar = np.array([(d - date(1970, 1, 1)).days for d in days], dtype=np.int64)
        self.ids = pl.concat([workforce.assignments.get_column("person_id"), spells.get_column("person_id"),
                              sick.get_column("person_id")]).unique().sort()
        self.width = max(self.ids.len(), 1)
        cells = self.calendar.size * self.width
        held = workforce.assignments
        self.held = held
        row, cell = self._spread(held, _days(held.get_column("start_date")), _days(held.get_column("end_date")))
        self.main = np.full(cells, -1, dtype=np.int64)
        self._choose_main(held, row, cell)
        self._count_units(held, row, cell)
        row, cell = self._spread(spells, _days(spells.get_column("spell_start")), _days(spells.get_column("spell_end")))
        self.spell = np.full(cells, -1, dtype=np.int64)
        self.spell[cell] = row
        if not np.array_equal(self.spell[cell], row):
            raise ValueError("overlapping employment spells")
        start, end = _days(sick.get_column("start_date")), _days(sick.get_column("end"))
        row, cell = self._spread(sick, start + 1, end + 365)  # the absences touching [day − 365, day − 1]
        day = self.calendar[cell // self.width]
        length = np.minimum(end[row], day - 1) - np.maximum(start[row], day - 365) + 1
        self.sick_days = np.bincount(cell, weights=length, minlength=cells)  # whole numbers: exact sums

    def key(self, persons: pl.Series) -> np.ndarray:
        return persons.cast(pl.Enum(self.ids)).to_physical().cast(pl.Int64).to_numpy()

    def _spread(self, frame: pl.DataFrame, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row of `frame`, grid cell) for every snapshot day in [first, last] of each row."""
        lo = np.searchsorted(self.calendar, first, side="left")
        hi = np.maximum(np.searchsorted(self.calendar, last, side="right"), lo)
        row = np.repeat(np.arange(frame.height, dtype=np.int64), hi - lo)
        return row, spans(lo, hi) * self.width + self.key(frame.get_column("person_id"))[row]

    def unit_size(self, cell: np.ndarray) -> np.ndarray:
        """The headcount of the main assignment's unit on the day (NaN for an assignment without unit)."""
        unit = self.unit[self.main[cell]]
        return np.where(unit > 0, self.headcount[(cell // self.width) * self.units + unit], np.nan)

    def _choose_main(self, held: pl.DataFrame, row: np.ndarray, cell: np.ndarray) -> None:
        """`main` per cell: its one assignment, or of several the largest FTE, earliest start, first job id."""
        count = np.bincount(cell, minlength=self.main.size)
        alone = self._alone = count[cell] == 1
        self.main[cell[alone]] = row[alone]
        several, several_cell = row[~alone], cell[~alone]
        fte = held.get_column("fte").to_numpy()
        start = _days(held.get_column("start_date"))
        job = held.get_column("job_id").fill_null("").rank("dense").cast(pl.Int64).to_numpy()
        order = np.lexsort((job[several], start[several], -fte[several], several_cell))
        first = np.ones(order.size, dtype=bool)
        first[1:] = several_cell[order][1:] != several_cell[order][:-1]
        self.main[several_cell[order][first]] = several[order][first]

    def _count_units(self, held: pl.DataFrame, row: np.ndarray, cell: np.ndarray) -> None:
        """`headcount` per (day, unit): distinct persons, so one per (day, unit, person); only a
        person with two assignments on the day can be counted twice, and only those are sorted."""
        self.unit = held.get_column("unit_id").rank("dense").fill_null(0).cast(pl.Int64).to_numpy()
        self.units = int(self.unit.max()) + 1 if self.unit.size else 1
        day_unit = (cell // self.width) * self.units + self.unit[row]
        several = ~self._alone
        once = np.unique(day_unit[several] * self.width + cell[several] % self.width) // self.width
        size = self.calendar.size * self.units
        self.headcount = (np.bincount(day_unit[self._alone], minlength=size)
                          + np.bincount(once, minlength=size)).astype(np.float64)


BATCH_DAYS = 16  # snapshot days per grid: a few arrays of days × persons in memory, not of all days


def employment(workforce: Workforce, profiles: pl.DataFrame, days: list[date], *, spells: pl.DataFrame,
               jobs: pl.DataFrame, sick: pl.DataFrame) -> pl.DataFrame:
    """`profiles` (person_id, _day: index into `days`, then any columns; by day, then person_id)
    with job_family, grade, unit_size, spell_start, spell_end, exit_kind, prior_absence_pct and
    snapshot, keeping the rows with a main assignment and a running spell, in the same order."""
    day = pl.col("_day")
    return pl.concat([_batch(workforce, profiles.filter(day.is_between(first, first + BATCH_DAYS, closed="left")),
                             days, first, spells=spells, jobs=jobs, sick=sick)
                      for first in range(0, len(days), BATCH_DAYS)])


def _batch(workforce: Workforce, profiles: pl.DataFrame, days: list[date], first: int, *, spells: pl.DataFrame,
           jobs: pl.DataFrame, sick: pl.DataFrame) -> pl.DataFrame:
    grid = Employment(workforce, days[first:first + BATCH_DAYS], spells=spells, sick=sick)
    local = profiles.get_column("_day").cast(pl.Int64).to_numpy() - first
    cell = local * grid.width + grid.key(profiles.get_column("person_id"))
    main, spell = grid.main[cell], grid.spell[cell]
    keep = (main >= 0) & (spell >= 0)
    main, spell, cell = main[keep], spell[keep], cell[keep]
    sick_days = pl.Series(grid.sick_days[cell].astype(np.int64))
    job = grid.held.select("job_id")[main].join(jobs, on="job_id", how="left", maintain_order="left")
    run = spells.select("spell_start", "spell_end", "exit_kind")[spell]
    return pl.concat([profiles.filter(pl.Series(keep)), job.select("job_family", "grade"), run], how="horizontal").with_columns(
        unit_size=pl.Series(grid.unit_size(cell), dtype=pl.Float64).fill_nan(None),
        prior_absence_pct=pl.lit(sick_days).clip(upper_bound=365) / 365 * 100,  # as Polars rounds it per day
        snapshot=pl.lit(pl.Series(days, dtype=pl.Date)).gather(pl.col("_day")))
