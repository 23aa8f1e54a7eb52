"""The panel's columns the matching reads, as integer arrays built once for every group, and one
group's participants and risk set from them.

Evaluating the 24 arrangements and bundles used to filter and join the whole person-month panel
(≈ 11,5 million rows at 100.000 employees × 10 years) in Polars once per group; here a group costs
a few vectorised passes over integer arrays, and finding each participant's own row is a sorted
search on (month, person). The definitions are those of `matching._frames` (a participant's row
is the snapshot of their start month, else the next month's; a row is at risk when that person
had not started on its snapshot day), which `tests/evaluation/test_matching_same_pairs.py` keeps
as the oracle.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date

import numpy as np
import polars as pl

__all__ = ["NEVER", "GroupRisk", "PanelIndex", "at_risk_before", "cell_rows", "group_risk", "index_panel",
           "month_start_days", "present_cells", "spans"]

NEVER = 10**9  # an empty date (never started, still employed) as a day number beyond any real one


@dataclass(frozen=True)
class PanelIndex:
    """Per panel row: person (index into `persons`, which is sorted like the ids), snapshot day,
    stratum, spell end day (NEVER when running), month (index into `months`), cell (index into
    `cells`: the sorted distinct snapshot day × 1.000.000 + stratum). Per-row arrays are 32-bit
where that holds the values: half the memory each group's passes read."""

    persons: pl.DataFrame  # person_id, person (its index), sorted by person_id
    person: np.ndarray
    snapshot: np.ndarray
    stratum: np.ndarray
    spell_end: np.ndarray
    months: np.ndarray
    month: np.ndarray
    cells: np.ndarray
    cell: np.ndarray
    next_month: np.ndarray  # the first day of the month after the snapshot, per row
    keys: np.ndarray  # month × persons + person: increasing, for finding a person's row in a month
    by_cell: np.ndarray  # rows sorted by (cell, row): cell c's rows are by_cell[cell_start[c]:cell_start[c + 1]]
    cell_start: np.ndarray
    cell_month: np.ndarray  # per cell, its month (index into `months`)

    @cached_property
    def ids(self) -> np.ndarray:
        return self.persons.get_column("person_id").to_numpy()


def index_panel(panel: pl.DataFrame) -> PanelIndex:
    """The index of a panel sorted by (snapshot, person_id), as `panel.panel` returns it."""
    ids = panel.get_column("person_id")
    persons = ids.unique().sort().to_frame().with_row_index("person").select("person_id", pl.col("person").cast(pl.Int64))
    # a person's place among the sorted ids: an Enum of them numbers each row (hashing, not sorting 11 million strings)
    person = ids.cast(pl.Enum(persons.get_column("person_id"))).to_physical().cast(pl.Int64).to_numpy() if ids.len() else (
        np.zeros(0, dtype=np.int64))
    snapshot = panel.get_column("snapshot").cast(pl.Int64).to_numpy()
    stratum = panel.get_column("stratum").cast(pl.Int64).to_numpy()
    order_key = snapshot * max(persons.height, 1) + person
    if order_key.size > 1 and np.any(np.diff(order_key) <= 0):
        raise ValueError("the panel must be sorted by snapshot and person_id, one row per person and day")
    months, month, cells, cell = _months_and_cells(snapshot, stratum)
    spell_end = panel.get_column("spell_end").cast(pl.Int64).fill_null(NEVER).to_numpy()
    # one cell's rows stay in row order (a radix sort when the cells fit 16 bits)
    by_cell = np.argsort(cell.astype(np.uint16) if cells.size <= 1 << 16 else cell, kind="stable").astype(np.int32)
    cell_start = np.concatenate([[0], np.cumsum(np.bincount(cell, minlength=cells.size))]).astype(np.int64)
    return PanelIndex(persons=persons, person=person.astype(np.int32), snapshot=snapshot.astype(np.int32),
                      stratum=stratum.astype(np.int32), spell_end=spell_end.astype(np.int32), months=months,
                      month=month.astype(np.int32), cells=cells, cell=cell.astype(np.int32),
                      next_month=month_start_days(months, months_later=1).astype(np.int32)[month],
                      keys=month.astype(np.int64) * max(persons.height, 1) + person, by_cell=by_cell,
                      cell_start=cell_start, cell_month=np.searchsorted(months, cells // 1_000_000))


def _months_and_cells(snapshot: np.ndarray, stratum: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`np.unique(snapshot)` and `np.unique(snapshot × 1.000.000 + stratum)` with their inverses,
    for snapshots in order: months from where the day changes, cells by counting (month, stratum)."""
    if snapshot.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    change = np.diff(snapshot) != 0
    months = snapshot[np.concatenate([[0], np.flatnonzero(change) + 1])]
    month = np.concatenate([[0], np.cumsum(change)]).astype(np.int64)
    width = int(stratum.max()) + 1
    pair = month * width + stratum
    present = np.bincount(pair, minlength=months.size * width) > 0
    rank = np.cumsum(present) - 1
    kept = np.flatnonzero(present)
    return months, month, months[kept // width] * 1_000_000 + kept % width, rank[pair]


@dataclass(frozen=True)
class GroupRisk:
    """One group's participants (rows sorted by start, then person) and risk set.

    `start_of`: each person's first start as a day number (NEVER when none); `treated`: panel rows
    of the participants with their start day and start month; `at_risk`: rows of the needed
    months whose person had not started before the snapshot day (increasing); `untreated`: of
    those, the rows whose person had not started by the end of that month either; `needed_month`
    (per month of the index) and `at_risk_mask` (per row) say the same as booleans."""

    start_of: np.ndarray
    treated: np.ndarray
    t_start: np.ndarray
    t_month: np.ndarray
    at_risk: np.ndarray
    untreated: np.ndarray
    needed_month: np.ndarray
    at_risk_mask: np.ndarray


def month_start_days(days: np.ndarray, *, months_later: int = 0) -> np.ndarray:
    """Day numbers → the first day of their month (plus `months_later` months), as day numbers."""
    month = np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[M]") + months_later
    return month.astype("datetime64[D]").astype(np.int64)


def group_risk(index: PanelIndex, starts: pl.DataFrame, *, since: date | None = None) -> GroupRisk:
    """starts: person_id, start (each person's first start). With `since`, only starts on or after
    it decide which months are needed (the months of those starts and the month after)."""
    known = starts.join(index.persons, on="person_id", how="inner")
    start_of = np.full(index.persons.height, NEVER, dtype=np.int32)
    start_of[known.get_column("person").to_numpy()] = known.get_column("start").cast(pl.Int64).to_numpy()
    new = starts if since is None else starts.filter(pl.col("start") >= since)
    new_days = new.get_column("start").cast(pl.Int64).to_numpy()
    needed_days = np.union1d(month_start_days(new_days), month_start_days(new_days, months_later=1))
    needed_month = np.isin(index.months, needed_days)
    needed = needed_month[index.month]
    start = start_of[index.person]
    at_risk_mask = needed & (start >= index.snapshot)
    at_risk = np.flatnonzero(at_risk_mask)
    untreated = np.flatnonzero(at_risk_mask & (start >= index.next_month))
    treated, t_start, t_month = _participant_rows(index, known, needed_month)
    return GroupRisk(start_of=start_of, treated=treated, t_start=t_start, t_month=t_month, at_risk=at_risk,
                     untreated=untreated, needed_month=needed_month, at_risk_mask=at_risk_mask)


def _participant_rows(index: PanelIndex, known: pl.DataFrame, needed_month: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each participant's row: the snapshot of their start month when that month is needed and
    they have a row there, else the next month's under the same condition; sorted by (start, person)."""
    person = known.get_column("person").to_numpy()
    start = known.get_column("start").cast(pl.Int64).to_numpy()
    month = month_start_days(start)
    person = person.astype(np.int64)
    width = max(index.persons.height, 1)
    keys = index.keys  # increasing: the panel is sorted by (snapshot, person)
    found = np.full(person.size, -1, dtype=np.int64)
    for later in (0, 1):
        day = month if later == 0 else month_start_days(start, months_later=1)
        at = np.searchsorted(index.months, day)
        exists = (at < index.months.size) & (found < 0)
        exists &= np.where(exists, index.months[np.minimum(at, index.months.size - 1)] == day, False)
        exists &= needed_month[np.minimum(at, index.months.size - 1)] if index.months.size else exists
        wanted = at * width + person
        pos = np.searchsorted(keys, wanted)
        hit = exists & (pos < keys.size)
        hit &= np.where(hit, keys[np.minimum(pos, keys.size - 1)] == wanted, False) if keys.size else hit
        found = np.where(hit, pos, found)
    keep = found >= 0
    rows, start, month, person = found[keep], start[keep], month[keep], person[keep]
    order = np.lexsort((person, start))
    return rows[order], start[order], month[order]


def at_risk_before(index: PanelIndex, risk: GroupRisk, days: np.ndarray, *, side: str) -> np.ndarray:
    """For each day: how many at-risk rows have a snapshot before it (side "left") or on or before
    it ("right"), i.e. `np.searchsorted(index.snapshot[risk.at_risk], days, side)`, from a count
    per needed month instead of the snapshots of every at-risk row."""
    bounds = np.searchsorted(index.month, np.arange(index.months.size + 1))
    counts = np.zeros(index.months.size, dtype=np.int64)
    for m in np.flatnonzero(risk.needed_month):
        counts[m] = np.count_nonzero(risk.at_risk_mask[bounds[m]:bounds[m + 1]])
    before = np.concatenate([[0], np.cumsum(counts)])
    return before[np.searchsorted(index.months, days, side=side)]  # type: ignore[call-overload]


_FIRST = 8  # rows of a cell looked at before the whole cell is read


def spans(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The integers of the ranges [lo, hi), range after range."""
    size = np.asarray(hi, dtype=np.int64) - lo
    total = int(size.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    return np.repeat(lo - (np.cumsum(size) - size), size) + np.arange(total, dtype=np.int64)


def cell_rows(index: PanelIndex, risk: GroupRisk, raw_cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cell): the at-risk rows of the (month day × 1.000.000 + stratum) cells in `raw_cells`,
    cell after cell (rows increasing within one), read from `by_cell` instead of every at-risk row."""
    wanted = np.unique(raw_cells)
    at = np.searchsorted(index.cells, wanted)
    ok = at < index.cells.size
    ok[ok] = index.cells[at[ok]] == wanted[ok]
    chosen = at[ok]
    lo, hi = index.cell_start[chosen], index.cell_start[chosen + 1]
    rows = index.by_cell[spans(lo, hi)].astype(np.int64)
    cell = np.repeat(chosen, hi - lo)
    keep = risk.at_risk_mask[rows]
    return rows[keep], cell[keep]


def present_cells(index: PanelIndex, risk: GroupRisk) -> np.ndarray:
    """The cells holding at least one at-risk row, increasing (`np.unique(index.cell[risk.at_risk])`):
    the first few rows of each cell of a needed month decide most cells; the rest are read whole."""
    candidates = np.flatnonzero(risk.needed_month[index.cell_month])
    lo, hi = index.cell_start[candidates], index.cell_start[candidates + 1]
    found = np.zeros(candidates.size, dtype=bool)
    for j in range(_FIRST):
        look = np.flatnonzero(~found & (lo + j < hi))
        found[look] = risk.at_risk_mask[index.by_cell[lo[look] + j]]
    rest = np.flatnonzero(~found & (hi - lo > _FIRST))
    if rest.size:
        hit = risk.at_risk_mask[index.by_cell[spans(lo[rest] + _FIRST, hi[rest])]]
        owner = np.repeat(rest, hi[rest] - lo[rest] - _FIRST)
        found[np.unique(owner[hit])] = True
    return candidates[found]
