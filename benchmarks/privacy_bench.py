"""Benchmark: one day's protected headcounts (`protected_day.day_pattern`) on a generated organisation.

Generates a synthetic organisation (no personal data) of the size given, then times in one run:
  (a) baseline: every table of the day's set suppressed on its own (`privacy.suppress`, each
      (scope, table) with its total) — what protection cost before tables were linked;
  (b) `day_pattern` cold: the day's cells for the whole scope and every unit subtree, and the
      set audit (`privacy.withheld`) — split into building the cells and the audit;
  (c) with --reference: the plain exact audit (`privacy.linked_reference`, the test oracle) on the
      same cells, checked to hide exactly the same cells (it takes minutes from 2,500 up);
  (d) with --flows: the dashboards' flows page for the HR analyst's defaults, in-process and cold
      on a fresh organisation with 10 years of history ending FLOWS_DAY (the Sankey by unit over
      the last five whole years and the turnover per age band for each of them), split into the
      day patterns of the ten year bounds and the rest; then the same with a unit filter;
  (e) with --joint YEAR: that year's joint audit cold (`protected_year.year_pattern`: every category's
      flows and both days' pages of the scope and every subtree as one set, chained: every year
      before it is decided first), split into building the cells and the last year's audit.
Prints wall and this process's CPU seconds (wall follows the machine's load, also printed) and
ratios against (a). Targets: (b) < 2 s at 2,500 employees, < 10 s at 10,000.

    python benchmarks/privacy_bench.py [--employees 2500] [--years 3] [--k 5] [--reference] [--flows] [--joint 2024]
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from datetime import date

import polars as pl

from levensfase.analytics import dashboard, protected_day, protected_year
from levensfase.analytics.privacy import linked_reference, suppress, withheld
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 1, 1)
FLOWS_DAY = date(2025, 12, 6)
TARGETS_S = {2500: 2.0, 10000: 10.0}


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def per_table(counts: dict, k: int) -> int:
    """Each (scope, table) suppressed alone with its total; returns how many cells it hides."""
    tables: dict[tuple, list] = defaultdict(list)
    for (unit, name, value), n in counts.items():
        if name != "total":
            tables[(unit, name)].append((repr(value), n))
    hidden = 0
    for rows in tables.values():
        frame = pl.DataFrame(rows, schema={"value": pl.String, "population": pl.Int64}, orient="row")
        hidden += suppress(frame, k=k, values=[]).table["suppressed"].sum()
    return hidden


def flows_page(workforce: Workforce, *, k: int, unit: str | None) -> dict[str, float]:
    """The flows page's core calls (web/dashboards/selectors/flows.py) for the default filters;
    returns wall and CPU seconds in total and inside `day_pattern`."""
    spent = {"day_wall": 0.0, "day_cpu": 0.0}
    original = dashboard.published_day_pattern

    def day(*args, **kw):
        wall, cpu, pattern = _timed(lambda: original(*args, **kw))
        spent["day_wall"] += wall
        spent["day_cpu"] += cpu
        return pattern

    first = FLOWS_DAY.year - 4
    dashboard.published_day_pattern = day
    try:
        wall, cpu, _ = _timed(lambda: (
            dashboard.period_table(workforce, start=date(first, 1, 1), end=FLOWS_DAY, by="unit", k=k, unit=unit),
            dashboard.yearly_rates(workforce, first_year=first, last_year=FLOWS_DAY.year, end=FLOWS_DAY, by="age_band",
                                   k=k, unit=unit)))
    finally:
        dashboard.published_day_pattern = original
    return {"wall": wall, "cpu": cpu, **spent}


def report_flows(args: argparse.Namespace, base_wall: float) -> None:
    workforce = Workforce.from_tables(generate(employees=args.employees, years=10, seed=args.seed, as_of=FLOWS_DAY))
    unit = workforce.units.sort("unit_id")["unit_id"][min(7, workforce.units.height - 1)]  # U008, as in the report
    for label, chosen in (("(d) flows page cold, whole scope", None), (f"    then with ?unit={unit}", unit)):
        t = flows_page(workforce, k=args.k, unit=chosen)
        print(f"{label:<52} {t['wall']:8.2f} {t['cpu']:8.2f} {t['wall'] / base_wall:7.1f}")
        print(f"{'      of which day patterns (year bounds)':<52} {t['day_wall']:8.2f} {t['day_cpu']:8.2f}")


def report_joint(workforce: Workforce, *, year: int, k: int) -> None:
    spent = {}
    original = protected_year.withheld

    def audit(cells, **kw):
        wall, cpu, hidden = _timed(lambda: original(cells, **kw))
        spent.update(wall=wall, cpu=cpu, cells=len(cells))
        return hidden

    protected_year.withheld = audit
    try:
        wall, cpu, _ = _timed(lambda: protected_year.year_pattern(workforce, year=year, end=date(year, 12, 31), k=k))
    finally:
        protected_year.withheld = original
    label = f"(e) joint year {year} cold: {spent['cells']:,} cells"
    print(f"{label:<52} {wall:8.2f} {cpu:8.2f}")
    print(f"{'    of which the set audit (withheld)':<52} {spent['wall']:8.2f} {spent['cpu']:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=2500)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--reference", action="store_true", help="also time the reference audit (slow)")
    parser.add_argument("--flows", action="store_true", help="also time the dashboards' flows page (10 years)")
    parser.add_argument("--joint", type=int, default=None, help="also time this year's joint audit (cold)")
    args = parser.parse_args()
    workforce = Workforce.from_tables(generate(employees=args.employees, years=args.years, seed=args.seed, as_of=AS_OF))
    print(f"{args.employees:,} employees, {workforce.units.height} units, day {AS_OF}, k = {args.k}; "
          f"load average {os.getloadavg()[0]:.1f}")
    captured: dict = {}

    def audit(cells, **kw):
        captured["cells"] = list(cells)
        wall, cpu, hidden = _timed(lambda: withheld(cells, **kw))
        captured.update(wall=wall, cpu=cpu)
        return hidden

    original = protected_day.withheld
    protected_day.withheld = audit
    try:
        wall, cpu, pattern = _timed(lambda: protected_day.day_pattern(workforce, day=AS_OF, k=args.k))
    finally:
        protected_day.withheld = original
    base_wall, base_cpu, base_hidden = _timed(lambda: per_table(pattern.counts, args.k))
    print(f"{'step':<52} {'wall s':>8} {'CPU s':>8} {'× base':>7}")
    print(f"{'(a) per-table suppress (baseline), hides ' + str(base_hidden):<52} {base_wall:8.2f} {base_cpu:8.2f} {1:7.1f}")
    cells = captured["cells"]
    print(f"{f'(b) day_pattern cold: {len(cells):,} cells, hides {len(pattern.hidden):,}':<52} "
          f"{wall:8.2f} {cpu:8.2f} {wall / base_wall:7.1f}")
    print(f"{'    of which building the cells':<52} {wall - captured['wall']:8.2f} {cpu - captured['cpu']:8.2f}")
    print(f"{'    of which the set audit (withheld)':<52} {captured['wall']:8.2f} {captured['cpu']:8.2f}")
    if args.reference:
        ref_wall, ref_cpu, ref = _timed(lambda: linked_reference.withheld(cells, k=args.k))
        same = "same cells" if ref == pattern.hidden else "DIFFERENT CELLS"
        print(f"{f'(c) reference audit of the same cells ({same})':<52} {ref_wall:8.2f} {ref_cpu:8.2f} "
              f"{ref_wall / base_wall:7.1f}")
        print(f"    audit speed-up: {ref_cpu / captured['cpu']:.1f}× (CPU)")
    if args.flows:
        report_flows(args, base_wall)
    if args.joint is not None:
        report_joint(workforce, year=args.joint, k=args.k)
    target = TARGETS_S.get(args.employees)
    if target is not None:
        print(f"target (b) < {target:.0f} s: {'holds' if cpu < target else 'MISSED'} on CPU time")


if __name__ == "__main__":
    main()
