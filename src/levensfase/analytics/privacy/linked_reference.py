"""The plain exact set audit: the oracle `privacy.linked.withheld` (the fast one the product uses)
is tested against, and the path it takes for sets with published zeros (DESIGN §6; why a set of
linked numbers is audited as one linear system: see `privacy.linked`).

`withheld` audits the set with exact modular elimination (a prime near 2^61: a 0/1 system's
rank over the rationals is the same unless the prime divides a minor, which for such small
integers it cannot in practice) and adds secondary suppressions greedily until no primary cell is
determined: each round it audits the set once and, for each determined cell (smallest first, one
whose combination a pick of this round already touches waits for the next round), hides the
cheapest (fewest people) of the published cells its determining combination uses. Greedy, not
optimal (τ-Argus' "optimal" method solves a MIP); it always ends,
because every round hides one more published cell.

Fine cells with the same membership in every number are merged first, which keeps the system
as small as the number of distinct combinations, not the number of people.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Cell", "withheld"]


_PRIME = (1 << 61) - 1


@dataclass(frozen=True)
class Cell:
    """One number a request can publish: the sum of `members` (fine cells).

    `population`: distinct people behind it (primary rule: 0 < population < k). `value`: the
    published count when it is additive in `members` (used for the zero rule), None otherwise.
    `primary`: withhold regardless of population (e.g. too few survey respondents).
    """

    key: Hashable
    members: frozenset
    population: int
    value: int | None = None
    primary: bool = False


def _axpy(target: dict[int, int], factor: int, source: dict[int, int]) -> None:
    """target -= factor × source (mod p), dropping zeros."""
    for v, c in source.items():
        new = (target.get(v, 0) - factor * c) % _PRIME
        if new:
            target[v] = new
        else:
            target.pop(v, None)


class _Basis:
    """Row echelon form over GF(p), rows as sparse dicts, reduced in insertion order. Each row
    remembers which published cells it was made of (`combos`), so a determined cell can name the
    published cells that determine it."""

    def __init__(self) -> None:
        self.rows: dict[int, dict[int, int]] = {}
        self.combos: dict[int, dict[int, int]] = {}
        self.order: dict[int, int] = {}

    def reduce(self, row: dict[int, int], combo: dict[int, int] | None = None) -> dict[int, int]:
        """Subtract basis rows in insertion order. A row holds no pivot of an earlier row (it was
        reduced against them when added), so subtracting it only brings in later pivots: one
        pass with a heap of pending pivots."""
        row = dict(row)
        pending = [(self.order[v], v) for v in row if v in self.rows]
        heapq.heapify(pending)
        while pending:
            _, pivot = heapq.heappop(pending)
            factor = row.get(pivot)
            if not factor:
                continue
            source = self.rows[pivot]
            for v in source:
                if v != pivot and v in self.rows and v not in row:
                    heapq.heappush(pending, (self.order[v], v))
            _axpy(row, factor, source)
            if combo is not None:
                _axpy(combo, factor, self.combos[pivot])
        return row

    def add(self, row: dict[int, int], source: int) -> None:
        combo = {source: 1}
        row = self.reduce(row, combo)
        if row:
            pivot = min(row)
            inverse = pow(row[pivot], _PRIME - 2, _PRIME)
            self.rows[pivot] = {v: c * inverse % _PRIME for v, c in row.items()}
            self.combos[pivot] = {v: c * inverse % _PRIME for v, c in combo.items()}
            self.order[pivot] = len(self.order)

    def add_cell(self, index: int, cell: Cell, members: frozenset[int]) -> None:
        """A published cell: its sum, or one zero per fine cell when it is a published zero."""
        if cell.value == 0:
            for cls in members:
                self.add({cls: 1}, index)
        elif members:
            self.add(dict.fromkeys(members, 1), index)

    def determining(self, members: frozenset[int]) -> list[int] | None:
        """The published cells whose combination gives the sum over `members`, or None when the
        published cells do not determine it."""
        row = dict.fromkeys(members, 1)
        if self.reduce(row):  # most withheld cells are free: find that out without the bookkeeping
            return None
        combo: dict[int, int] = {}
        self.reduce(row, combo)
        return list(combo)


def _classes(cells: Sequence[Cell]) -> list[frozenset[int]]:
    """Each cell's members as ids of merged fine cells (fine cells in exactly the same cells)."""
    signature: dict[Hashable, list[int]] = {}
    for i, cell in enumerate(cells):
        for m in sorted(cell.members, key=repr):  # a fixed order: the same pattern in every process
            signature.setdefault(m, []).append(i)
    ids: dict[tuple[int, ...], int] = {}
    members: list[set[int]] = [set() for _ in cells]
    for sig in signature.values():
        cls = ids.setdefault(tuple(sig), len(ids))
        for i in sig:
            members[i].add(cls)
    return [frozenset(m) for m in members]


def _basis(cells: Sequence[Cell], classes: list[frozenset[int]], hidden: set[int]) -> _Basis:
    basis = _Basis()
    for i, cell in enumerate(cells):
        if i not in hidden:
            basis.add_cell(i, cell, classes[i])
    return basis


def _companion(cells: Sequence[Cell], used: list[int]) -> int:
    """The cell to hide next for a determined cell: the cheapest (fewest people) published cell of
    its determining combination `used` (non-empty cells first). If another combination remains,
    the next round finds it."""
    return min(used, key=lambda i: (cells[i].population == 0, cells[i].population, i))


def _prepared(cells: Sequence[Cell], *, k: int, already: Iterable[Hashable]) -> tuple[list[Cell], set, set[int]]:
    """The cells checked and in a fixed order (the same input in any order gives the same pattern),
    the `already` withheld keys, and the indexes of the primary cells."""
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number ≥ 1, got {k!r}")
    keys = [c.key for c in cells]
    if len(set(keys)) != len(keys):
        raise ValueError("every cell needs its own key")
    cells = sorted(cells, key=lambda c: repr(c.key))
    before = set(already)
    return cells, before, {i for i, c in enumerate(cells) if c.key in before or c.primary or 0 < c.population < k}


def withheld(cells: Sequence[Cell], *, k: int, already: Iterable[Hashable] = ()) -> frozenset[Hashable]:
    """Keys of the cells to withhold: the primary ones (0 < population < k, or `primary`), the
    `already` withheld ones, and secondary ones until no withheld cell is determined by the rest
    (secondary ones included: a page shows every withheld cell as "< k", so none may be worked out)."""
    cells, before, hidden = _prepared(cells, k=k, already=already)
    keys = [c.key for c in cells]
    classes = _classes(cells)
    while True:
        basis = _basis(cells, classes, hidden)
        picked: set[int] = set()
        for i in sorted(hidden, key=lambda i: (cells[i].population, i)):
            used = basis.determining(classes[i]) if classes[i] else None
            if used is not None and not picked & set(used):  # else a pick of this round may break it
                picked.add(_companion(cells, used))
        if not picked:
            break
        hidden |= picked
    return frozenset(keys[i] for i in hidden) | (before & set(keys))
