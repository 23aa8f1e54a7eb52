"""Benchmark: what each limit costs, by warm-started re-solves against cold re-solves.

The planner prices every binding limit by solving again without it. `planning.planner` keeps one
HiGHS model and changes one row's bounds per re-solve, so the simplex starts from the optimal basis
(a few pivots). The baseline is the obvious way: build a fresh model without that row and solve it
from scratch. Both run in the same process on the same instance — a unit-level plan (default 130
categories × the 4 packaged arrangement types, every category with a minimum share, so most limits
bind) — and the script checks that both give the same gains.

    python benchmarks/planner_bench.py [--categories 130] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import time

from levensfase.planning.effects import LINEAR, load_effects
from levensfase.planning.planner import Category, Policy, _INF, _Layout, _Model, _rows, place_value, solve_plan


def instance(n: int) -> tuple[list[Category], Policy]:
    rng = random.Random(1)
    cats = [Category(f"U{i:03d}", rng.randint(8, 60), rng.uniform(0.6, 0.95), rng.uniform(0.03, 0.2)) for i in range(n)]
    return cats, Policy(budget=1_500 * n, min_category_share=0.5 / n, min_development_share=0.3, integer=False)


def cold_gains(cats: list[Category], policy: Policy) -> list[float]:
    types = list(load_effects())
    objective = [place_value(c, t, None, policy.horizon_years) for c in cats for t in types]
    rows = _rows(cats, types, policy, _Layout(len(types), tuple((c.population,) for c in cats), (1.0,)))
    best_status, x, _d, best = _Model(objective, rows, False).solve()
    gains = []
    for i, row in enumerate(rows):
        used = sum(x[c] * v for c, v in zip(row.columns, row.coefficients))
        limit = row.upper if row.upper != _INF else row.lower
        if abs(used - limit) > 1e-6 * max(1.0, abs(limit)):
            continue
        if row.kind == "budget":
            changed = [r if j != i else type(r)(**{**r.__dict__, "upper": r.upper * 1.1}) for j, r in enumerate(rows)]
        else:
            changed = [r for j, r in enumerate(rows) if j != i]
        status, _x, _d, value = _Model(objective, changed, False).solve()
        gains.append(max(0.0, value - best))
    return gains


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--categories", type=int, default=130)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cats, policy = instance(args.categories)
    effects = load_effects()
    warm_times, cold_times = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = solve_plan(cats, effects, policy, returns=LINEAR)  # the LP: warm re-solves with duals
        warm_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        cold = cold_gains(cats, policy)
        cold_times.append(time.perf_counter() - start)
    warm = result.constraints.filter("binding")["gain_if_relaxed"].to_list()
    assert len(warm) == len(cold) and all(abs(a - b) <= 1e-6 * max(1.0, abs(b)) for a, b in zip(warm, cold)), \
        "warm and cold re-solves disagree"
    w, c = min(warm_times), min(cold_times)
    print(f"instance: {args.categories} categories × {len(effects)} types, {len(warm)} binding limits re-solved")
    print(f"planner (one model, warm re-solves, includes the first solve): {w:.3f} s")
    print(f"baseline (fresh model per re-solve, re-solves only):          {c:.3f} s")
    print(f"ratio baseline / planner: {c / w:.1f}×  (best of {args.repeat}; same gains checked)")


if __name__ == "__main__":
    main()
