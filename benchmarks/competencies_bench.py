"""Benchmark: competencies per unit against a plain pandas version of the same counts, and matching.

Generates a synthetic organisation (no personal data), then times in one run, best of a few:
  (a) baseline: pandas — current level per person and skill (latest; same day certified > manager
      > self), required levels of the jobs held, status flags per person, counted per unit;
  (b) `competency_categories(by="unit")` (the same counts plus suppression and shares);
  (c) `competencies_section` — all eleven categories (absolute time; target < 2 s at 10,000);
  (d) `match_candidates` for one job, HR's full list (absolute time; target < 1 s at 10,000).
Also checks that (a) and (b) agree, so speed is not bought with another answer.

    python benchmarks/competencies_bench.py [--employees 10000] [--years 10] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date

import pandas as pd

from levensfase.analytics.competencies import competencies_section, competency_categories, match_candidates
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 1, 1)
SECTION_TARGET_S, MATCH_TARGET_S = 2.0, 1.0
RANK = {"self": 0, "manager": 1, "certified": 2}


def to_pandas(frame) -> pd.DataFrame:
    out = pd.DataFrame(frame.to_dict(as_series=False))
    for name, dtype in frame.schema.items():
        if dtype.is_temporal():
            out[name] = pd.to_datetime(out[name])
    return out


def pandas_counts(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    day = pd.Timestamp(AS_OF)
    a = t["assignments"]
    on = a[(a.start_date <= day) & (a.end_date.isna() | (a.end_date >= day))]
    ps = t["person_skills"]
    ps = ps[ps.date <= day].assign(rank=lambda f: f.source.map(RANK))
    levels = ps.sort_values(["date", "rank"]).groupby(["person_id", "skill_id"])["level"].last().reset_index()
    req = on[["person_id", "job_id"]].drop_duplicates().merge(t["job_skills"], on="job_id")
    req = req.groupby(["person_id", "skill_id"])["level_required"].max().reset_index()
    both = levels.merge(req, on=["person_id", "skill_id"], how="outer")
    both["untapped"] = both.level_required.isna() & (both.level >= 3)
    both["need"] = both.level_required.notna() & (both.level.fillna(0) < both.level_required)
    flags = both.groupby("person_id").agg(untapped=("untapped", "any"), need=("need", "any")).reset_index()
    assessed = set(levels.person_id)
    flags["assessed"] = flags.person_id.isin(assessed)
    members = on[["unit_id", "person_id"]].drop_duplicates().merge(flags, on="person_id", how="left").fillna(False)
    members["untapped"] &= members.assessed
    members["need"] &= members.assessed
    return members.groupby("unit_id").agg(population=("person_id", "nunique"), assessed=("assessed", "sum"),
                                          untapped=("untapped", "sum"), need=("need", "sum"))


def best(repeats: int, fn) -> tuple[float, float, object]:
    wall, cpu, result = [], [], None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    workforce = Workforce.from_tables(generate(employees=args.employees, years=args.years, seed=1, as_of=AS_OF))
    workforce.spells
    tables = {n: to_pandas(getattr(workforce, n)) for n in ("assignments", "person_skills", "job_skills")}
    base_s, base_cpu, base = best(args.repeats, lambda: pandas_counts(tables))
    ours_s, ours_cpu, ours = best(args.repeats, lambda: competency_categories(workforce, as_of=AS_OF, by="unit", k=1))
    section_s, section_cpu, section = best(args.repeats, lambda: competencies_section(workforce, as_of=AS_OF))
    job = workforce.job_skills.get_column("job_id").sort()[0]
    match_s, match_cpu, matched = best(args.repeats, lambda: match_candidates(
        workforce, as_of=AS_OF, job_id=job, include_not_opted_in=True))
    mine = {r["value"]: r for r in ours.iter_rows(named=True)}
    for unit, row in base.iterrows():
        got = mine[unit]
        assert (got["population"], got["assessed"], got["persons_untapped"], got["persons_development_need"]) == (
            row.population, row.assessed, row.untapped, row.need), unit
    print(f"employees: {args.employees:,}  units: {len(base)}  section rows: {len(section['rows'])}  "
          f"candidates: {matched.height:,}  load: {os.getloadavg()[0]:.1f}")
    print(f"pandas counts per unit              : {base_s:8.4f} s wall {base_cpu:8.4f} s cpu  (baseline)")
    print(f"competency_categories(by='unit')    : {ours_s:8.4f} s wall {ours_cpu:8.4f} s cpu  "
          f"ratio {base_s / ours_s:5.2f}x vs baseline")
    print(f"competencies_section (11 categories): {section_s:8.4f} s wall {section_cpu:8.4f} s cpu  "
          f"(target < {SECTION_TARGET_S:.0f} s)")
    print(f"match_candidates (one job, all)     : {match_s:8.4f} s wall {match_cpu:8.4f} s cpu  "
          f"(target < {MATCH_TARGET_S:.0f} s)")


if __name__ == "__main__":
    main()
