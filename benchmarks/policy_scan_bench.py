"""Benchmark: the policy scan per unit against a plain pandas version of the same counts.

Generates a synthetic organisation (no personal data), then times in one run, best of a few:
  (a) baseline: pandas — members per unit on the date, arrangement records in the 12-month
      window joined to them, conversations in the window, grouped per unit;
  (b) `policy_scan(by="unit")` (the same counts plus suppression and shares);
  (c) `policy_scan_section` — all seven categories including life phases (absolute time;
      target: under 2 s at 10,000 employees, "feels instant" in DESIGN §7).
Also checks that (a) and (b) agree, so speed is not bought with another answer.

    python benchmarks/policy_scan_bench.py [--employees 10000] [--years 10] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time
from datetime import date

import pandas as pd

from levensfase.analytics.policy_scan import policy_scan, policy_scan_section
from levensfase.ingest.generator import generate
from levensfase.model.arrangements import load_catalog
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 1, 1)
SINCE = date(2024, 1, 2)  # the day after AS_OF minus 12 months
SECTION_TARGET_S = 2.0


def to_pandas(frame) -> pd.DataFrame:
    """Without pyarrow: through Python lists, with dates as Timestamps (outside the timings)."""
    out = pd.DataFrame(frame.to_dict(as_series=False))
    for name, dtype in frame.schema.items():
        if dtype.is_temporal():
            out[name] = pd.to_datetime(out[name])
    return out


def pandas_scan(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    a = tables["assignments"]
    day, since = pd.Timestamp(AS_OF), pd.Timestamp(SINCE)
    on = a[(a.start_date <= day) & (a.end_date.isna() | (a.end_date >= day))]
    members = on[["unit_id", "person_id"]].drop_duplicates()
    r = tables["arrangements"]
    r = r[(r.start_date <= day) & (r.end_date.isna() | (r.end_date >= since))].copy()
    r["bundle"] = r.code.map(load_catalog().bundle_of()).fillna("other")
    r["dev"] = r.bundle == "development"
    r["cost_eur"] = r.cost_eur.fillna(0.0)
    joined = members.merge(r, on="person_id")
    uptake = joined.groupby("unit_id").agg(uptake_total=("code", "size"), dev=("dev", "sum"), spend=("cost_eur", "sum"))
    c = tables["conversations"]
    talked = c[(c.date >= since) & (c.date <= day)].person_id.unique()
    conv = members[members.person_id.isin(talked)].groupby("unit_id").size().rename("conv")
    pop = members.groupby("unit_id").size().rename("population")
    return pd.concat([pop, uptake, conv], axis=1).fillna(0)


def best(repeats: int, fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    workforce = Workforce.from_tables(generate(employees=args.employees, years=args.years, seed=1, as_of=AS_OF))
    workforce.spells  # derived once, outside the timings
    tables = {n: to_pandas(getattr(workforce, n)) for n in ("assignments", "arrangements", "conversations")}
    base_s, base = best(args.repeats, lambda: pandas_scan(tables))
    ours_s, ours = best(args.repeats, lambda: policy_scan(workforce, as_of=AS_OF, by="unit", k=1))
    section_s, section = best(args.repeats, lambda: policy_scan_section(workforce, as_of=AS_OF))
    ours_rows = {r["value"]: r for r in ours.iter_rows(named=True)}
    for unit, row in base.iterrows():
        mine = ours_rows[unit]
        assert mine["population"] == row.population and mine["uptake_total"] == row.uptake_total, unit
        assert abs(mine["spend_eur"] - row.spend) < 0.01 and mine["uptake_development"] == row.dev, unit
        assert mine["persons_with_conversation"] == row.conv, unit
    print(f"employees: {args.employees:,}  units: {len(base)}  rows in section: {len(section['rows'])}")
    print(f"pandas counts per unit          : {base_s:8.4f} s  (baseline)")
    print(f"policy_scan(by='unit')          : {ours_s:8.4f} s  ratio {base_s / ours_s:5.2f}x vs baseline")
    print(f"policy_scan_section (7 categories): {section_s:8.4f} s  (target < {SECTION_TARGET_S:.0f} s)")


if __name__ == "__main__":
    main()
