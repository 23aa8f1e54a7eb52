"""Benchmark: the Monte Carlo projection (state counts, multinomial draws) against a per-person simulation.

A generated organisation of 100,000 employees with 10 years of history is fitted once; then the
baseline scenario is projected 10 years with 1,000 runs by `planning.montecarlo.simulate` (target:
< 5 s). The baseline is the obvious alternative: simulate every person in every run (vectorised
over people with numpy, one uniform draw per person per year, movers by searchsorted on cumulative
destination shares, recruits appended as new people). It is run on fewer runs (default 20) and
scaled linearly to 1,000 — it is linear in runs, each run being independent — and the script says
so. Both use the same fitted model, and the script checks that the mean headcount paths agree
within 1%, so the speed is not bought with a different model.

Issue 21 (sector scale) asks for fitting and 1,000 runs together in < 60 s at 1,500,000 employees ×
10 years: give the size (`--employees`) or a folder of exchange files (`--data`, CSV or Parquet,
e.g. written by `levensfase generate --format parquet`); the script prints the fit time, the
simulation time, their sum against that target, and the peak memory of the process after each step.
At sector scale use `--baseline-runs 2` (the per-person baseline costs ~20 s a run there).

    python benchmarks/projection_bench.py [--employees 100000 | --data DIR --as-of YYYY-MM-DD]
                                          [--runs 1000] [--baseline-runs 20]
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

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


def peak_gb() -> float:
    """Peak resident memory of this process so far (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def load(args: argparse.Namespace) -> Workforce:
    """Generate, or read `--data`: Parquet files straight (files this project wrote: the setup is
    not what is measured, and checking 1,5 million people's files costs minutes), CSV through
    `read_exchange` with every check."""
    if args.data is None:
        return Workforce.from_tables(generate(employees=args.employees, years=10, seed=1, as_of=args.as_of))
    parquet = sorted(args.data.glob("*.parquet"))
    if parquet:
        from levensfase.model.workforce import conform

        return Workforce.from_tables({p.stem: conform(p.stem, pl.read_parquet(p)) for p in parquet})
    from levensfase.ingest.reader import read_exchange

    result = read_exchange(args.data)
    if not result.ok:
        raise SystemExit(f"{args.data}: {len(result.problems)} problem(s), e.g. {result.problems[0]}")
    return Workforce.from_tables(result.tables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=None, help="exchange files to read instead of generating")
    parser.add_argument("--as-of", type=date.fromisoformat, default=AS_OF)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--baseline-runs", type=int, default=20)
    args = parser.parse_args()

    t0 = time.perf_counter()
    workforce = load(args)
    t1 = time.perf_counter()
    source = f"read {args.data}" if args.data else f"generate {args.employees:,} employees"
    print(f"setup: {source} {t1 - t0:.1f} s, peak {peak_gb():.2f} GB — not part of the comparison")

    cpu, wall = time.process_time(), time.perf_counter()
    fit = estimate(workforce, as_of=args.as_of)
    params = build_params(fit, builtin_scenarios()["baseline"], years=args.years, demand=None)
    fit_wall, fit_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"fit (estimate + parameters): {fit_wall:.2f} s wall, {fit_cpu:.2f} s CPU "
          f"({len(fit.states)} states, {fit.start.sum():,.0f} people on {args.as_of}); peak {peak_gb():.2f} GB; "
          f"load average {os.getloadavg()[0]:.1f}")

    cpu, wall = time.process_time(), time.perf_counter()
    paths = simulate(params, years=args.years, runs=args.runs, seed=1)
    mc_wall, mc_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"Monte Carlo over state counts, {args.runs:,} runs × {args.years} years: "
          f"{mc_wall:.2f} s wall, {mc_cpu:.2f} s CPU (target < 5 s at 100,000); peak {peak_gb():.2f} GB; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"fit + simulation: {fit_wall + mc_wall:.1f} s wall, {fit_cpu + mc_cpu:.1f} s CPU "
          f"(target < 60 s at 1,500,000)")
    if args.baseline_runs <= 0:
        return

    cpu, wall = time.process_time(), time.perf_counter()
    people = per_person(params, years=args.years, runs=args.baseline_runs, seed=1)
    scale = args.runs / args.baseline_runs
    pp_wall, pp_cpu = (time.perf_counter() - wall) * scale, (time.process_time() - cpu) * scale

    mc_mean, pp_mean = paths.headcount.mean(axis=1), people.mean(axis=1)
    worst = float(np.max(np.abs(mc_mean - pp_mean) / pp_mean))
    load_avg = os.getloadavg()[0]
    print(f"per-person simulation, {args.baseline_runs} runs scaled ×{scale:g} to {args.runs:,}: "
          f"{pp_wall:.1f} s wall, {pp_cpu:.1f} s CPU")
    print(f"ratio: {pp_wall / mc_wall:.0f}× faster (wall), {pp_cpu / mc_cpu:.0f}× (CPU); load average {load_avg:.1f}")
    print(f"mean headcount paths agree within {worst:.2%} (year {args.years}: {mc_mean[-1]:,.0f} vs {pp_mean[-1]:,.0f})")
    tolerance = 0.01 if args.baseline_runs >= 20 else 0.03  # a few baseline runs carry more noise
    if worst > tolerance:
        raise SystemExit(f"the two simulations disagree by more than {tolerance:.0%}: the comparison is not fair")


if __name__ == "__main__":
    main()
