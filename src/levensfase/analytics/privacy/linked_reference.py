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
from collections.abc import Callable, Hashable, Iterable, Sequence
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Cell", "withheld"]


_PRIME = (1 << 61) - 1


@dataclass(frozen=True)
class Cell:
    """One number a request can publish: the sum of `members` (fine cells).

    `population`: distinct people behind it (primary rule: 0 < population < k). `value`: the
    published count when it is additive in `members` (used for the zero rule), None otherwise.
    `primary`: withhold regardless of population (e.g. too few survey respondents).
    `weights`: how often the number counts a member (default once each), e.g. a person's two
    moves in one year; members absent count once.
    `rank`: cells of a lower rank come first in the audit's order, so the greedy basis holds them
    and a determined cell's combination names them as companions; a higher rank (a number users
    value more, e.g. the whole scope's) is spanned by them and hidden later.
    """

    key: Hashable
    members: frozenset
    population: int
    value: int | None = None
    primary: bool = False
    weights: Mapping | None = field(default=None, compare=False, hash=False)
    rank: int = field(default=0, compare=False, hash=False)

    def weight(self, member: Hashable) -> int:
        return 1 if self.weights is None else self.weights.get(member, 1)


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

    def add_cell(self, index: int, cell: Cell, members: dict[int, int]) -> None:
        """A published cell: its sum, or one zero per fine cell when it is a published zero."""
        if cell.value == 0:
            for cls in members:
                self.add({cls: 1}, index)
        elif members:
            self.add(dict(members), index)

    def determining(self, members: dict[int, int]) -> list[int] | None:
        """The published cells whose combination gives the (weighted) sum over `members`, or None
        when the published cells do not determine it."""
        row = dict(members)
        if self.reduce(row):  # most withheld cells are free: find that out without the bookkeeping
            return None
        combo: dict[int, int] = {}
        self.reduce(row, combo)
        return list(combo)


def _classes(cells: Sequence[Cell]) -> list[dict[int, int]]:
    """Each cell's members as ids of merged fine cells (fine cells in exactly the same cells, with
    the same weights) → weight."""
    signature: dict[Hashable, list[tuple[int, int]]] = {}
    for i, cell in enumerate(cells):
        for m in sorted(cell.members, key=repr):  # a fixed order: the same pattern in every process
            signature.setdefault(m, []).append((i, cell.weight(m)))
    ids: dict[tuple[tuple[int, int], ...], int] = {}
    members: list[dict[int, int]] = [{} for _ in cells]
    for sig in signature.values():
        cls = ids.setdefault(tuple(sig), len(ids))
        for i, w in sig:
            members[i][cls] = w
    return members


def _basis(cells: Sequence[Cell], classes: list[dict[int, int]], hidden: set[int]) -> _Basis:
    basis = _Basis()
    for i, cell in enumerate(cells):
        if i not in hidden:
            basis.add_cell(i, cell, classes[i])
    return basis


def _companion(cells: Sequence[Cell], used: list[int], kept: frozenset[int] = frozenset()) -> int | None:
    """The cell to hide next for a determined cell: the cheapest (fewest people) published cell of
    its determining combination `used` (non-empty cells first), never one of `kept` (published
    elsewhere already: hiding it protects nothing). None when only kept cells determine it: then
    what was published elsewhere gives it already, and nothing hidden here can change that. If
    another combination remains, the next round finds it."""
    free = [i for i in used if i not in kept]
    return min(free, key=lambda i: (cells[i].population == 0, cells[i].population, i)) if free else None


def _prepared(cells: Sequence[Cell], *, k: int, already: Iterable[Hashable]) -> tuple[list[Cell], set, set[int]]:
    """The cells checked and in a fixed order (the same input in any order gives the same pattern),
    the `already` withheld keys, and the indexes of the primary cells."""
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number ≥ 1, got {k!r}")
    keys = [c.key for c in cells]
    if len(set(keys)) != len(keys):
        raise ValueError("every cell needs its own key")
    cells = sorted(cells, key=lambda c: (c.rank, repr(c.key)))
    before = set(already)
    return cells, before, {i for i, c in enumerate(cells) if c.key in before or c.primary or 0 < c.population < k}


def _start(cells: Sequence[Cell], *, k: int, already: Iterable[Hashable], hide: Iterable[Hashable],
           row: Callable[[Hashable], Hashable] | None):
    """What both audits start from: the cells in order, their keys, the `already` and `hide` keys,
    the protected indexes (primary and already), the hidden ones (those plus `hide`) and the row mates."""
    cells, before, hidden = _prepared(cells, k=k, already=already)
    keys = [c.key for c in cells]
    protected, forced = set(hidden), set(hide)
    hidden |= {i for i, key in enumerate(keys) if key in forced}
    return cells, keys, before, forced, protected, hidden, _rows(keys, row)


def _kept(keys: list[Hashable], keep: Iterable[Hashable]) -> frozenset[int]:
    """The indexes of the `keep` keys (published elsewhere: never hidden here)."""
    wanted = set(keep)
    return frozenset(i for i, key in enumerate(keys) if key in wanted)


def _rows(keys: list[Hashable], row: Callable[[Hashable], Hashable] | None) -> dict[int, list[int]]:
    """index → the indexes of the cells in its row (none without `row`)."""
    if row is None:
        return {}
    members: dict[Hashable, list[int]] = {}
    for i, key in enumerate(keys):
        members.setdefault(row(key), []).append(i)
    return {i: members[row(key)] for i, key in enumerate(keys)}


def withheld(cells: Sequence[Cell], *, k: int, already: Iterable[Hashable] = (), protect_secondary: bool = True,
             hide: Iterable[Hashable] = (), row: Callable[[Hashable], Hashable] | None = None,
             keep: Iterable[Hashable] = (), show_determined: bool = False) -> frozenset[Hashable]:
    """Keys of the cells to withhold: the primary ones (0 < population < k, or `primary`), the
    `already` withheld ones, and secondary ones until no withheld cell is determined by the rest.
    With `protect_secondary` (the default) the secondary ones are protected too (a page that shows
    every withheld cell alike must not let any be worked out); without it only the primary and
    `already` ones are (a secondary one counts ≥ k people, and one the published cells determine
    adds nothing to their span, so it helps determine no protected one). `hide`: cells withheld
    too but not protected. `row`: key → the row it is in; a row
    with one cell withheld is withheld whole (the others unprotected, as `hide`). `keep`: cells
    published elsewhere already (a coarser unit depth of the same report), never chosen to hide.
    `show_determined` (with `protect_secondary` off): a companion the published cells determine in
    the end is shown after all (`shown_again`)."""
    cells, keys, before, forced, protected, hidden, mates = _start(cells, k=k, already=already, hide=hide, row=row)
    kept = _kept(keys, keep)
    classes = _classes(cells)
    while True:
        hidden |= {j for i in list(hidden) for j in mates.get(i, ())}
        basis = _basis(cells, classes, hidden)
        picked: set[int] = set()
        for i in sorted(hidden if protect_secondary else protected, key=lambda i: (cells[i].population, i)):
            used = basis.determining(classes[i]) if classes[i] else None
            if used is not None and not picked & set(used):  # else a pick of this round may break it
                if (companion := _companion(cells, used, kept)) is not None:
                    picked.add(companion)
        if not picked:
            break
        hidden |= picked
    if show_determined and not protect_secondary:
        hidden -= shown_again(hidden, protected | _kept(keys, forced), mates,
                              lambda i: bool(classes[i]) and basis.determining(classes[i]) is not None)
    return frozenset(keys[i] for i in hidden) | ((before | forced) & set(keys))


def shown_again(hidden: set[int], fixed: set[int], mates: dict[int, list[int]],
                determined: Callable[[int], bool]) -> set[int]:
    """The withheld cells to show after all: the greedy hides a companion to break one combination,
    and later picks may leave it determined by the published cells anyway (another combination
    gives it). Hiding such a cell protects nothing — it adds nothing to the published span, so
    showing it determines no other cell — while hidden, it is one more hidden number an attacker
    works out. Never a protected or `fixed` one; a row only whole. Every cell is judged against
    the same published span, so all of them can be shown at once."""
    free = {i for i in hidden if i not in fixed and determined(i)}
    return {i for i in free if all(j in free for j in mates.get(i, (i,)))}
