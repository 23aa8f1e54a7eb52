"""Benchmark: the Monte Carlo projection (state counts, multinomial draws) against a per-person simulation.

A generated organisation of 100,000 employees with 10 years of history is fitted once; then the
baseline scenario is projected 10 years with 1,000 runs by `planning.montecarlo.simulate` (target:
< 5 s). The baseline is the obvious alternative: simulate every person in every run (vectorised
over people with numpy, one uniform draw per person per year, movers by searchsorted on cumulative
destination shares, recruits appended as new people). It is run on fewer runs (default 20) and
scaled linearly to 1,000 — it is linear in runs, each run being independent — and the script says
so. Both use the same fitted model, and the script checks that the mean headcount paths agree
within 1%, so the speed is not bought with a different model.

    python benchmarks/projection_bench.py [--employees 100000] [--runs 1000] [--baseline-runs 20]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date

import numpy as np

from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce
from levensfase.planning.estimate import estimate
from levensfase.planning.montecarlo import simulate
from levensfase.planning.params import build_params
from levensfase.planning.scenarios import builtin_scenarios

AS_OF = date(2026, 11, 28)


def per_person(params, *, years: int, runs: int, seed: int) -> np.ndarray:
    """Headcount path (years + 1, runs) simulating each person: the baseline."""
    rng = np.random.default_rng(seed)
    S, Y = params.n0.shape
    state0, cell0 = np.nonzero(params.n0)
    counts = params.n0[state0, cell0]
    start_state, start_y = np.repeat(state0, counts), np.repeat(cell0, counts)
    cum_dest = np.cumsum(params.dest, axis=1)
    mix = params.hire_mix.ravel()
    out = np.zeros((years + 1, runs))
    for r in range(runs):
        state, y = start_state.copy(), start_y.copy()
        out[0, r] = state.size
        for t in range(1, years + 1):
            u = rng.random(state.size)
            retire = params.retire[y]
            leave = (1 - retire) * params.leave[state, y]
            gone = u < retire + leave
            move_p = (1 - retire - leave) * params.move[state, y]
            moves = ~gone & (u < retire + leave + move_p)
            if moves.any():
                pick = rng.random(int(moves.sum()))
                state[moves] = np.minimum((cum_dest[state[moves]] < pick[:, None]).sum(axis=1), S - 1)
            state, y = state[~gone], np.maximum(y[~gone] - 1, 0)
            hires = rng.choice(mix.size, size=params.intake, p=mix)
            state = np.concatenate([state, hires // Y])
            y = np.concatenate([y, hires % Y])
            out[t, r] = state.size
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--baseline-runs", type=int, default=20)
    args = parser.parse_args()

    t0 = time.perf_counter()
    workforce = Workforce.from_tables(generate(employees=args.employees, years=10, seed=1, as_of=AS_OF))
    t1 = time.perf_counter()
    fit = estimate(workforce, as_of=AS_OF)
    t2 = time.perf_counter()
    params = build_params(fit, builtin_scenarios()["baseline"], years=args.years, demand=None)
    print(f"setup: generate {args.employees:,} employees {t1 - t0:.1f} s, estimate {t2 - t1:.1f} s "
          f"({len(fit.states)} states, {fit.start.sum():,.0f} people) — not part of the comparison")

    cpu, wall = time.process_time(), time.perf_counter()
    paths = simulate(params, years=args.years, runs=args.runs, seed=1)
    mc_wall, mc_cpu = time.perf_counter() - wall, time.process_time() - cpu

    cpu, wall = time.process_time(), time.perf_counter()
    people = per_person(params, years=args.years, runs=args.baseline_runs, seed=1)
    scale = args.runs / args.baseline_runs
    pp_wall, pp_cpu = (time.perf_counter() - wall) * scale, (time.process_time() - cpu) * scale

    mc_mean, pp_mean = paths.headcount.mean(axis=1), people.mean(axis=1)
    worst = float(np.max(np.abs(mc_mean - pp_mean) / pp_mean))
    load = os.getloadavg()[0]
    print(f"Monte Carlo over state counts, {args.runs:,} runs × {args.years} years: "
          f"{mc_wall:.2f} s wall, {mc_cpu:.2f} s CPU (target < 5 s)")
    print(f"per-person simulation, {args.baseline_runs} runs scaled ×{scale:g} to {args.runs:,}: "
          f"{pp_wall:.1f} s wall, {pp_cpu:.1f} s CPU")
    print(f"ratio: {pp_wall / mc_wall:.0f}× faster (wall), {pp_cpu / mc_cpu:.0f}× (CPU); load average {load:.1f}")
    print(f"mean headcount paths agree within {worst:.2%} (year {args.years}: {mc_mean[-1]:,.0f} vs {pp_mean[-1]:,.0f})")
    if worst > 0.01:
        raise SystemExit("the two simulations disagree by more than 1%: the comparison is not fair")


if __name__ == "__main__":
    main()
