"""Benchmark: the chained year audits cold (`protected_year.year_pattern`) on the demo organisation.

Generates the organisation `levensfase demo` serves (2,500 people, seed 2026, ten years of history
ending on the demo's day), then times in one process, each cold after the ones before:
  (a) the first year of recorded history (`model.recorded_history`): the first year a page offers;
  (b) the given years (default 2022 and the demo day's partial year) — each pays the chain's years
      before it not yet decided.
Prints wall and CPU seconds. Runs on a branch without `recorded_history` too (then (a) is skipped).

    python benchmarks/year_chain_bench.py [--employees 2500] [--seed 2026] [--day 2026-12-06] [--years 2022 2026]
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from levensfase.analytics import protected_year
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce


def _timed(label: str, fn) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    print(f"{label}: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--day", type=date.fromisoformat, default=date(2026, 12, 6))
    parser.add_argument("--history", type=int, default=10, help="years of history (the demo: 10)")
    parser.add_argument("--years", type=int, nargs="*", default=[2022, 2026])
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    workforce = Workforce.from_tables(generate(employees=args.employees, years=args.history, seed=args.seed,
                                               as_of=args.day))
    print(f"{args.employees} people, seed {args.seed}, day {args.day}, first start "
          f"{workforce.assignments['start_date'].min()}")

    def pattern(year: int):
        end = min(date(year, 12, 31), args.day)
        return lambda: protected_year.year_pattern(workforce, year=year, end=end, k=args.k)

    try:
        from levensfase.model.recorded_history import first_recorded_year
    except ImportError:
        first = None
    else:
        first = first_recorded_year(workforce)
        print(f"first year of recorded history: {first}")
        _timed(f"(a) first year {first} cold", pattern(first))
    for year in args.years:
        _timed(f"(b) year {year} (up to {min(date(year, 12, 31), args.day)}) cold after the above", pattern(year))


if __name__ == "__main__":
    main()
