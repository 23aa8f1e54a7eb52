"""No answer of fewer than k respondents can be worked out from everything the scan core publishes.

Random unit trees with answers on any level, both roles and two rounds. The published rows of
`unit_scores` (every unit's subtree × role × round, and the organisation) are turned into linear
equations by this test's own reading of who is in which group (not the implementation's); a set S
of 1..k-1 respondents is derivable exactly when its indicator vector lies in the row space of the
published groups (means × respondents are sums). Every such S is tried: single answers and every
pair/triple up to k − 1. The published values are also compared with the k = 1 truth: suppression
withholds, it never changes a number. Limited to a few small organisations so it stays under a
few seconds; tests/attacks holds the wider attack suite of the survey dashboards.
"""

from __future__ import annotations

import itertools
import random
from datetime import date

import numpy as np
import polars as pl
import pytest

from levensfase.scan.instrument import load_instrument
from levensfase.scan.scoring import unit_scores
from support.scan_answers import answers, tree

ROUNDS = (date(2025, 1, 15), date(2026, 1, 15))


def _organisation(seed: int):
    rng = random.Random(seed)
    units = [("R", None)]
    for c in range(rng.randint(2, 3)):
        units.append((f"C{c}", "R"))
        units += [(f"C{c}G{g}", f"C{c}") for g in range(rng.randint(0, 2))]
    rows, people = [], []
    for day in ROUNDS:
        for unit, _ in units:
            for n in range(rng.choice([0, 1, 2, 3, 4, 5, 6, 8])):
                role = "manager" if rng.random() < 0.3 else "employee"
                rid = f"{unit}-{day.year}-{n}"
                rows.append((rid, unit, role, day, {"dynamisch_management": rng.randint(1, 5)}))
                people.append((day, rid, unit, role))
    return tree(units), rows, people


def _members(units: pl.DataFrame, people, day, unit, role) -> set:
    parent = dict(zip(units["unit_id"].to_list(), units["parent_id"].to_list()))

    def inside(u):
        while u is not None:
            if u == unit:
                return True
            u = parent[u]
        return False

    return {(d, r) for d, r, u, ro in people if d == day and (unit is None or inside(u)) and role in ("all", ro)}


def _matrix(published: list[set], everyone: list) -> np.ndarray:
    index = {p: i for i, p in enumerate(everyone)}
    matrix = np.zeros((max(1, len(published)), len(everyone)))
    for row, group in enumerate(published):
        for p in group:
            matrix[row, index[p]] = 1.0
    return matrix


def _in_row_space(matrix: np.ndarray, subset: tuple[int, ...]) -> bool:
    target = np.zeros(matrix.shape[1])
    target[list(subset)] = 1.0
    coefficients, *_ = np.linalg.lstsq(matrix.T, target, rcond=None)
    return bool(np.allclose(matrix.T @ coefficients, target, atol=1e-8))


def _derivable_sets(matrix: np.ndarray, largest: int) -> list[tuple[int, ...]]:
    """Every set of 1..`largest` respondents whose indicator lies in the published rows' span.

    A vector lies in the row space exactly when it is orthogonal to the null space, so each
    respondent gets two random null-space projections; a set can only be derivable when its
    projections sum to zero, and every such candidate is confirmed by least squares."""
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null = vt[rank:].T  # n × (n − rank)
    if null.shape[1] == 0:
        return [tuple(range(i, i + 1)) for i in range(matrix.shape[1])]
    z = null @ np.random.default_rng(0).normal(size=(null.shape[1], 2))
    found = []
    for size in range(1, largest + 1):
        combos = np.array(list(itertools.combinations(range(matrix.shape[1]), size)), dtype=np.int64)
        if combos.size == 0:
            continue
        sums = z[combos].sum(axis=1)
        for candidate in combos[np.abs(sums).max(axis=1) < 1e-7]:
            if _in_row_space(matrix, tuple(candidate)):
                found.append(tuple(int(c) for c in candidate))
    return found


@pytest.mark.parametrize(("seed", "k"), [(1, 3), (2, 3), (3, 4), (4, 3), (5, 5), (6, 4)])
def test_no_small_set_follows_from_the_published_rows(seed, k):
    instrument = load_instrument()
    units, rows, people = _organisation(seed)
    frame = answers(instrument, rows)
    published = unit_scores(frame, instrument=instrument, units=units, k=k).filter(
        pl.col("dimension") == "dynamisch_management")
    truth = unit_scores(frame, instrument=instrument, units=units, k=1).filter(
        pl.col("dimension") == "dynamisch_management")
    key = ["date", "unit_id", "role"]
    shown = published.filter(~pl.col("suppressed"))
    joined = shown.join(truth, on=key, how="left", suffix="_truth", nulls_equal=True)
    assert joined.height == shown.height
    assert (joined["score"] - joined["score_truth"]).abs().max() < 1e-12  # the same numbers as without suppression
    assert (joined["respondents"] == joined["respondents_truth"]).all()
    groups = [_members(units, people, d, u, r) for d, u, r in shown.select(key).iter_rows()]
    assert all(len(g) == n for g, n in zip(groups, shown["respondents"].to_list()))  # the test reads groups alike
    assert all(len(g) == 0 or len(g) >= k for g in groups)
    everyone = sorted({(d, r) for d, r, _, _ in people})
    # the audit leaves plenty to show (it does not pass by withholding everything)
    assert shown.filter(pl.col("respondents") > 0).height >= 3
    matrix = _matrix(groups, everyone)
    assert _derivable_sets(matrix, k - 1) == []
    # the check itself can fail: publish one withheld small row as well and it finds the leak
    hidden = published.filter(pl.col("suppressed") & (pl.col("reason") != "roles_together"))
    if hidden.height:
        d, u, r = hidden.select(key).row(0)
        leaked = _matrix([*groups, _members(units, people, d, u, r)], everyone)
        assert _derivable_sets(leaked, k - 1)
