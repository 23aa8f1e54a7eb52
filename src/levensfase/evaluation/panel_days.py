"""The employment side of the evaluation panel for a batch of snapshot days in one pass.

Per day and person: the main assignment (largest FTE, then earliest start, then job id) with its
job family, grade and unit headcount; the employment spell running on the day and how it ends;
and the absence percentage of the 365 days before. Built month by month, these were a dozen
filters, sorts and joins per snapshot (≈ 120 at 100.000 employees × 10 years); here each interval
(an assignment, a spell, an absence) is spread over the snapshot days it touches by a binary
search, and the rows are found by one integer per (day, person key). Every table gets its integer
person key once (`Employment`), not once per batch of days; only the few (day, person) with two
concurrent assignments are sorted to choose the main one.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from levensfase.evaluation.risk_index import spans
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["Employment", "Grid"]

_EPOCH = date(1970, 1, 1)
_OPEN = (OPEN_END - _EPOCH).days


def _days(series: pl.Series) -> np.ndarray:
    return series.cast(pl.Int64).fill_null(_OPEN).to_numpy()


class Employment:
    """The assignments, spells and sick absences of a workforce as integer arrays, each row with
    the key of its person in `ids` (sorted person_ids; persons outside `ids` are left out), ready
    to be laid over any batch of days (`grid`). `held` carries per assignment the job family
    (missing: "onbekend") and grade its job gives."""

    def __init__(self, workforce: Workforce, ids: pl.Series, *, spells: pl.DataFrame, jobs: pl.DataFrame,
                 sick: pl.DataFrame) -> None:
        self.ids = ids
        self.width = max(ids.len(), 1)
        held = workforce.assignments
        self.held = held.select("job_id").join(jobs, on="job_id", how="left", maintain_order="left").select(
            job_family=pl.col("job_family").fill_null("onbekend"), grade="grade")
        self.held_key = self._key(held.get_column("person_id"))
        self.held_first, self.held_last = _days(held.get_column("start_date")), _days(held.get_column("end_date"))
        self.fte = held.get_column("fte").to_numpy()
        self.job = held.get_column("job_id").fill_null("").rank("dense").cast(pl.Int64).to_numpy()
        self.unit = held.get_column("unit_id").rank("dense").fill_null(0).cast(pl.Int64).to_numpy()
        self.units = int(self.unit.max()) + 1 if self.unit.size else 1
        self.spells = spells
        self.spell_key = self._key(spells.get_column("person_id"))
        self.spell_first = _days(spells.get_column("spell_start"))
        self.spell_last = _days(spells.get_column("spell_end"))
        sick = sick.join(ids.to_frame("person_id"), on="person_id", how="semi", maintain_order="left")
        self.sick_key = self._key(sick.get_column("person_id"))
        self.sick_first, self.sick_last = _days(sick.get_column("start_date")), _days(sick.get_column("end"))
        self.sick_touches = (self.sick_first + 1, self.sick_last + 365)  # the days whose prior year it touches

    def _key(self, persons: pl.Series) -> np.ndarray:
        return persons.cast(pl.Enum(self.ids)).to_physical().cast(pl.Int64).to_numpy()

    def grid(self, days: list[date]) -> Grid:
        return Grid(self, np.array([(d - _EPOCH).days for d in days], dtype=np.int64))


class Grid:
    """Per (day index, person key) cell of a day × person grid: the main assignment's row, the
    running spell's row and the prior-year sick days."""

    def __init__(self, tables: Employment, calendar: np.ndarray) -> None:
        self.tables, self.calendar, self.width = tables, calendar, tables.width
        cells = calendar.size * self.width
        t = tables
        row, cell = self._spread(t.held_key, t.held_first, t.held_last)
        self.main = np.full(cells, -1, dtype=np.int64)
        self._choose_main(row, cell)
        self._count_units(row, cell)
        row, cell = self._spread(t.spell_key, t.spell_first, t.spell_last)
        self.spell = np.full(cells, -1, dtype=np.int64)
        self.spell[cell] = row
        if not np.array_equal(self.spell[cell], row):
            raise ValueError("overlapping employment spells")
        start, end = t.sick_first, t.sick_last
        row, cell = self._spread(t.sick_key, *t.sick_touches)  # the absences touching [day − 365, day − 1]
        day = self.calendar[cell // self.width]
        length = np.minimum(end[row], day - 1) - np.maximum(start[row], day - 365) + 1
        self.sick_days = np.bincount(cell, weights=length, minlength=cells)  # whole numbers: exact sums

    def _spread(self, key: np.ndarray, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, grid cell) for every snapshot day in [first, last] of each row."""
        lo = np.searchsorted(self.calendar, first, side="left")
        hi = np.maximum(np.searchsorted(self.calendar, last, side="right"), lo)
        row = np.repeat(np.arange(key.size, dtype=np.int64), hi - lo)
        return row, spans(lo, hi) * self.width + key[row]

    def unit_size(self, cell: np.ndarray) -> np.ndarray:
        """The headcount of the main assignment's unit on the day (NaN for an assignment without unit)."""
        unit = self.tables.unit[self.main[cell]]
        return np.where(unit > 0, self.headcount[(cell // self.width) * self.tables.units + unit], np.nan)

    def _choose_main(self, row: np.ndarray, cell: np.ndarray) -> None:
        """`main` per cell: its one assignment, or of several the largest FTE, earliest start, first job id."""
        count = np.bincount(cell, minlength=self.main.size)
        alone = self._alone = count[cell] == 1
        self.main[cell[alone]] = row[alone]
        several, several_cell = row[~alone], cell[~alone]
        t = self.tables
        order = np.lexsort((t.job[several], t.held_first[several], -t.fte[several], several_cell))
        first = np.ones(order.size, dtype=bool)
        first[1:] = several_cell[order][1:] != several_cell[order][:-1]
        self.main[several_cell[order][first]] = several[order][first]

    def _count_units(self, row: np.ndarray, cell: np.ndarray) -> None:
        """`headcount` per (day, unit): distinct persons, so one per (day, unit, person); only a
        person with two assignments on the day can be counted twice, and only those are sorted."""
        units = self.tables.units
        day_unit = (cell // self.width) * units + self.tables.unit[row]
        several = ~self._alone
        once = np.unique(day_unit[several] * self.width + cell[several] % self.width) // self.width
        size = self.calendar.size * units
        self.headcount = (np.bincount(day_unit[self._alone], minlength=size)
                          + np.bincount(once, minlength=size)).astype(np.float64)
