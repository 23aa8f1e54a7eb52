"""Monte Carlo projection: state COUNTS drawn with binomial and multinomial draws, vectorised over runs.

People are never simulated one by one: each year every (run, state, cohort) cell splits its count
into retirees, leavers, movers and stayers with binomial draws, movers spread over destination
states with multinomial draws, and recruits are spread over cells the same way. All runs advance
together as one (runs, states, cohorts) array, so 1,000 runs cost little more than one array op.

Cohorts are labelled by y0 = years to AOW on the start date, which never changes, so nobody has to
be shifted each year; and cohorts that behave identically in every year of the horizon (same
retirement rate, leaving, FTE, cost at y0 − t for every t) are merged into one bucket — exact, and
it leaves a few dozen buckets instead of ~60 cohorts (everyone ≥ horizon + 6 years from AOW is
usually one bucket). One numpy Generator seeded once and a fixed draw order make the result
identical per seed. `expected=True` replaces every draw by its expectation: the Markov expected path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from levensfase.planning.params import Params

__all__ = ["Paths", "bands", "simulate"]


@dataclass(frozen=True)
class Paths:
    """Per year t = 0 … years (axis 0) and run (axis 1). Flows at t count the year ending at t (0 at t = 0)."""

    headcount: np.ndarray      # (T+1, R)
    fte: np.ndarray            # (T+1, R)
    cost: np.ndarray           # (T+1, R)
    by_value: np.ndarray       # (T+1, R, V) headcount
    by_value_fte: np.ndarray   # (T+1, R, V)
    by_family: np.ndarray      # (T+1, R, F)
    by_family_fte: np.ndarray  # (T+1, R, F)
    retirements: np.ndarray    # (T+1, R)
    leavers: np.ndarray        # (T+1, R) all exits, retirements included
    hires: np.ndarray          # (T+1, R)
    freed_fte: np.ndarray      # (T+1, R) FTE given up by generatiepact participants


def bands(values: np.ndarray, *, digits: int = 1) -> dict[str, list[float]]:
    """P10/P50/P90 over runs (axis 1) for each year, rounded."""
    p = np.percentile(values, [10, 50, 90], axis=1)
    return {name: [round(float(x), digits) for x in row] for name, row in zip(("p10", "p50", "p90"), p)}


class _Draws:
    def __init__(self, seed: int, expected: bool) -> None:
        self.rng = np.random.default_rng(seed)
        self.expected = expected

    def binomial(self, n: np.ndarray, p: np.ndarray) -> np.ndarray:
        if self.expected:
            return n * p
        return self.rng.binomial(n, np.broadcast_to(p, n.shape))

    def spread(self, n: np.ndarray, shares: np.ndarray) -> np.ndarray:
        """n (N,) items over len(shares) cells: (N, K). Multinomial over the support only."""
        if self.expected:
            return n[:, None] * shares[None, :]
        out = np.zeros((n.shape[0], shares.shape[0]), dtype=np.int64)
        support = np.flatnonzero(shares > 0)
        if support.size == 0 or not n.any():
            return out
        order = support[np.argsort(-shares[support], kind="stable")]  # big shares first: the draw stops early
        p = shares[order] / shares[order].sum()
        out[:, order] = self.rng.multinomial(n.astype(np.int64), p)
        return out


@dataclass(frozen=True)
class _Buckets:
    """Params re-indexed by cohort bucket and year: arrays with a leading year axis."""

    n0: np.ndarray         # (S, B)
    retire: np.ndarray     # (T+1, B) during the year starting at t
    leave: np.ndarray      # (T+1, S, B)
    move: np.ndarray       # (T+1, S, B)
    fte: np.ndarray        # (T+1, S, B) at t
    cost: np.ndarray       # (T+1, S, B)
    freed: np.ndarray      # (T+1, S, B)
    hire_mix: np.ndarray   # (T+1, S, B) recruits arriving at t (row 0 unused)
    young_mix: np.ndarray  # (T+1, S, B)


def _buckets(params: Params, years: int) -> _Buckets:
    ys = params.ys
    y_min, y_max = int(ys[0]), int(ys[-1])
    y0 = np.arange(y_min, y_max + years + 1)                       # hires arrive with y up to y_max at t ≤ years
    at = np.clip(y0[:, None] - np.arange(years + 1)[None, :], y_min, y_max) - y_min  # (Y0, T+1) index into ys
    S = params.n0.shape[0]
    features = np.column_stack([params.retire, params.leave.T, params.move.T, params.fte.T, params.cost.T,
                                params.freed.T])
    _, kind = np.unique(features, axis=0, return_inverse=True)
    _, bucket_of, counts = np.unique(kind.ravel()[at], axis=0, return_inverse=True, return_counts=True)
    bucket_of = bucket_of.ravel()
    B = counts.size
    rep = np.zeros(B, dtype=np.int64)
    rep[bucket_of[::-1]] = np.arange(len(y0))[::-1]                 # first y0 of each bucket
    idx = at[rep]                                                   # (B, T+1)
    onehot = np.zeros((len(y0), B))
    onehot[np.arange(len(y0)), bucket_of] = 1

    def by_year(cells: np.ndarray) -> np.ndarray:                   # (S, Y) → (T+1, S, B)
        return np.stack([cells[:, idx[:, t]] for t in range(years + 1)])

    def arrivals(mix: np.ndarray) -> np.ndarray:                    # recruits with y at t have y0 = y + t
        out = np.zeros((years + 1, S, B))
        for t in range(1, years + 1):
            out[t] = mix @ onehot[t: t + len(ys)]
        return out

    n0 = params.n0 @ onehot[: len(ys)]
    return _Buckets(
        n0=n0, retire=params.retire[idx].T, leave=by_year(params.leave), move=by_year(params.move),
        fte=by_year(params.fte), cost=by_year(params.cost), freed=by_year(params.freed),
        hire_mix=arrivals(params.hire_mix), young_mix=arrivals(params.young_mix),
    )


def simulate(params: Params, *, years: int, runs: int, seed: int, expected: bool = False,
             progress: Callable[[float], None] | None = None) -> Paths:
    draws = _Draws(seed, expected)
    cells = _buckets(params, years)
    S, B = cells.n0.shape
    F, V = len(params.families), len(params.values)
    R = 1 if expected else runs
    n = np.broadcast_to(cells.n0.astype(float if expected else np.int64), (R, S, B)).copy()
    fam = np.zeros((S, F))
    fam[np.arange(S), params.family_of] = 1
    val = np.zeros((S, V))
    val[np.arange(S), params.value_of] = 1

    T = years
    out = {key: np.zeros((T + 1, R)) for key in ("headcount", "fte", "cost", "retirements", "leavers", "hires",
                                                 "freed_fte")}
    out.update(by_value=np.zeros((T + 1, R, V)), by_value_fte=np.zeros((T + 1, R, V)),
               by_family=np.zeros((T + 1, R, F)), by_family_fte=np.zeros((T + 1, R, F)))
    start_fte = np.broadcast_to(params.fte_start[:, None], (S, B))
    start_cost = np.broadcast_to(params.cost_start[:, None], (S, B))
    _record(out, 0, n, start_fte, start_cost, fam, val)
    freed_before = np.zeros(R)
    for t in range(1, T + 1):
        retire = cells.retire[t - 1]
        retired = np.zeros_like(n)
        some = retire > 0
        if some.any():
            retired[:, :, some] = draws.binomial(n[:, :, some], retire[some][None, None, :])
        rest = n - retired
        left = draws.binomial(rest, cells.leave[t - 1][None])
        rest = rest - left
        moving = draws.binomial(rest, cells.move[t - 1][None])
        after = rest - moving + _destinations(moving, params.dest, draws)
        exits = (retired + left).sum(axis=2)  # (R, S)
        hires = _hires(params, cells, after, exits @ fam, t, draws)
        if params.young_hires:
            freed = (after * cells.freed[t][None]).sum(axis=(1, 2))
            extra_fte = np.maximum(freed - freed_before, 0)
            young_fte = (cells.young_mix[t] * cells.fte[t]).sum()
            count = extra_fte / young_fte if expected else np.rint(extra_fte / young_fte).astype(np.int64)
            hires = hires + draws.spread(count, cells.young_mix[t].ravel()).reshape(R, S, B)
            freed_before = freed  # the freed FTE up to now is filled
        n = after + hires
        out["retirements"][t] = retired.sum(axis=(1, 2))
        out["leavers"][t] = exits.sum(axis=1)
        out["hires"][t] = hires.sum(axis=(1, 2))
        out["freed_fte"][t] = (n * cells.freed[t][None]).sum(axis=(1, 2))
        _record(out, t, n, cells.fte[t], cells.cost[t], fam, val)
        if progress is not None:
            progress(t / T)
    return Paths(**out)


def _record(out: dict, t: int, n: np.ndarray, fte: np.ndarray, cost: np.ndarray, fam: np.ndarray,
            val: np.ndarray) -> None:
    heads = n.sum(axis=2)                        # (R, S)
    ftes = (n * fte[None]).sum(axis=2)           # (R, S)
    out["headcount"][t] = heads.sum(axis=1)
    out["fte"][t] = ftes.sum(axis=1)
    out["cost"][t] = (n * cost[None]).sum(axis=(1, 2))
    out["by_value"][t] = heads @ val
    out["by_value_fte"][t] = ftes @ val
    out["by_family"][t] = heads @ fam
    out["by_family_fte"][t] = ftes @ fam


def _destinations(moving: np.ndarray, dest: np.ndarray, draws: _Draws) -> np.ndarray:
    """Movers of each (run, state, bucket) spread over destination states, keeping their bucket."""
    if draws.expected:
        return np.einsum("rsb,sd->rdb", moving, dest)
    R, S, B = moving.shape
    places, weights = [], []
    for s in range(S):
        counts = moving[:, s, :].ravel()
        hit = np.flatnonzero(counts)
        if hit.size == 0:
            continue
        spread = draws.spread(counts[hit], dest[s])                 # (N, S)
        runs, buckets = np.divmod(hit, B)
        rows, targets = np.nonzero(spread)
        places.append((runs[rows] * S + targets) * B + buckets[rows])
        weights.append(spread[rows, targets])
    if not places:
        return np.zeros_like(moving)
    flat = np.bincount(np.concatenate(places), weights=np.concatenate(weights), minlength=R * S * B)
    return np.rint(flat).astype(np.int64).reshape(R, S, B)


def _hires(params: Params, cells: _Buckets, after: np.ndarray, leavers_by_family: np.ndarray, t: int,
           draws: _Draws) -> np.ndarray:
    R, S, B = after.shape
    mix = cells.hire_mix[t]
    if params.policy in ("observed", "fixed"):
        count = np.full(R, params.intake, dtype=float if draws.expected else np.int64)
        return draws.spread(count, mix.ravel()).reshape(R, S, B)
    hires = np.zeros_like(after)
    for f in range(len(params.families)):
        rows = params.family_of == f
        part = np.where(rows[:, None], mix, 0.0)
        total = part.sum()
        if params.policy == "replace":
            count = leavers_by_family[:, f]
        else:  # target FTE per family; a family without a target keeps its observed share of the intake
            goal = params.targets[t, f] if params.targets is not None else np.nan
            if np.isnan(goal):
                count = np.full(R, params.intake * total)
            else:
                supply = (after[:, rows] * cells.fte[t][rows][None]).sum(axis=(1, 2))
                per_hire = (part * cells.fte[t]).sum() / total if total > 0 else float(params.fte_start[rows].mean())
                count = np.maximum(goal - supply, 0) / per_hire
        if total == 0:
            # nobody was ever recruited into this family: recruit like the family's present staff
            part = np.where(rows[:, None], cells.n0, 0.0)
            total = part.sum()
            if total == 0:
                continue
        count = count if draws.expected else np.rint(count).astype(np.int64)
        hires += draws.spread(count, (part / total).ravel()).reshape(R, S, B)
    return hires
