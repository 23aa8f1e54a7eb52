"""The propensity fit from sums per pattern of the 0/1 columns takes the same Newton steps as on
the full matrix: both agree to rounding, also when a level has no participant (separation)."""

from __future__ import annotations

import numpy as np
import pytest

from levensfase.evaluation import propensity
from levensfase.evaluation.propensity import fit_logistic


def _on_full_matrix(x, y):
    """fit_logistic with the full-matrix step (the first version's arithmetic)."""
    sums = propensity._Sums.of
    try:
        propensity._Sums.of = classmethod(lambda cls, x: None)  # type: ignore[method-assign]
        return fit_logistic(x, y)
    finally:
        propensity._Sums.of = sums  # type: ignore[method-assign]


def _covariates(rng, n):
    band = rng.integers(0, 6, n)
    wai = rng.integers(0, 3, n)
    dummies = np.column_stack([band == b for b in range(1, 6)] + [wai == w for w in range(1, 3)]).astype(float)
    numeric = np.column_stack([rng.integers(20, 67, n), rng.choice([0.5, 0.8, 1.0], n), rng.exponential(4, n)])
    return np.column_stack([dummies, numeric])


def test_sums_per_pattern_agree_with_the_full_matrix():
    rng = np.random.default_rng(11)
    x = _covariates(rng, 20_000)
    truth = -2 + x[:, 0] - 0.7 * x[:, 5] + 0.03 * (x[:, 7] - 45) + 0.1 * x[:, 9]
    y = (rng.random(x.shape[0]) < 1 / (1 + np.exp(-truth))).astype(float)
    assert propensity._Sums.of(x) is not None  # the sums path is the one taken
    fast, full = fit_logistic(x, y), _on_full_matrix(x, y)
    assert np.max(np.abs(fast - full)) < 1e-9
    assert fast[1] == pytest.approx(1.0, abs=0.15)  # and it finds the planted slope


def test_a_level_without_participants_stays_finite_and_agrees():
    rng = np.random.default_rng(12)
    x = _covariates(rng, 5_000)
    y = (rng.random(x.shape[0]) < 0.2).astype(float)
    y[x[:, 2] == 1] = 0.0  # nobody of band 3 takes it up: the ridge keeps the coefficient finite
    fast, full = fit_logistic(x, y), _on_full_matrix(x, y)
    assert np.all(np.isfinite(fast)) and fast[3] < -3
    assert np.max(np.abs(fast - full)) < 1e-9


def test_too_many_patterns_use_the_full_matrix():
    rng = np.random.default_rng(13)
    x = (rng.random((400, 12)) < 0.5).astype(float)  # up to 4.096 patterns among 400 rows
    assert propensity._Sums.of(x) is None
    y = (rng.random(400) < 0.3).astype(float)
    assert np.all(np.isfinite(fit_logistic(x, y)))


def _design_from_expressions(rows, levels=None):
    """The design matrix as first written: one Polars expression per column, strings compared."""
    import polars as pl
    columns = []
    for column in propensity.CATEGORICAL:
        value = pl.col(column).fill_null("unknown")
        found = (levels or {}).get(column) or sorted(rows.get_column(column).fill_null("unknown").unique().to_list())[1:]
        columns += [(value == level).cast(pl.Float64).alias(f"{column}={level}") for level in found]
    for column in propensity.NUMERIC:
        value = pl.col(column).cast(pl.Float64).fill_null(0.0)
        columns.append((value.log1p() if column == "unit_size" else value).alias(column))
    return rows.select(columns).to_numpy().astype(float)


def test_design_matrix_written_by_column_is_the_expression_one():
    import polars as pl
    rng = np.random.default_rng(3)
    n = 500
    rows = pl.DataFrame({
        "age_band": rng.choice(["25-29", "30-34", "<25", None], n).tolist(),
        "wai_band": rng.choice(["good", "poor", "moderate", None], n).tolist(),
        "age": rng.integers(18, 67, n).astype(float), "fte": rng.choice([0.5, 1.0, None], n).tolist(),
        "prior_absence_pct": rng.exponential(3, n), "grade": rng.integers(1, 12, n).astype(float),
        "unit_size": rng.integers(1, 200, n).astype(float)})
    built = propensity.design(rows)
    assert built.matrix.flags.f_contiguous and np.array_equal(built.matrix, _design_from_expressions(rows))
    levels = {"age_band": ["30-34", "35-39"], "wai_band": ["poor"]}  # a level nobody has
    assert np.array_equal(propensity.design(rows, levels=levels).matrix, _design_from_expressions(rows, levels))
    assert propensity.design(rows.head(0)).matrix.shape == (0, len(propensity.NUMERIC))


def test_patterns_by_counting_are_those_np_unique_finds():
    x = _covariates(np.random.default_rng(5), 3_000)
    sums = propensity._Sums.of(x)
    binary = np.arange(7)
    code = x[:, binary].astype(np.int64) @ (1 << binary)
    _, first, cell = np.unique(code, return_index=True, return_inverse=True)
    assert np.array_equal(sums.binary, binary) and np.array_equal(sums.cell, cell.ravel())
    assert np.array_equal(sums.patterns, x[np.ix_(first, binary)])
