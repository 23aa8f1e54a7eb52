"""Employability benchmark: scoring every survey response and the `employability` section, against
the plain per-questionnaire scorer (`score_survey_items` in a Python loop) measured in the same run.

Run:  python benchmarks/employability_bench.py [--employees 10000] [--years 10] [--seed 1]

Prints the time of (a) the baseline loop, (b) `survey_scores` (vectorised, Polars), (c) the whole
`employability_section`, and the ratio baseline / vectorised. Target (DESIGN §7): at 10,000
employees the section "feels instant" on the dashboard — a few seconds at most.
"""

from __future__ import annotations

import argparse
import time
from datetime import date


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import polars as pl

    from levensfase.analytics.employability import employability_section
    from levensfase.analytics.survey_scores import survey_scores
    from levensfase.analytics.vitality import _with_work_demand
    from levensfase.ingest.generator import generate
    from levensfase.model.instruments import InvalidAnswers, score_survey_items
    from levensfase.model.workforce import Workforce

    as_of = date(2026, 11, 27)
    workforce = Workforce.from_tables(generate(employees=args.employees, years=args.years, seed=args.seed,
                                               as_of=as_of))
    print(f"{args.employees} employees, {workforce.surveys.height} survey item rows")

    def baseline() -> int:
        grouped = workforce.surveys.filter(pl.col("instrument") != "was").group_by(
            "person_id", "date", "instrument").agg("item", "value")
        demand = _with_work_demand(workforce.assignments, workforce.jobs, grouped.select("person_id", "date").unique())
        demand_of = {(r["person_id"], r["date"]): r["work_demand"] for r in demand.iter_rows(named=True)}
        scored = 0
        for r in grouped.iter_rows(named=True):
            try:
                score_survey_items(r["instrument"], dict(zip(r["item"], r["value"])),
                                   work_demand=demand_of.get((r["person_id"], r["date"])))
                scored += 1
            except InvalidAnswers:
                pass
        return scored

    t0 = time.perf_counter()
    n_slow = baseline()
    t_slow = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_fast = survey_scores(workforce).height
    t_fast = time.perf_counter() - t0
    t0 = time.perf_counter()
    employability_section(workforce, as_of=as_of, k=5)
    t_section = time.perf_counter() - t0
    print(f"baseline per-questionnaire loop: {t_slow:7.2f} s  ({n_slow} responses)")
    print(f"survey_scores (vectorised):      {t_fast:7.2f} s  ({n_fast} responses)")
    print(f"employability_section:           {t_section:7.2f} s")
    print(f"ratio baseline / vectorised:     {t_slow / t_fast:7.1f}x")


if __name__ == "__main__":
    main()
