"""Which pool rows can be a participant's neighbour, found without sorting the pool.

The nearest search (`matching._nearest`) sorts the pool by (cell, logit, row) and looks at the
`sides` rows on either side of each participant's place (the first row whose score is not below
the participant's). For the large arrangements the participants' cells hold millions of rows, of
which only a few next to some participant's place are ever looked at; sorting all of them was
most of the matching's time. Here each cell's scores are cut into equal-width buckets (about
`per_bucket` rows each); a participant needs the buckets from the one holding the `sides`-th row
below its place to the one holding the `sides`-th row above it, counted by bucket; only the rows
of needed buckets are kept (in their given order).

The same neighbours: a bucket is a non-decreasing function of the score, and the score of the
logit within a cell, so a row in a lower bucket than the participant's lies before its place and
one in a higher bucket after it, and the kept rows are whole runs of the sorted pool. Each
participant's `sides` rows on either side within its cell are all kept and stand next to its place
in the kept rows as in the full pool; rows of other cells never match.
`tests/evaluation/test_neighbours.py` checks the windows against the full sort.
"""

from __future__ import annotations

import numpy as np

__all__ = ["near_places"]


def near_places(key: np.ndarray, score: np.ndarray, t_key: np.ndarray, t_score: np.ndarray, *, sides: int,
                per_bucket: int = 2) -> np.ndarray | None:
    """Positions of the pool rows (given cell after cell: `key` not decreasing) that lie among the
    `sides` rows on either side of some participant's place in its own cell (key `t_key`, score
    `t_score`), increasing, plus some others near them; None when a score is not finite (then
    nothing is left out)."""
    if key.size == 0:
        return np.zeros(0, dtype=np.int64)
    first = np.concatenate([[0], np.flatnonzero(key[1:] != key[:-1]) + 1])
    size = np.diff(np.append(first, key.size))
    low, high = np.minimum.reduceat(score, first), np.maximum.reduceat(score, first)
    if not (np.isfinite(low).all() and np.isfinite(high).all() and np.isfinite(t_score).all()):
        return None
    buckets = np.maximum(size // per_bucket, 1)
    spread = high - low
    with np.errstate(divide="ignore", over="ignore"):
        scale = buckets / np.where(spread > 0, spread, np.inf)  # 0 for one value; a spread too small: one bucket
    scale = np.where(np.isfinite(scale), scale, 0.0)
    # a cell's buckets: offset … offset + buckets + 1, the first and last a guard for what rounding
    # pushes out; a row's (score − low) · scale + offset + 1 lies within a hair of offset + 1 … offset +
    # buckets + 1, so truncating it gives its bucket without a clip (the participants' is clipped)
    offset = np.concatenate([[0], np.cumsum(buckets + 2)])
    base = offset[:-1] + 1.0
    value = score - np.repeat(low, size)
    value *= np.repeat(scale, size)
    value += np.repeat(base, size)
    bucket = value.astype(np.int64)
    counts = np.bincount(bucket, minlength=offset[-1])
    before = np.concatenate([[0], np.cumsum(counts)])  # rows in buckets below b: before[b]
    at = np.searchsorted(key[first], t_key)
    has_cell = at < first.size
    has_cell[has_cell] = key[first][at[has_cell]] == t_key[has_cell]
    cell = at[has_cell]
    own = _bucket(t_score[has_cell], low[cell], scale[cell], base[cell], offset[cell + 1] - 1)
    # lowest bucket: the largest b with at least `sides` rows in b … own − 1 (else the cell's first)
    lowest = np.maximum(np.searchsorted(before, before[own] - sides, side="right") - 1, offset[cell])
    # highest bucket: the smallest b with at least `sides` rows in own + 1 … b (else the cell's last)
    highest = np.minimum(np.searchsorted(before, before[own + 1] + sides, side="left") - 1, offset[cell + 1] - 1)
    marks = np.bincount(lowest, minlength=offset[-1] + 1) - np.bincount(highest + 1, minlength=offset[-1] + 1)
    needed = np.cumsum(marks[:-1]) > 0
    return np.flatnonzero(needed[bucket])


def _bucket(score: np.ndarray, low: np.ndarray, scale: np.ndarray, base: np.ndarray, last: np.ndarray) -> np.ndarray:
    """A participant's bucket: the rows' function of the score, (score − low) · scale + base
    truncated, kept within its cell's buckets (base − 1 … last); non-decreasing in the score."""
    return np.clip((score - low) * scale + base, base - 1, last).astype(np.int64)
