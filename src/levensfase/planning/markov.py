"""Markov manpower model (Bartholomew): the expected stock path n(t+1) = n(t)·P + R(t).

Row vectors throughout, as in Bartholomew, Forbes & McClean (1991) and domain-facts §8: n(t) is
the number of people per state at time t, P[i, j] the probability that someone in state i is in
state j one year later, and the row deficit w_i = 1 − Σ_j p_ij the wastage (leaving). This module is
the deterministic skeleton; `montecarlo` draws the same model with chance, and the two agree in
expectation (a test checks that).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["check_transitions", "expected_path", "leavers", "recruitment_to_hold", "steady_state", "wastage"]


def check_transitions(P: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """P as a float matrix, refused when it is not square, has a negative entry or a row above 1."""
    matrix = np.asarray(P, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"P must be a square matrix, got shape {matrix.shape}")
    if not np.isfinite(matrix).all() or (matrix < 0).any():
        raise ValueError("P must hold finite probabilities ≥ 0")
    if (matrix.sum(axis=1) > 1 + 1e-9).any():
        raise ValueError("each row of P must sum to at most 1 (the rest is wastage)")
    return matrix


def wastage(P: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """w_i = 1 − Σ_j p_ij: the yearly probability of leaving from each state."""
    return 1.0 - check_transitions(P).sum(axis=1)


def leavers(n: Sequence[float] | np.ndarray, P: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """Expected leavers per state in the coming year: n_i · w_i."""
    return np.asarray(n, dtype=float) * wastage(P)


def expected_path(
    n0: Sequence[float] | np.ndarray,
    P: Sequence[Sequence[float]] | np.ndarray,
    R: Sequence[float] | np.ndarray,
    *,
    years: int,
) -> np.ndarray:
    """Stocks n(0) … n(years) as rows of a (years + 1, k) array.

    R is either one recruitment vector used every year, or a (years, k) array with R(t) in row t
    (the recruits present at t + 1).
    """
    matrix = check_transitions(P)
    k = matrix.shape[0]
    stock = np.asarray(n0, dtype=float)
    if stock.shape != (k,):
        raise ValueError(f"n0 must have {k} entries, got shape {stock.shape}")
    if isinstance(years, bool) or not isinstance(years, int) or years < 0:
        raise ValueError(f"years must be a whole number ≥ 0, got {years!r}")
    recruits = np.asarray(R, dtype=float)
    if recruits.shape == (k,):
        recruits = np.broadcast_to(recruits, (years, k))
    if recruits.shape != (years, k):
        raise ValueError(f"R must have shape ({k},) or ({years}, {k}), got {recruits.shape}")
    path = np.empty((years + 1, k))
    path[0] = stock
    for t in range(years):
        path[t + 1] = path[t] @ matrix + recruits[t]
    return path


def recruitment_to_hold(n: Sequence[float] | np.ndarray, P: Sequence[Sequence[float]] | np.ndarray) -> float:
    """Recruits needed in the coming year to keep the total stock where it is: the total wastage."""
    return float(leavers(n, P).sum())


def steady_state(P: Sequence[Sequence[float]] | np.ndarray, R: Sequence[float] | np.ndarray) -> np.ndarray:
    """n* = R (I − P)⁻¹: the structure a fixed yearly recruitment R leads to in the long run.

    Exists when every state eventually loses people (I − P invertible); refused otherwise.
    """
    matrix = check_transitions(P)
    k = matrix.shape[0]
    recruits = np.asarray(R, dtype=float)
    if recruits.shape != (k,):
        raise ValueError(f"R must have {k} entries, got shape {recruits.shape}")
    try:
        return np.linalg.solve((np.eye(k) - matrix).T, recruits)
    except np.linalg.LinAlgError:
        raise ValueError("no steady state: some states never lose anyone (I − P is singular)") from None
