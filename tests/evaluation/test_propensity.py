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
