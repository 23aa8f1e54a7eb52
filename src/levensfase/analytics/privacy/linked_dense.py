"""The set audit's elimination in numpy: the pattern `linked_reference` computes, for large sets.

`linked.withheld` keeps the greedy basis of the published cells (each cell in order, kept when the
kept ones before it do not span it) and, for a determined cell, names the published cells of its
unique combination over that basis. With one year's categories and days read together (a few
thousand people, tens of thousands of cells) the sparse dictionaries of `linked._Rref` fill in
and hiding one cell re-reduced dozens of others: 100 s for a 600-person organisation. Here the
same basis is kept as two dense arrays over GF(p), p = 2^31 − 1 (a product of two residues fits
in int64; the rank of these small-integer systems is the rational one unless p divides a minor):

- `R`, the published span in reduced row echelon form (one row per pivot column), and
- `T`, the inverse of the basis rows restricted to the pivot columns, so that a vector `w` of
  the span is `(w[pivots] @ T) @ basis`: the combination over the basis in one product.

Hiding a basis cell `g` (slot s) needs the first later published cell whose combination uses it:
one sparse product of every cell with column s of `T`. That cell takes g's slot (the span and
`R` stay; `T` changes by a rank-one update, Sherman–Morrison); when there is none the slot and
one pivot go (a rank-one update of `R` and `T` on the rows that use them). A random vector of the
null space rules out almost every free withheld cell per round; two of them (uniform over GF(p))
leave a free cell looking determined with probability p^-2, so the others are taken as determined
without a second elimination.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

_P = (1 << 31) - 1
_SMALL = 1 << 16  # R @ y in halves of y below this: no sum of products overflows int64


def _inverse(a: int) -> int:
    return pow(int(a), _P - 2, _P)


class DenseBasis:
    """The greedy basis of the published cells (rows of `matrix`, cells × fine-cell classes)."""

    def __init__(self, matrix: sparse.csr_matrix) -> None:
        self.x = matrix
        cells, width = matrix.shape
        self.width = width
        self.r = 0
        self.R = np.zeros((min(width, cells) + 1, width), dtype=np.int64)  # by position
        self.T = np.zeros((min(width, cells) + 1, min(width, cells) + 1), dtype=np.int64)  # position × slot
        self.pivots = np.zeros(min(width, cells) + 1, dtype=np.int64)  # position → column
        self.position = np.full(width, -1, dtype=np.int64)  # column → position (-1: free)
        self.cell_of: list[int] = []  # slot → cell
        self.cells = np.zeros(min(width, cells) + 1, dtype=np.int64)  # slot → cell, as an array
        self.slot_of: dict[int, int] = {}  # cell → slot
        self.held = np.zeros(cells, dtype=bool)  # cell → in the basis

    def _row(self, cell: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.x.indptr[cell], self.x.indptr[cell + 1]
        return self.x.indices[start:end], self.x.data[start:end]

    def _reduce(self, cell: int) -> tuple[np.ndarray, np.ndarray]:
        """The cell's residual against the span (zero when spanned) and its combination of slots."""
        cols, vals = self._row(cell)
        rest = np.zeros(self.width, dtype=np.int64)
        rest[cols] = vals
        where = self.position[cols]
        held = where >= 0
        combo = np.zeros(self.r, dtype=np.int64)
        if held.any():
            positions, factors = where[held], vals[held]
            rest = (rest - factors @ self.R[positions]) % _P  # small factors: no overflow
            combo = (factors @ self.T[positions, :self.r]) % _P
        return rest, combo

    def add(self, cell: int) -> bool:
        """Keep the cell when the span does not hold it yet; False when it does."""
        rest, combo = self._reduce(cell)
        free = np.flatnonzero(rest)
        if not free.size:
            return False
        r = self.r
        counts = np.count_nonzero(self.R[:r, free], axis=0) if r else np.zeros(free.size)
        pivot = int(free[int(np.argmin(counts))])  # the fewest rows to clear
        scale = _inverse(rest[pivot])
        row = rest * scale % _P
        t_row = np.zeros(r + 1, dtype=np.int64)
        t_row[:r] = (-combo) % _P
        t_row[r] = 1
        t_row = t_row * scale % _P
        rows = np.flatnonzero(self.R[:r, pivot])
        if rows.size:
            factor = self.R[rows, pivot][:, None]
            _subtract(self.R, rows, factor, row)
            _subtract(self.T, rows, factor, t_row)
        self.R[r], self.T[r, :r + 1], self.pivots[r] = row, t_row, pivot
        self.position[pivot] = r
        self.cell_of.append(cell)
        self.cells[r] = cell
        self.slot_of[cell] = r
        self.held[cell] = True
        self.r = r + 1
        return True

    def spans(self, cell: int) -> bool:
        """Whether the span holds the cell's row (exact: its residual is zero)."""
        rest, _combo = self._reduce(cell)
        return not rest.any()

    def combination(self, cell: int) -> np.ndarray:
        """The basis cells whose combination gives a cell the span holds (`null_vector` says which)."""
        cols, vals = self._row(cell)
        where = self.position[cols]
        held = where >= 0
        combo = (vals[held] @ self.T[where[held], :self.r]) % _P
        return self.cells[np.flatnonzero(combo)]

    def users(self, cell: int) -> np.ndarray:
        """Per cell of the matrix whether its combination uses this basis cell (one sparse product:
        a round's companion rules out every determined cell that needs it, without their combinations)."""
        column = np.zeros(self.width, dtype=np.int64)
        column[self.pivots[:self.r]] = self.T[:self.r, self.slot_of[cell]]
        return (self.x @ column) % _P != 0

    def null_vector(self, rng: np.random.Generator) -> np.ndarray:
        """y with R·y = 0: uniform on the free columns, each pivot solved from its row (R·y in two
        16-bit halves of y, so no sum overflows int64). A cell outside the span is orthogonal to
        it with probability 1/p."""
        y = rng.integers(1, _P, size=self.width, dtype=np.int64)
        y[self.pivots[:self.r]] = 0
        R = self.R[:self.r]
        low, high = y & (_SMALL - 1), y >> 16
        y[self.pivots[:self.r]] = (-((R @ low) % _P + (R @ high) % _P * _SMALL)) % _P
        return y

    def remove(self, cell: int, published: np.ndarray) -> None:
        """Take a basis cell out; the first later published cell its absence leaves unspanned (if
        any) takes its slot, as the greedy basis of the remaining cells has it (matroid exchange)."""
        s = self.slot_of.pop(cell)
        self.held[cell] = False
        r = self.r
        column = np.zeros(self.width, dtype=np.int64)
        column[self.pivots[:r]] = self.T[:r, s]
        uses = (self.x @ column) % _P  # each cell's coefficient of slot s in its combination
        uses[:cell + 1] = 0
        later = np.flatnonzero((uses != 0) & published & ~self.held)
        if later.size:
            j = int(later[0])
            _rest, combo = self._reduce(j)
            combo[s] -= 1
            rows = np.flatnonzero(self.T[:r, s])
            factor = (self.T[rows, s] * _inverse(combo[s] + 1) % _P)[:, None]
            _subtract(self.T, rows, factor, combo)
            self.cell_of[s] = j
            self.cells[s] = j
            self.slot_of[j] = s
            self.held[j] = True
            return
        rows = np.flatnonzero(self.T[:r, s])
        t = int(rows[np.argmin(np.count_nonzero(self.R[rows], axis=1))])  # the sparsest row to drop
        scale = _inverse(self.T[t, s])
        others = rows[rows != t]
        if others.size:
            factor = (self.T[others, s] * scale % _P)[:, None]
            _subtract(self.R, others, factor, self.R[t])
            _subtract(self.T, others, factor, self.T[t, :r])
        self.position[self.pivots[t]] = -1
        last = r - 1  # the last position fills position t, the last slot fills slot s
        if t != last:
            self.R[t], self.T[t], self.pivots[t] = self.R[last], self.T[last], self.pivots[last]
            self.position[self.pivots[t]] = t
        self.R[last] = 0
        self.T[last] = 0
        if s != last:
            self.T[:, s] = self.T[:, last]
            moved = self.cell_of[last]
            self.cell_of[s] = moved
            self.cells[s] = moved
            self.slot_of[moved] = s
        self.T[:, last] = 0
        self.cell_of.pop()
        self.r = last


def _subtract(target: np.ndarray, rows: np.ndarray, factor: np.ndarray, vector: np.ndarray) -> None:
    """target[rows] -= factor × vector (mod p), touching only the vector's nonzero columns."""
    cols = np.flatnonzero(vector)
    if cols.size:
        block = np.ix_(rows, cols)
        target[block] = (target[block] - factor * vector[cols]) % _P


def matrix(classes: list[dict[int, int]], width: int) -> sparse.csr_matrix:
    """The cells' rows (cells × fine-cell classes, weights as entries)."""
    indptr, indices, data = [0], [], []
    for members in classes:
        indices.extend(members)
        data.extend(members.values())
        indptr.append(len(indices))
    return sparse.csr_matrix((np.array(data, dtype=np.int64), np.array(indices, dtype=np.int64),
                              np.array(indptr, dtype=np.int64)), shape=(len(classes), width))
