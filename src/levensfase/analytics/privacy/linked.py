"""Suppression for a *set* of published numbers that share people or events (DESIGN §6).

Per-table suppression is not enough once tables are linked: the age pyramid and the headcount
per age band share their margins, a parent unit is the sum of its children, 2024–2025 is 2024
plus 2025. Every published number is a sum of fine cells (people, or events per year and
group); a withheld number is *determined* — recoverable by differencing — exactly when its sum
vector lies in the row space of the published ones (Hundepool et al. 2012, ch. 4; what τ-Argus
and sdcTable audit). A published zero also fixes each of its fine cells at zero (counts are never
negative), so it adds one equation per fine cell.

`withheld` audits the set with exact modular elimination (a prime near 2^61) and adds secondary
suppressions greedily until no primary cell is determined: each round, for each determined cell
(smallest first, one whose combination a pick of this round already touches waits for the next
round), it hides the cheapest (fewest people) of the published cells its determining combination
uses. Greedy, not optimal (τ-Argus' "optimal" method solves a MIP); it always ends, because
every round hides one more published cell.

The pattern is the one `linked_reference` (the plain exact audit, kept as the test oracle)
computes; three things make it fast without changing it:
- a round does not rebuild the echelon basis: a stored row is reduced only against rows of
  earlier cells, so the rows of the cells before the first newly hidden one stay as they are and
  only the rest is added again (`_Basis.truncate`);
- a withheld cell is determined only if its sum vector is orthogonal to the whole null space of
  the published rows; one random null-space vector per round rules out almost every free cell
  with one sum each, and only the others are reduced exactly (which also names the combination);
- fine cells are merged into classes with one pass instead of a sort per cell (same numbering).
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable, Sequence

from levensfase.analytics.privacy.linked_reference import _PRIME, Cell, _axpy, _Basis, _companion

__all__ = ["Cell", "withheld"]


class _Resumable(_Basis):
    """The reference basis plus what a round needs: dropping the rows of cells from a given index
    on, and a random vector of the published rows' null space."""

    def __init__(self, last: list[int]) -> None:
        super().__init__()
        self.last = last  # per class: the last cell it is in
        self.sources: list[tuple[int, int]] = []  # (cell index, pivot) in insertion order
        self.held: set[int] = set()  # the cells with a row here
        self.counter = 0

    def add(self, row: dict[int, int], source: int) -> dict[int, int] | None:
        """Add the row (as the reference does); a row the basis already spans returns its
        combination of published cells instead."""
        combo = {source: 1}
        row = self.reduce(row, combo)
        if row:
            pivot = min(row, key=lambda v: (self.last[v], v))  # the column fewest later rows hold
            inverse = pow(row[pivot], _PRIME - 2, _PRIME)
            self.rows[pivot] = {v: c * inverse % _PRIME for v, c in row.items()}
            self.combos[pivot] = {v: c * inverse % _PRIME for v, c in combo.items()}
            self.order[pivot] = self.counter
            self.counter += 1
            self.sources.append((source, pivot))
            self.held.add(source)
            return None
        return combo

    def truncate(self, first: int) -> None:
        """Forget the rows of cells `first` and later: what remains is exactly the basis of the
        earlier cells, since a row is only ever reduced against rows added before it."""
        while self.sources and self.sources[-1][0] >= first:
            _, pivot = self.sources.pop()
            del self.rows[pivot], self.combos[pivot], self.order[pivot]
        self.held = {source for source, _ in self.sources}

    def remove(self, source: int) -> None:
        """Take one cell's row out of the span (cells of one row each). The last-added row whose
        combination uses the cell goes; the cell is subtracted out of the others' with it. That
        row holds no pivot of an earlier row, so every row keeps its pivot and still holds no
        pivot of the rows before it."""
        holding = [pivot for pivot, combo in self.combos.items() if source in combo]
        if not holding:
            return
        last = max(holding, key=self.order.__getitem__)
        row, combo = self.rows.pop(last), self.combos.pop(last)
        del self.order[last]
        self.sources = [entry for entry in self.sources if entry[1] != last]
        self.held.discard(source)
        inverse = pow(combo[source], _PRIME - 2, _PRIME)
        for pivot in holding:
            if pivot != last:
                factor = self.combos[pivot][source] * inverse % _PRIME
                _axpy(self.rows[pivot], factor, row)
                _axpy(self.combos[pivot], factor, combo)

    def null_vector(self, width: int, rng: random.Random) -> list[int]:
        """y with R·y = 0 for every basis row R: random on the free columns, then each pivot
        solved from its row, last row first (a row holds pivots of later rows only)."""
        y = [rng.randrange(1, _PRIME) for _ in range(width)]
        for _, pivot in reversed(self.sources):
            row = self.rows[pivot]
            y[pivot] = -sum(c * y[v] for v, c in row.items() if v != pivot) % _PRIME
        return y


def _classes(cells: Sequence[Cell]) -> list[frozenset[int]]:
    """Each cell's members as ids of merged fine cells (fine cells in exactly the same cells),
    numbered as `linked_reference._classes` numbers them: by the first cell a fine cell is in,
    then by its repr."""
    signature: dict[Hashable, list[int]] = {}
    for i, cell in enumerate(cells):
        for m in cell.members:
            signature.setdefault(m, []).append(i)
    by_repr = {m: n for n, m in enumerate(sorted(signature, key=repr))}
    ids: dict[tuple[int, ...], int] = {}
    members: list[set[int]] = [set() for _ in cells]
    for m in sorted(signature, key=lambda m: (signature[m][0], by_repr[m])):
        sig = tuple(signature[m])
        if sig not in ids:
            ids[sig] = cls = len(ids)
            for i in sig:
                members[i].add(cls)
    return [frozenset(m) for m in members]


def _exchange(basis: _Resumable, gone: int, classes: list[frozenset[int]], hidden: set[int],
              spanned: dict[int, frozenset[int]]) -> None:
    """Keep `basis` the greedy one (each published cell in order, kept when the kept ones before it
    do not span it) after cell `gone` is hidden: it leaves, and the first later cell that needed
    it, if any, takes its place — every other cell stays as it was (matroid exchange)."""
    if gone not in basis.held:
        return
    basis.remove(gone)
    for j in range(gone + 1, len(classes)):
        if j in hidden or j in basis.held or not classes[j] or spanned[j].isdisjoint(hidden):
            continue  # its combination of kept cells still holds
        combo = basis.add(dict.fromkeys(classes[j], 1), j)
        if combo is None:  # it needed `gone`: it is kept now
            del spanned[j]
            return
        spanned[j] = frozenset(combo).difference((j,))


def withheld(cells: Sequence[Cell], *, k: int, already: Iterable[Hashable] = ()) -> frozenset[Hashable]:
    """Keys of the cells to withhold: the primary ones (0 < population < k, or `primary`), the
    `already` withheld ones, and secondary ones until no withheld cell is determined by the rest
    (secondary ones included: a page shows every withheld cell as "< k", so none may be worked out)."""
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number ≥ 1, got {k!r}")
    keys = [c.key for c in cells]
    if len(set(keys)) != len(keys):
        raise ValueError("every cell needs its own key")
    cells = sorted(cells, key=lambda c: repr(c.key))  # same input in any order → same pattern
    keys = [c.key for c in cells]
    before = set(already)
    protect = {i for i, c in enumerate(cells) if c.key in before or c.primary or 0 < c.population < k}
    hidden = set(protect)
    classes = _classes(cells)
    width = 1 + max((max(m) for m in classes if m), default=-1)
    rng = random.Random(0)  # only decides how fast free cells are ruled out, never the pattern
    last = [0] * width
    for i, members in enumerate(classes):
        for cls in members:
            last[cls] = i
    basis = _Resumable(last)
    spanned: dict[int, frozenset[int]] = {}  # a published row the earlier ones span → the cells used
    # a published zero adds one row per fine cell under one cell's name, so its coefficients could
    # cancel in the named combination: with zeros, each round adds the rows again from the first
    # newly hidden cell on; without, each newly hidden cell is exchanged for at most one other
    sums_only = not any(c.value == 0 and m for c, m in zip(cells, classes))
    start = 0
    while True:
        for i in range(start, len(cells)):
            if i in hidden or (i in spanned and spanned[i].isdisjoint(hidden)):
                continue  # a row the earlier published rows still span adds nothing
            if cells[i].value == 0 or not classes[i]:
                basis.add_cell(i, cells[i], classes[i])
            elif (combo := basis.add(dict.fromkeys(classes[i], 1), i)) is not None and sums_only:
                spanned[i] = frozenset(combo).difference((i,))
        y = basis.null_vector(width, rng)
        picked: set[int] = set()
        for i in sorted(hidden, key=lambda i: (cells[i].population, i)):
            if not classes[i] or sum(y[c] for c in classes[i]) % _PRIME:
                continue  # not orthogonal to the null space: not determined
            used = basis.determining(classes[i])
            if used is not None and not picked & set(used):  # else a pick of this round may break it
                picked.add(_companion(cells, used))
        if not picked:
            break
        start = len(cells)
        if sums_only:
            for cell in sorted(picked):
                hidden.add(cell)
                _exchange(basis, cell, classes, hidden, spanned)
        else:
            hidden |= picked
            start = min(picked)
            basis.truncate(start)
    return frozenset(keys[i] for i in hidden) | (before & set(keys))
