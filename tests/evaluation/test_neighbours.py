"""The rows `neighbours.near_places` keeps hold every participant's search window of the full sort.

The plain definition: sort a cell's rows by (score, position); a participant's place is the number
of its cell's rows scoring below it; its window is the `sides` rows before and after that place.
On random cells with many tied scores, empty and one-row cells, participants outside their cell's
range and in cells without rows, every window row must be kept — and the kept rows, sorted, must
give each participant the same window rows as the full sort (so the nearest search finds the same).
"""

from __future__ import annotations

import numpy as np
import pytest

from levensfase.evaluation.neighbours import near_places


def _cells(rng: np.random.Generator):
    cells = int(rng.integers(1, 12))
    size = rng.integers(0, 60, size=cells)
    size[rng.random(cells) < 0.2] = 1
    key = np.repeat(np.arange(cells), size)
    # few distinct values: many ties; a cell's scores within [key × 200 − 60, key × 200 + 60]
    score = np.round(rng.normal(0, rng.choice([0.01, 1.0, 20.0]), key.size), int(rng.integers(0, 3)))
    score = np.clip(score, -60, 60) + key * 200.0
    participants = int(rng.integers(0, 30))
    t_key = rng.integers(0, cells + 1, size=participants)  # cells + 1: a cell without rows
    t_score = np.clip(np.round(rng.normal(0, 2.0, participants), 1), -60, 60) + t_key * 200.0
    return key, score, t_key, t_score


def _windows(key, score, t_key, t_score, rows, sides):
    """Per participant: the positions (among `rows`) of its cell's rows in its window of the sorted rows."""
    order = rows[np.lexsort((rows, score[rows], key[rows]))]
    found = []
    for k, s in zip(t_key, t_score, strict=True):
        cell = order[key[order] == k]
        place = int(np.count_nonzero(score[cell] < s))
        found.append(cell[max(place - sides, 0):place + sides].tolist())
    return found


@pytest.mark.parametrize("seed", range(40))
def test_the_kept_rows_give_every_participant_the_window_of_the_full_sort(seed):
    rng = np.random.default_rng(seed)
    key, score, t_key, t_score = _cells(rng)
    sides = int(rng.integers(1, 6))
    kept = near_places(key, score, t_key, t_score, sides=sides, per_bucket=int(rng.integers(1, 5)))
    assert kept is not None and np.all(np.diff(kept) > 0)
    everything = np.arange(key.size)
    assert _windows(key, score, t_key, t_score, kept, sides) == _windows(key, score, t_key, t_score, everything, sides)
    needed = {row for window in _windows(key, score, t_key, t_score, everything, sides) for row in window}
    assert needed <= set(kept.tolist())


def test_it_leaves_out_the_rows_far_from_every_participant():
    key = np.zeros(1000, dtype=np.int64)
    score = np.linspace(-5.0, 5.0, 1000)
    kept = near_places(key, score, np.array([0]), np.array([0.0]), sides=4)
    # the 4 rows below 0 and the 4 from 0 on, and their buckets' neighbours: a few, around place 500
    assert kept is not None and 8 <= kept.size <= 16
    assert set(range(496, 504)) <= set(kept.tolist()) and kept.min() >= 490 and kept.max() <= 510


def test_scores_a_hair_apart_and_all_equal_keep_every_window():
    tiny = np.array([0.0, 5e-324, 5e-324, 1e-323, 1e-323, 1.5e-323])
    for score in (tiny, np.zeros(6), tiny + 1.0):
        key = np.zeros(score.size, dtype=np.int64)
        t_score = score[[0, 2, 5]]
        kept = near_places(key, score, np.zeros(3, dtype=np.int64), t_score, sides=1, per_bucket=1)
        assert kept is not None
        assert _windows(key, score, np.zeros(3), t_score, kept, 1) == _windows(
            key, score, np.zeros(3), t_score, np.arange(score.size), 1)


def test_a_score_that_is_not_finite_leaves_nothing_out():
    key = np.zeros(3, dtype=np.int64)
    assert near_places(key, np.array([0.0, np.nan, 1.0]), np.array([0]), np.array([0.5]), sides=1) is None
    assert near_places(np.zeros(0, dtype=np.int64), np.zeros(0), np.array([0]), np.array([0.5]), sides=1).size == 0
