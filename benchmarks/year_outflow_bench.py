"""Benchmark: the price of auditing the dashboards' outflow rows of one year with the year's pages
(`protected_year_outflow`, issue 16) on a generated organisation (default the demo's size and seed).

Times in one run, cold:
  (a) baseline: the year's pattern (`protected_year.year_pattern`, chained from the first recorded
      year), which the categories page computes anyway;
  (b) the outflow rows' decision on top of it (`year_outflow_hidden`): the cells of every subtree,
      category and table, and the audit;
and counts the outflow rows withheld (every subtree, category and table of the year: the
influenceable outflow per group, the flows page's exits per kind, the findings' totals) table by
table (`privacy.suppress`, the rule until 7 Dec 2026) and by the decision.

    python benchmarks/year_outflow_bench.py [--employees 2500] [--years 3] [--seed 42] [--k 5]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date

import polars as pl

from levensfase.analytics import protected_year_outflow as pyo
from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.outflow_kinds import OUTFLOW_VALUES, outflow_by_kind, outflow_in_window
from levensfase.analytics.privacy import suppress
from levensfase.analytics.protected_flows import flow_scopes
from levensfase.analytics.protected_year import year_pattern
from levensfase.analytics.scope import rolled_up, subtree_workforce
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 1, 1)


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _rows(workforce: Workforce, year: int, k: int, hidden: frozenset) -> tuple[int, int, int]:
    """(rows, withheld table by table, withheld by the decision) over every subtree, category and table."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = old = new = 0
    for scope in flow_scopes(workforce, start=start, end=end):
        sub = subtree_workforce(workforce, scope)
        for by in (None, *CATEGORIES):
            shown = rolled_up(sub) if by == "unit" else sub
            tables = [(pyo.WINDOW, outflow_in_window(shown, start=start, end=end, by=by))]
            if by is not None:
                tables.append((pyo.YEAR, outflow_by_kind(shown, years=[year], by=by).filter(pl.col("year") == year)))
            for name, raw in tables:
                table = suppress(raw, k=k, values=OUTFLOW_VALUES, has_total=by is not None).table
                rows += table.height
                old += int(table["suppressed"].sum())
                new += sum((name, scope, by, str(v)) in hidden for v in raw["value"].to_list())
    return rows, old, new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=2500)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    workforce = Workforce.from_tables(generate(employees=args.employees, years=args.years, seed=args.seed, as_of=AS_OF))
    year = AS_OF.year - 1
    end = date(year, 12, 31)
    print(f"{args.employees:,} employees, {workforce.units.height} units, year {year}, k = {args.k}; "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"{'':<52} {'wall s':>8} {'cpu s':>8}")
    wall, cpu, _ = _timed(lambda: year_pattern(workforce, year=year, end=end, k=args.k))
    print(f"{'(a) year pattern cold (chained): baseline':<52} {wall:8.2f} {cpu:8.2f}")
    w2, c2, hidden = _timed(lambda: pyo.year_outflow_hidden(workforce, year=year, end=end, k=args.k))
    print(f"{'(b) outflow rows decision cold, on top of (a)':<52} {w2:8.2f} {c2:8.2f}   cpu ×{c2 / cpu:.2f} of (a)")
    rows, old, new = _rows(workforce, year, args.k, hidden)
    print(f"outflow rows {rows:,}: withheld table by table {old:,}, by the decision {new:,}; "
          f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
