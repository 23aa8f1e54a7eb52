"""Benchmark: the web document's day sets (`protected_year.report_day(pages=True)`) against the
CLI's (`pages=False`) on the demo organisation, cold.

The web document's composition reads ten days (the as-of day and the same day of nine earlier
years). For a reader of the dashboards too, each day's set is audited with the pages' cells of
that day given (every subtree), so it pays the pages' own day audit (`day_pattern`) and a larger
set. The as-of day's pages also need the running year's chain, which the web decides ahead
(`decide_years`) and this benchmark leaves out: its earlier days are not on a year boundary, and the
as-of day is given the pages' day pattern without the year's extras (the same audit size).
Prints wall and CPU seconds of both and the ratio.

    python benchmarks/report_day_bench.py [--employees 2500] [--seed 2026] [--day 2026-12-06] [--days 10]
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from levensfase.analytics.protected_day import day_pattern, report_day_pattern
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce


def _timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--day", type=date.fromisoformat, default=date(2026, 12, 6))
    parser.add_argument("--days", type=int, default=10, help="the as-of day and the same day of earlier years")
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    tables = generate(employees=args.employees, years=10, seed=args.seed, as_of=args.day)
    days = [args.day.replace(year=args.day.year - back) for back in range(args.days)]
    alone = Workforce.from_tables(tables)  # separate objects: nothing cached between the two
    wall_a, cpu_a = _timed(lambda: [day_pattern(alone, day=d, k=args.k, subtrees=False) for d in days])
    print(f"alone (CLI):       {wall_a:.1f} s wall, {cpu_a:.1f} s CPU", flush=True)
    web = Workforce.from_tables(tables)
    wall_w, cpu_w = _timed(lambda: [report_day_pattern(web, day=d, k=args.k, pages=day_pattern(web, day=d, k=args.k))
                                    for d in days])
    print(f"with pages (web):  {wall_w:.1f} s wall, {cpu_w:.1f} s CPU  (pages' own day audits included)")
    print(f"ratio: {cpu_w / cpu_a:.1f}x CPU")


if __name__ == "__main__":
    main()
