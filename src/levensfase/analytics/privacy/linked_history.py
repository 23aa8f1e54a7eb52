"""A set audit that knows what every earlier set of a chain published (the chained year audits,
`analytics.protected_year`; docs/privacy.md, "Years read together").

Years read together give small groups away through people counted in several years, however far
apart. Carrying every earlier year's published numbers into a year's audit is exact but grows with
the history (tried: the demo's first year 261 s CPU instead of 47 s). What an earlier year adds to
year Y's audit is only a linear relation among people, and only among people who still count in
Y or later; so the chain carries, after each year X, one compact `History`:

- `basis`: a basis of G = (span of every number published in the years up to X) ∩ (vectors over
  the people who count in a year after X). For any vector v over those people and any numbers Q a
  later year publishes (over those people too), v ∈ span(published ≤ X) + span(Q) exactly when
  v ∈ G + span(Q): (A + B) ∩ Rᶠ = (A ∩ Rᶠ) + B when B ⊆ Rᶠ.
- `shadows`: per small number s of the years up to X that a later publication could still give
  away, a vector s' over those people with s − s' in the published span: s is determined later
  exactly when s' is. A small number whose people who left for good cannot be cancelled by the
  published span (s ∉ span + Rᶠ) is safe for ever and dropped.

Year Y is audited with G's rows as constants (published: never companions, first in the order),
the shadows protected, and every small number of the later years protected (`later`): a small
number of year Z > Y that Y's numbers with the earlier ones determine could not be protected by
anything Z hides. By induction no small number of any year is in the span of what the years up to
Y publish. The rows of G and the shadows carry any coefficients mod p (the dense audit's prime:
`linked_dense`), so the audit always takes the dense elimination.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from levensfase.analytics.privacy import linked, linked_dense
from levensfase.analytics.privacy.linked_reference import Cell, _kept, _start

__all__ = ["History", "audited"]

_P = linked_dense._P
_FIRST = -(10**6)  # the constants' rank: first in the audit's order, so the greedy basis holds them
_NEVER = 10**9  # a constant's population (never a companion: kept)


@dataclass(frozen=True)
class History:
    """What the chain published up to a year, as relations among `persons` (the columns)."""

    persons: tuple
    basis: sparse.csr_matrix
    shadows: sparse.csr_matrix
    populations: tuple  # per shadow, its small number's people (the audit checks the smallest first)


def audited(cells: Sequence[Cell], *, k: int, already: Iterable[Hashable], hide: Iterable[Hashable],
            row: Callable[[Hashable], Hashable], history: History | None, later: Sequence[Cell],
            still: frozenset | None) -> tuple[frozenset, History | None]:
    """The withheld keys of `cells` (as `linked.withheld(..., protect_secondary=False,
    show_determined=True)`), with `history`'s relations as constants and its shadows and the `later`
    cells protected; and the history after this set for the next one (`still`: the people who
    count in a later set; None: no next set)."""
    vectors: dict[Hashable, tuple[np.ndarray, np.ndarray]] = {}
    extra: list[Cell] = []
    persons = list(history.persons) if history is not None else []
    if history is not None:
        parts = (("_constant", history.basis, None), ("_shadow", history.shadows, history.populations))
        for name, matrix, size in parts:
            for i in range(matrix.shape[0]):
                start, end = matrix.indptr[i], matrix.indptr[i + 1]
                key = (name, i)
                vectors[key] = (matrix.indices[start:end], matrix.data[start:end])
                extra.append(Cell(key=key, members=frozenset(), population=_NEVER if size is None else size[i],
                                  rank=_FIRST if size is None else 0))
    known = set(persons).union(*(c.members for c in cells))
    seen = {_signature(history, key, vectors) for key in vectors if key[0] == "_shadow"}
    for cell in later:  # only those of people the published span can reach, each vector once
        if cell.members <= known and (sig := frozenset((m, cell.weight(m)) for m in cell.members)) not in seen:
            seen.add(sig)
            extra.append(cell)
    protect = {c.key for c in extra if c.key[0] != "_constant"}
    ordered, keys, before, forced, protected, hidden, mates = _start(
        [*cells, *extra], k=k, already={*already, *protect}, hide=hide, row=row)
    kept = _kept(keys, [key for key in vectors if key[0] == "_constant"])
    fixed = protected | _kept(keys, forced)
    hidden |= {j for i in list(hidden) for j in mates.get(i, ())}
    x, owner = _classes(ordered, vectors, persons)
    span: list = []
    out = linked._withheld_dense(ordered, keys, None, x.shape[1], hidden=hidden, protected=protected, mates=mates,
                                 kept=kept, protect_secondary=False, fixed=fixed, x=x, span=span)
    out |= (before | forced) & set(keys)
    own = {c.key for c in cells}
    withheld = frozenset(key for key in out if key in own)
    if still is None:
        return withheld, None
    small = [i for i in sorted(protected) if keys[i] in own or keys[i][0] == "_shadow"]
    return withheld, _advanced(span[0], x, owner, small=small, sizes=[ordered[i].population for i in small],
                               still=still)


def _signature(history: History, key: tuple, vectors: dict) -> frozenset:
    cols, data = vectors[key]
    return frozenset((history.persons[c], int(v)) for c, v in zip(cols, data))


def _classes(cells: Sequence[Cell], vectors: dict, persons: list) -> tuple[sparse.csr_matrix, list[list]]:
    """The cells' rows over classes of people (people with the same coefficient in every row,
    merged), and each class's people."""
    index = {p: i for i, p in enumerate(persons)}
    rows, cols, data = [], [], []
    for i, cell in enumerate(cells):
        if cell.key in vectors:
            c, v = vectors[cell.key]
            rows.extend([i] * len(c))
            cols.extend(c.tolist())
            data.extend(v.tolist())
            continue
        for m in cell.members:
            rows.append(i)
            cols.append(index.setdefault(m, len(index)))
            data.append(cell.weight(m) % _P)
    people = sorted(index, key=index.__getitem__)
    matrix = sparse.csc_matrix((np.array(data, dtype=np.int64), (np.array(rows, dtype=np.int64),
                                np.array(cols, dtype=np.int64))), shape=(len(cells), len(people)))
    matrix.sum_duplicates()
    matrix.sort_indices()
    classes: dict[tuple, int] = {}
    owner: list[list] = []
    reps: list[int] = []
    for j in range(matrix.shape[1]):
        start, end = matrix.indptr[j], matrix.indptr[j + 1]
        sig = (matrix.indices[start:end].tobytes(), matrix.data[start:end].tobytes())
        if sig not in classes:
            classes[sig] = len(reps)
            reps.append(j)
            owner.append([])
        owner[classes[sig]].append(people[j])
    return matrix[:, reps].tocsr(), owner


def _mul(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """left @ right mod p for entries below p (left in two 16-bit halves: no sum overflows)."""
    low, high = left & 0xFFFF, left >> 16
    return ((low @ right) % _P + ((high @ right) % _P) * 0x10000) % _P


def _advanced(basis: linked_dense.DenseBasis, x: sparse.csr_matrix, owner: list[list], *, small: list[int],
              sizes: list[int], still: frozenset) -> History:
    """The history after this set: its published span (`basis`, in reduced row echelon form)
    without the people who count in no later set (`still`), and the shadows of the small numbers
    (`small`: rows of `x`). The leavers' columns are eliminated first, so the rows left hold no
    leaver (a basis of the span's part over the others) and a shadow reduced by the rows used keeps
    a leaver's coefficient exactly when no published relation can cancel it."""
    r = basis.r
    R, pivots = basis.R[:r].copy(), basis.pivots[:r]
    gone = np.array([any(p not in still for p in people) for people in owner], dtype=bool)
    s = x[small].tocsr() if small else sparse.csr_matrix((0, x.shape[1]), dtype=np.int64)
    touched = np.flatnonzero(s[:, np.flatnonzero(gone)].getnnz(axis=1)) if gone.any() else np.zeros(0, dtype=np.int64)
    shadows = s[touched].toarray() % _P  # only the shadows over a leaver change
    alive = ~gone[pivots]  # a row whose pivot is a leaver's goes (no other row holds that column)
    if (~alive).any() and touched.size:
        shadows = (shadows - _mul(shadows[:, pivots[~alive]], R[~alive])) % _P
    free = np.flatnonzero(gone)
    for j in free[~np.isin(free, pivots)]:  # the leavers' other columns: combined away with one row each
        holding = np.flatnonzero(alive & (R[:, j] != 0))
        if not holding.size:
            continue
        i = holding[0]
        inverse = pow(int(R[i, j]), _P - 2, _P)
        for target, which in ((R, holding[1:]), (shadows, np.flatnonzero(shadows[:, j]))):
            if which.size:
                factor = (target[which, j] * inverse % _P)[:, None]
                target[which] = (target[which] - factor * R[i] % _P) % _P
        alive[i] = False
    stay = ~gone
    expand = _expansion(owner, stay)
    g = sparse.csr_matrix(R[alive][:, stay]) @ expand
    safe = shadows[:, gone].any(axis=1)  # a leaver's coefficient left: no later number gives it
    untouched = np.setdiff1d(np.arange(len(small)), touched)
    reduced = sparse.vstack([s[untouched][:, np.flatnonzero(stay)], sparse.csr_matrix(shadows[~safe][:, stay])])
    order = [*untouched.tolist(), *touched[~safe].tolist()]
    people = tuple(p for people, here in zip(owner, stay) if here for p in people)
    shadow, populations = _distinct((reduced.tocsr() @ expand), [sizes[i] for i in order])
    return History(persons=people, basis=g.tocsr(), shadows=shadow, populations=populations)


def _expansion(owner: list[list], stay: np.ndarray) -> sparse.csr_matrix:
    """The staying classes → their people (a class's coefficient is each of its people's)."""
    rows: list[int] = []
    for position, c in enumerate(np.flatnonzero(stay)):
        rows.extend([position] * len(owner[c]))
    n = len(rows)
    return sparse.csr_matrix((np.ones(n, dtype=np.int64), (np.array(rows, dtype=np.int64), np.arange(n))),
                             shape=(int(stay.sum()), n))


def _distinct(matrix: sparse.csr_matrix, sizes: list[int]) -> tuple[sparse.csr_matrix, tuple]:
    """Each shadow once (the same vector protects the same)."""
    matrix = matrix.tocsr()
    matrix.eliminate_zeros()
    matrix.sort_indices()
    seen: set = set()
    keep: list[int] = []
    for i in range(matrix.shape[0]):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        sig = (matrix.indices[start:end].tobytes(), matrix.data[start:end].tobytes())
        if end > start and sig not in seen:
            seen.add(sig)
            keep.append(i)
    return matrix[keep], tuple(sizes[i] for i in keep)
