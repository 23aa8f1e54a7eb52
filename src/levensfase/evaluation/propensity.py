"""The propensity score: a logistic regression of starting the arrangement on pre-start covariates.

Fitted by Newton's method (iteratively reweighted least squares) in numpy, with a small ridge
penalty so that a covariate level nobody in the arrangement has (perfect separation) gives a
large finite coefficient instead of diverging. The covariates (domain-facts §9a, issue 18): age
band, FTE, WAI band (a band "unknown" when nobody measured it), prior-year absence %, grade and the
log of the unit's headcount, plus age in whole years (selection that rises year by year inside a
five-year band would otherwise stay unbalanced: the coverage benchmark showed it); life phase,
job family and tenure band are matched exactly instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import polars as pl

__all__ = ["CATEGORICAL", "NUMERIC", "Design", "design", "fit_logistic"]

CATEGORICAL = ("age_band", "wai_band")
NUMERIC = ("age", "fte", "prior_absence_pct", "grade", "unit_size")


@dataclass(frozen=True)
class Design:
    """Covariate matrix (rows as the panel, one column per name) without the intercept."""

    names: tuple[str, ...]
    matrix: np.ndarray
    binary: tuple[bool, ...]

    @cached_property
    def _codes(self) -> np.ndarray | None:
        """Per row the 0/1 columns as the bits of one number (None when there are too many)."""
        columns = [j for j, b in enumerate(self.binary) if b]
        if len(columns) > 16:
            return None
        code = np.zeros(self.matrix.shape[0], dtype=np.uint16)
        for bit, j in enumerate(columns):
            code |= (self.matrix[:, j] == 1).astype(np.uint16) << np.uint16(bit)
        return code

    def ones_in(self, rows: np.ndarray) -> np.ndarray | None:
        """Per column, how many of `rows` hold 1 (only the 0/1 columns are filled): one count per
        bit pattern instead of a pass over every 0/1 column; None when the columns are too many.
        A mean of 0/1 values is this count over the rows exactly (every partial sum is an integer)."""
        codes = self._codes
        if codes is None:
            return None
        columns = [j for j, b in enumerate(self.binary) if b]
        per_code = np.bincount(codes[rows], minlength=1 << len(columns))
        ones = np.zeros(self.matrix.shape[1], dtype=np.int64)
        values = np.arange(per_code.size)
        for bit, j in enumerate(columns):
            ones[j] = int(per_code[(values >> bit) & 1 == 1].sum())
        return ones


def design(rows: pl.DataFrame, *, levels: dict[str, list[str]] | None = None) -> Design:
    """Dummies for the CATEGORICAL columns (first level left out as reference), then NUMERIC as they
    are (unit_size as log(1 + headcount)). `levels` fixes the dummy columns (else taken from `rows`).
    Written column by column into one column-major matrix; a dummy compares a small code per row
    (the column as an Enum), not the strings, once per level."""
    names: list[str] = []
    binary: list[bool] = []
    dummies: list[tuple[np.ndarray, int]] = []
    for column in CATEGORICAL:
        value = rows.get_column(column).fill_null("unknown")
        seen = sorted(value.unique().to_list())
        found = (levels or {}).get(column) or seen[1:]
        categories = sorted(set(seen) | set(found))
        code = value.cast(pl.Enum(categories)).to_physical().to_numpy() if rows.height else np.zeros(0, dtype=np.uint32)
        for level in found:
            names.append(f"{column}={level}")
            dummies.append((code, categories.index(level)))
            binary.append(True)
    numeric = []
    for column in NUMERIC:
        value = pl.col(column).cast(pl.Float64).fill_null(0.0)
        names.append(column)
        numeric.append((value.log1p() if column == "unit_size" else value).alias(column))
        binary.append(False)
    matrix = np.empty((rows.height, len(names)), order="F")
    for j, (code, level) in enumerate(dummies):
        matrix[:, j] = code == level
    if rows.height:
        matrix[:, len(dummies):] = rows.select(numeric).to_numpy()
    return Design(tuple(names), matrix, tuple(binary))


def fit_logistic(x: np.ndarray, y: np.ndarray, *, ridge: float = 1e-4, max_iter: int = 50,
                 tolerance: float = 1e-10) -> np.ndarray:
    """Coefficients [intercept, *columns] maximising the penalised log-likelihood of y ∈ {0, 1}.

    Columns are standardised (so the ridge treats them alike) and the result is given back on the
    original scale. Newton steps until the largest change is below `tolerance`.

    The sums each step needs (gradient and Hessian) come from sufficient statistics instead of the
    n × k matrix: the 0/1 columns (the dummies) take few patterns, so their parts are sums of the
    weights per pattern, and only the few numeric columns are multiplied row by row; the
    standardised problem's sums follow by the linear change of variables. The same Newton steps as
    on the full matrix up to rounding, without a large matrix product (which OpenBLAS spreads over
    threads that, on a busy machine, cost more than they save). Too many patterns: the full matrix.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    mean = x.mean(axis=0) if x.shape[0] else np.zeros(x.shape[1])
    scale = x.std(axis=0) if x.shape[0] else np.ones(x.shape[1])
    scale = np.where(scale > 0, scale, 1.0)
    penalty = np.full(x.shape[1] + 1, ridge * max(x.shape[0], 1))
    penalty[0] = 0.0
    sums = _Sums.of(x) if x.shape[0] else None
    newton = _dense_step if sums is None else sums.step
    beta = np.zeros(x.shape[1] + 1)
    for _ in range(max_iter):
        gradient, hessian = newton(x, y, beta, mean, scale)
        step = np.linalg.solve(hessian + np.diag(penalty) + 1e-12 * np.eye(beta.size), gradient - penalty * beta)
        beta = beta + step
        if np.max(np.abs(step)) < tolerance:
            break
    slopes = beta[1:] / scale
    return np.concatenate([[beta[0] - float(slopes @ mean)], slopes])


def _dense_step(x, y, beta, mean, scale):
    """Gradient and Hessian of the standardised problem on the full matrix."""
    z = np.column_stack([np.ones(x.shape[0]), (x - mean) / scale])
    p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
    w = p * (1 - p)
    return z.T @ (y - p), (z * w[:, None]).T @ z


@dataclass(frozen=True)
class _Sums:
    """The rows as (pattern of the 0/1 columns, numeric columns): `patterns` (distinct 0/1 rows),
    `cell` (each row's pattern), `numeric` (the other columns, each contiguous)."""

    binary: np.ndarray
    other: np.ndarray
    patterns: np.ndarray
    cell: np.ndarray
    numeric: tuple[np.ndarray, ...]

    @classmethod
    def of(cls, x: np.ndarray) -> _Sums | None:
        binary = np.flatnonzero(np.all((x == 0) | (x == 1), axis=0))
        if binary.size > 60:
            return None
        code = x[:, binary].astype(np.int64) @ (np.int64(1) << np.arange(binary.size, dtype=np.int64))
        if binary.size <= 20:  # the distinct codes by counting (as np.unique orders them), each pattern from its bits
            present = np.bincount(code, minlength=1 << binary.size) > 0
            distinct = np.flatnonzero(present)
            cell = (np.cumsum(present) - 1)[code]
            patterns = ((distinct[:, None] >> np.arange(binary.size)) & 1).astype(float)
        else:
            _, first, cell = np.unique(code, return_index=True, return_inverse=True)
            patterns = x[np.ix_(first, binary)]
        if patterns.shape[0] > max(64, x.shape[0] // 8):
            return None
        other = np.flatnonzero(~np.isin(np.arange(x.shape[1]), binary))
        return cls(binary=binary, other=other, patterns=patterns, cell=cell.ravel(),
                   numeric=tuple(np.ascontiguousarray(x[:, j]) for j in other))

    def step(self, x, y, beta, mean, scale):
        """Gradient and Hessian of the standardised problem, from sums per pattern."""
        k = x.shape[1]
        slope = beta[1:] / scale  # the linear predictor on the original columns
        eta = (beta[0] - float(slope @ mean)) + (self.patterns @ slope[self.binary])[self.cell]
        for j, column in zip(self.other, self.numeric, strict=True):
            eta = eta + slope[j] * column
        p = 1.0 / (1.0 + np.exp(-np.clip(eta, -30, 30)))
        w = p * (1 - p)
        residual = y - p
        cells = self.patterns.shape[0]
        raw_g = np.zeros(k + 1)
        raw_h = np.zeros((k + 1, k + 1))
        r_cell = np.bincount(self.cell, residual, minlength=cells)
        w_cell = np.bincount(self.cell, w, minlength=cells)
        b = 1 + self.binary
        o = 1 + self.other
        raw_g[0] = r_cell.sum()
        raw_g[b] = self.patterns.T @ r_cell
        raw_h[0, 0] = w_cell.sum()
        raw_h[0, b] = raw_h[b, 0] = self.patterns.T @ w_cell
        raw_h[np.ix_(b, b)] = (self.patterns * w_cell[:, None]).T @ self.patterns
        weighted = [w * column for column in self.numeric]
        for i, (j, column) in enumerate(zip(o, self.numeric, strict=True)):
            raw_g[j] = np.einsum("i,i", residual, column)
            per_cell = np.bincount(self.cell, weighted[i], minlength=cells)
            raw_h[0, j] = raw_h[j, 0] = per_cell.sum()
            raw_h[b, j] = raw_h[j, b] = self.patterns.T @ per_cell
            for jj, other_column in zip(o[: i + 1], self.numeric[: i + 1], strict=True):
                raw_h[j, jj] = raw_h[jj, j] = np.einsum("i,i", weighted[i], other_column)
        # z = [1, (x - mean) / scale] = [1, x] · change
        change = np.zeros((k + 1, k + 1))
        change[0, 0] = 1.0
        change[0, 1:] = -mean / scale
        change[1:, 1:] = np.diag(1.0 / scale)
        return change.T @ raw_g, change.T @ raw_h @ change
