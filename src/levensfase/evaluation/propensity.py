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


def design(rows: pl.DataFrame, *, levels: dict[str, list[str]] | None = None) -> Design:
    """Dummies for the CATEGORICAL columns (first level left out as reference), then NUMERIC as they
    are (unit_size as log(1 + headcount)). `levels` fixes the dummy columns (else taken from `rows`)."""
    names: list[str] = []
    columns: list[pl.Expr] = []
    binary: list[bool] = []
    for column in CATEGORICAL:
        value = pl.col(column).fill_null("unknown")
        found = (levels or {}).get(column) or sorted(rows.get_column(column).fill_null("unknown").unique().to_list())[1:]
        for level in found:
            names.append(f"{column}={level}")
            columns.append((value == level).cast(pl.Float64).alias(names[-1]))
            binary.append(True)
    for column in NUMERIC:
        value = pl.col(column).cast(pl.Float64).fill_null(0.0)
        names.append(column)
        columns.append((value.log1p() if column == "unit_size" else value).alias(column))
        binary.append(False)
    matrix = rows.select(columns).to_numpy().astype(float) if rows.height else np.zeros((0, len(names)))
    return Design(tuple(names), matrix, tuple(binary))


def fit_logistic(x: np.ndarray, y: np.ndarray, *, ridge: float = 1e-4, max_iter: int = 50,
                 tolerance: float = 1e-10) -> np.ndarray:
    """Coefficients [intercept, *columns] maximising the penalised log-likelihood of y ∈ {0, 1}.

    Columns are standardised inside (so the ridge treats them alike) and the result is given back
    on the original scale. Newton steps until the largest change is below `tolerance`.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    mean = x.mean(axis=0) if x.shape[0] else np.zeros(x.shape[1])
    scale = x.std(axis=0) if x.shape[0] else np.ones(x.shape[1])
    scale = np.where(scale > 0, scale, 1.0)
    z = np.column_stack([np.ones(x.shape[0]), (x - mean) / scale])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], ridge * max(x.shape[0], 1))
    penalty[0] = 0.0
    for _ in range(max_iter):
        eta = np.clip(z @ beta, -30, 30)
        p = 1.0 / (1.0 + np.exp(-eta))
        w = p * (1 - p)
        gradient = z.T @ (y - p) - penalty * beta
        hessian = (z * w[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-12 * np.eye(z.shape[1]), gradient)
        beta = beta + step
        if np.max(np.abs(step)) < tolerance:
            break
    slopes = beta[1:] / scale
    return np.concatenate([[beta[0] - float(slopes @ mean)], slopes])
