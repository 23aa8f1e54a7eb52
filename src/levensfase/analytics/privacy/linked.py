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
computes. The reference decides which published cells make up its basis greedily, in cell order
(a cell is kept when the kept ones before it do not span it); the combination that determines a
cell is unique over that basis, so any exact elimination of the same basis names the same cells.
What makes it fast (demo organisation, 2,500 people: 15 s → 0.8 s CPU; benchmarks/README.md):
- the basis is kept across rounds instead of rebuilt: a newly hidden cell leaves, and the first
  later cell whose combination used it, if any, takes its place — no other cell's status changes
  (matroid basis exchange; `_exchange`);
- it is held in *reduced* row echelon form, so any row that uses the leaving cell may go
  (the sparsest), and indexes name the rows that hold a column or use a cell;
- a withheld cell is determined only if its sum vector is orthogonal to the whole null space of
  the published rows; one random null-space vector per round rules out almost every free cell
  with one sum each, and only the others are reduced exactly (the randomness decides the speed,
  never the pattern);
- fine cells are merged into classes with one pass instead of a sort per cell (same numbering).
A set with published zeros (several rows under one cell's name) takes the reference audit.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence

import numpy as np

from levensfase.analytics.privacy import linked_dense, linked_reference
from levensfase.analytics.privacy.linked_reference import _PRIME, Cell, _axpy, _companion, _kept, _start, shown_again

__all__ = ["Cell", "withheld"]


def _axpy_indexed(target: dict[int, int], factor: int, source: dict[int, int], owner: int,
                  index: defaultdict[int, set[int]]) -> None:
    """`_axpy` on a stored row, keeping `index` (column → the rows holding it) up to date."""
    for v, c in source.items():
        old = target.get(v, 0)
        new = (old - factor * c) % _PRIME
        if new:
            target[v] = new
            if not old:
                index[v].add(owner)
        else:
            del target[v]
            index[v].discard(owner)


class _Rref:
    """The published rows' span in reduced row echelon form over GF(p): every row holds a 1 at its
    pivot and nothing at any other row's pivot, so reducing a row is one pass over the pivots it
    holds. Each row remembers which published cells it was made of (`combos`); two indexes say
    which rows hold a column (`cols`) and which combinations use a cell (`users`)."""

    def __init__(self, last: list[int]) -> None:
        self.last = last  # per class: the last cell it is in; pivots go to the latest-free columns
        self.rows: dict[int, dict[int, int]] = {}
        self.combos: dict[int, dict[int, int]] = {}
        self.cols: defaultdict[int, set[int]] = defaultdict(set)
        self.users: defaultdict[int, set[int]] = defaultdict(set)
        self.held: set[int] = set()  # the cells whose rows make up the span (one row each)

    def reduce(self, row: dict[int, int], combo: dict[int, int] | None = None) -> dict[int, int]:
        row = dict(row)
        for pivot in [v for v in row if v in self.rows]:
            factor = row.get(pivot)
            if factor:
                _axpy(row, factor, self.rows[pivot])
                if combo is not None:
                    _axpy(combo, factor, self.combos[pivot])
        return row

    def add(self, row: dict[int, int], source: int) -> dict[int, int] | None:
        """Add a cell's row; a row the span already holds returns its combination of cells instead."""
        combo = {source: 1}
        row = self.reduce(row, combo)
        if not row:
            return combo
        pivot = min(row, key=lambda v: (len(self.cols.get(v, ())), self.last[v], v))  # least back-elimination
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        row = {v: c * inverse % _PRIME for v, c in row.items()}
        combo = {v: c * inverse % _PRIME for v, c in combo.items()}
        for other in list(self.cols[pivot]):  # clear the new pivot's column in the other rows
            factor = self.rows[other][pivot]
            _axpy_indexed(self.rows[other], factor, row, other, self.cols)
            _axpy_indexed(self.combos[other], factor, combo, other, self.users)
        self.rows[pivot], self.combos[pivot] = row, combo
        for v in row:
            self.cols[v].add(pivot)
        for cell in combo:
            self.users[cell].add(pivot)
        self.held.add(source)
        return None

    def remove(self, source: int) -> None:
        """Take one cell's row out of the span: the sparsest row whose combination uses the cell
        goes, and the cell is subtracted out of the others' combinations with it."""
        holding = list(self.users[source])
        self.held.discard(source)
        if not holding:
            return
        gone = min(holding, key=lambda p: (len(self.rows[p]) + len(self.combos[p]), p))
        row, combo = self.rows.pop(gone), self.combos.pop(gone)
        for v in row:
            self.cols[v].discard(gone)
        for cell in combo:
            self.users[cell].discard(gone)
        inverse = pow(combo[source], _PRIME - 2, _PRIME)
        for pivot in holding:
            if pivot != gone:
                factor = self.combos[pivot][source] * inverse % _PRIME
                _axpy_indexed(self.rows[pivot], factor, row, pivot, self.cols)
                _axpy_indexed(self.combos[pivot], factor, combo, pivot, self.users)

    def determining(self, members: dict[int, int]) -> list[int] | None:
        combo: dict[int, int] = {}
        if self.reduce(dict(members), combo):
            return None
        return list(combo)

    def null_vector(self, width: int, rng: random.Random) -> list[int]:
        """y with R·y = 0 for every row R: random on the free columns, each pivot solved from its row."""
        y = [rng.randrange(1, _PRIME) for _ in range(width)]
        for pivot, row in self.rows.items():
            y[pivot] = -sum(c * y[v] for v, c in row.items() if v != pivot) % _PRIME
        return y


def _classes(cells: Sequence[Cell]) -> list[dict[int, int]]:
    """Each cell's members as ids of merged fine cells (fine cells in exactly the same cells, with
    the same weights) → weight, numbered as `linked_reference._classes` numbers them: by the first
    cell a fine cell is in, then by its repr."""
    signature: dict[Hashable, list[tuple[int, int]]] = {}
    for i, cell in enumerate(cells):
        for m in cell.members:
            signature.setdefault(m, []).append((i, cell.weight(m)))
    by_repr = {m: n for n, m in enumerate(sorted(signature, key=repr))}
    ids: dict[tuple[tuple[int, int], ...], int] = {}
    members: list[dict[int, int]] = [{} for _ in cells]
    for m in sorted(signature, key=lambda m: (signature[m][0][0], by_repr[m])):
        sig = tuple(signature[m])
        if sig not in ids:
            ids[sig] = cls = len(ids)
            for i, w in sig:
                members[i][cls] = w
    return members


class _Spanned:
    """The published cells the greedy basis leaves out, each with the kept cells whose combination
    gives it, and which of them lean on a hidden cell (`stale`: they may have to come in)."""

    def __init__(self) -> None:
        self.using: dict[int, frozenset[int]] = {}
        self.users: defaultdict[int, set[int]] = defaultdict(set)
        self.stale: set[int] = set()

    def record(self, cell: int, combo: dict[int, int]) -> None:
        self.using[cell] = frozenset(combo).difference((cell,))
        for used in self.using[cell]:
            self.users[used].add(cell)
        self.stale.discard(cell)

    def hide(self, gone: int) -> None:
        self.stale |= self.users.pop(gone, set())


def _exchange(basis: _Rref, gone: int, classes: list[dict[int, int]], hidden: set[int], spanned: _Spanned) -> None:
    """Keep `basis` the greedy one (each published cell in order, kept when the kept ones before it
    do not span it) after cell `gone` is hidden: it leaves, and the first later cell that needed
    it, if any, takes its place — every other cell stays as it was (matroid exchange)."""
    spanned.hide(gone)
    if gone not in basis.held:
        return
    basis.remove(gone)
    for j in sorted(j for j in spanned.stale if j > gone):
        if j in hidden or j not in spanned.using or spanned.using[j].isdisjoint(hidden):
            spanned.stale.discard(j)
            continue  # hidden or kept itself, or its combination of kept cells still holds
        combo = basis.add(dict(classes[j]), j)
        if combo is None:  # it needed `gone`: it is kept now
            del spanned.using[j]
            spanned.stale.discard(j)
            return
        spanned.record(j, combo)


def withheld(cells: Sequence[Cell], *, k: int, already: Iterable[Hashable] = (), protect_secondary: bool = True,
             hide: Iterable[Hashable] = (), row: Callable[[Hashable], Hashable] | None = None,
             keep: Iterable[Hashable] = (), classes: list[dict[int, int]] | None = None,
             show_determined: bool = False, dense_width: int | None = None) -> frozenset[Hashable]:
    """The keys `linked_reference.withheld` withholds (the same pattern, see its options), fast.

    `classes`: each cell's members already merged into fine cells (class id → weight), numbered as
    `_classes` numbers them, for cells given in the engine's order (sorted by repr of the key), by
    a caller that builds them in Polars (`protected_report_day`); the cells' own members are then
    not read. `dense_width`: the dense arrays take up to `dense_width`² entries (default `_DENSE_WIDTH`), for
    a caller that bounds them and would rather pay the memory than the sparse path's time."""
    keep = tuple(keep)
    if classes is not None and (any(c.rank for c in cells)
                                or [repr(c.key) for c in cells] != sorted(repr(c.key) for c in cells)):
        raise ValueError("cells with precomputed classes must come in the engine's order (rank 0, by repr of the key)")
    if classes is None and any(c.value == 0 and c.members for c in cells):
        # a published zero adds one row per fine cell under one cell's name, so its coefficients
        # could cancel in the named combination: such sets take the reference audit
        return linked_reference.withheld(cells, k=k, already=already, protect_secondary=protect_secondary, hide=hide,
                                         row=row, keep=keep, show_determined=show_determined)
    cells, keys, before, forced, protected, hidden, mates = _start(cells, k=k, already=already, hide=hide, row=row)
    kept = _kept(keys, keep)
    fixed = (protected | _kept(keys, forced)) if show_determined and not protect_secondary else None
    hidden |= {j for i in list(hidden) for j in mates.get(i, ())}
    classes = _classes(cells) if classes is None else classes
    width = 1 + max((max(m) for m in classes if m), default=-1)
    limit = _DENSE_WIDTH if dense_width is None else dense_width
    if 0 < width and min(width, len(cells)) * width <= limit * limit:  # the arrays' size, not the classes alone
        return _withheld_dense(cells, keys, classes, width, hidden=hidden, protected=protected, mates=mates,
                               kept=kept, protect_secondary=protect_secondary, fixed=fixed) | ((before | forced) & set(keys))
    rng = random.Random(0)  # only decides how fast free cells are ruled out, never the pattern
    last = [0] * width
    for i, members in enumerate(classes):
        for cls in members:
            last[cls] = i
    basis = _Rref(last)
    spanned = _Spanned()
    for i, members in enumerate(classes):  # the greedy basis: each cell in order, kept unless spanned
        if i not in hidden and members and (combo := basis.add(dict(members), i)) is not None:
            spanned.record(i, combo)
    while True:
        y = basis.null_vector(width, rng)
        picked = _picks(cells, hidden if protect_secondary else protected, kept, lambda i: (
            None if not classes[i] or sum(w * y[c] for c, w in classes[i].items()) % _PRIME  # not orthogonal to
            else basis.determining(classes[i])))  # the null space: not determined; else reduced exactly
        if not picked:
            break
        for cell in _newly_hidden(picked, mates, hidden):
            _exchange(basis, cell, classes, hidden, spanned)
    if fixed is not None:
        y = basis.null_vector(width, rng)
        hidden -= shown_again(hidden, fixed, mates, lambda i: bool(classes[i]) and not sum(
            w * y[c] for c, w in classes[i].items()) % _PRIME and basis.determining(classes[i]) is not None)
    return frozenset(keys[i] for i in hidden) | ((before | forced) & set(keys))


# the dense arrays (rows: min(cells, classes), columns: classes, int64) up to _DENSE_WIDTH² entries are
# the faster way: a square set of 5.000 classes, or a day's hundred cells over a sector's classes
_DENSE_WIDTH = 5000


def _withheld_dense(cells: Sequence[Cell], keys: list[Hashable], classes: list[dict[int, int]], width: int, *,
                    hidden: set[int], protected: set[int], mates: dict[int, list[int]], kept: frozenset[int],
                    protect_secondary: bool, fixed: set[int] | None = None) -> frozenset[Hashable]:
    """The rounds of `withheld` on `linked_dense.DenseBasis` (the same basis, the same pattern)."""
    x = linked_dense.matrix(classes, width)
    basis = linked_dense.DenseBasis(x)
    for i, members in enumerate(classes):
        if i not in hidden and members:
            basis.add(i)
    published = np.ones(len(cells), dtype=bool)
    published[list(hidden)] = False
    rng = np.random.default_rng(0)  # only decides how fast free cells are ruled out, never the pattern
    cost = _costs(cells)
    order = np.array([c.population for c in cells], dtype=np.int64) * len(cells) + np.arange(len(cells))
    kept_mask = np.zeros(len(cells), dtype=bool)
    kept_mask[list(kept)] = True
    nonempty = np.array([bool(members) for members in classes], dtype=bool)
    while True:
        sums = [(x @ basis.null_vector(rng)) % linked_dense._P for _ in range(2)]
        checked = np.array(sorted(hidden if protect_secondary else protected), dtype=np.int64)
        determined = checked[nonempty[checked] & (sums[0][checked] == 0) & (sums[1][checked] == 0)]
        determined = determined[np.argsort(order[determined], kind="stable")].tolist()  # smallest first
        picked = _picks_dense(cells, determined, kept_mask, cost, basis)
        if not picked:
            break
        for cell in _newly_hidden(picked, mates, hidden):
            published[cell] = False
            if cell in basis.slot_of:
                basis.remove(cell, published)
    if fixed is not None:  # exactly: a cell the span holds reduces to nothing
        hidden -= shown_again(hidden, fixed, mates, lambda i: bool(nonempty[i]) and basis.spans(i))
    return frozenset(keys[i] for i in hidden)


def _picks(cells: Sequence[Cell], checked: set[int], kept: frozenset[int],
           determining: Callable[[int], list[int] | None]) -> set[int]:
    """One round's companions: for each checked cell the published ones determine (smallest first),
    the cheapest cell of its combination — unless a pick of this round is in it (it may break it)."""
    picked: set[int] = set()
    for i in sorted(checked, key=lambda i: (cells[i].population, i)):
        used = determining(i)
        if used is not None and not picked.intersection(used):
            if (companion := _companion(cells, used, kept)) is not None:
                picked.add(companion)
    return picked


def _costs(cells: Sequence[Cell]) -> np.ndarray:
    """Per cell the order in which `linked_reference._companion` prefers it (non-empty cells first,
    then fewest people, then index), as one integer."""
    n = len(cells)
    population = np.array([c.population for c in cells], dtype=np.int64)
    return ((population == 0) * (1 << 40) + population) * n + np.arange(n, dtype=np.int64)


def _picks_dense(cells: Sequence[Cell], determined: list[int], kept: np.ndarray, cost: np.ndarray,
                 basis: linked_dense.DenseBasis) -> set[int]:
    """`_picks` on the dense basis (the same picks): a round checks thousands of determined cells
    when a year is audited with the years beside it, so a pick marks every cell whose combination
    needs it at once (`DenseBasis.users`) and only the cells still free have their combination read."""
    picked: set[int] = set()
    blocked = np.zeros(len(cells), dtype=bool)
    for i in determined:  # smallest first (population, index)
        if blocked[i]:
            continue
        used = basis.combination(i)
        free = used[~kept[used]]
        if free.size:
            companion = int(free[np.argmin(cost[free])])
            picked.add(companion)
            blocked |= basis.users(companion)
    return picked


def _newly_hidden(picked: set[int], mates: dict[int, list[int]], hidden: set[int]) -> Iterator[int]:
    """The picks and their row mates not hidden yet, in order, each added to `hidden` only when it
    comes (the basis exchange of one must not see the later ones hidden yet)."""
    for cell in sorted({j for i in picked for j in mates.get(i, [i])}):
        if cell not in hidden:
            hidden.add(cell)
            yield cell
