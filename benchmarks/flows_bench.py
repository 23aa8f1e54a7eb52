"""Benchmark: the flows page's period tables cold, linked audit over every unit subtree vs the old
per-table suppression, in one run on a generated organisation (no personal data).

The flows page (web/dashboards/selectors/flows.py) for the default filters asks the Sankey table by
unit over the last five whole years and the turnover per age band for each of them. Since issue
16's parent-minus-children gap, each year's flow counts of the whole scope and *every* unit
subtree are audited as one linked set (`analytics.protected_flows.flow_year`), so a unit filter
afterwards costs nothing more; before, each subtree's table was suppressed alone with its total
(`protected_periods.period_pattern`, still in the code and timed here as the baseline). The day
patterns of the ten year bounds are shared by both and computed first (timed apart).

    python benchmarks/flows_bench.py [--employees 2500] [--k 5]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date

from levensfase.analytics import dashboard, protected_day
from levensfase.analytics.protected_periods import period_pattern
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

DAY = date(2025, 12, 6)


def _timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _years(first: int) -> list[tuple[date, date]]:
    return [(date(y, 1, 1), min(date(y, 12, 31), DAY)) for y in range(first, DAY.year + 1)]


def old_page(workforce: Workforce, *, k: int, unit: str | None, first: int) -> None:
    """The per-table protection: each subtree's table per year suppressed alone."""
    sub = dashboard.unit_workforce(workforce, unit)
    period_pattern(sub, by="unit", years=range(first, DAY.year + 1), end=DAY, k=k).rows(
        sub, start=date(first, 1, 1), end=DAY)
    for start, end in _years(first):
        period_pattern(sub, by="age_band", years=range(start.year, start.year + 1), end=end, k=k).rows(
            sub, start=start, end=end)


def new_page(workforce: Workforce, *, k: int, unit: str | None, first: int) -> None:
    dashboard.period_table(workforce, start=date(first, 1, 1), end=DAY, by="unit", k=k, unit=unit)
    for start, end in _years(first):
        dashboard.period_table(workforce, start=start, end=end, by="age_band", k=k, unit=unit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=2500)
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    workforce = Workforce.from_tables(generate(employees=args.employees, years=10, seed=42, as_of=DAY))
    unit = workforce.units.sort("unit_id")["unit_id"][min(7, workforce.units.height - 1)]
    first = DAY.year - 4
    print(f"{args.employees:,} employees, {workforce.units.height} units, k = {args.k}; "
          f"load average {os.getloadavg()[0]:.1f}")
    days = [d for start, end in _years(first) for d in (start, end)]
    wall, cpu = _timed(lambda: [protected_day.day_pattern(workforce, day=d, k=args.k) for d in days])
    print(f"{'ten day patterns (shared by both, computed first)':<52} {wall:8.2f} {cpu:8.2f}")
    print(f"{'step':<52} {'wall s':>8} {'CPU s':>8} {'× old':>7}")
    old = {}
    for label, chosen in (("whole scope", None), (f"then ?unit={unit}", unit)):
        old[label] = _timed(lambda: old_page(workforce, k=args.k, unit=chosen, first=first))
        print(f"{'old per-table, ' + label:<52} {old[label][0]:8.2f} {old[label][1]:8.2f} {1:7.1f}")
    for label, chosen in (("whole scope", None), (f"then ?unit={unit}", unit)):
        wall, cpu = _timed(lambda: new_page(workforce, k=args.k, unit=chosen, first=first))
        print(f"{'linked over all subtrees, ' + label:<52} {wall:8.2f} {cpu:8.2f} {cpu / max(old[label][1], 1e-9):7.1f}")


if __name__ == "__main__":
    main()
