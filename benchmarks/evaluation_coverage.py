"""Coverage of the evaluation's 95% interval for a planted hazard ratio (issue 18, "Validation built in").

For each of `--orgs` generated organisations (seeds 1, 2, …) the generator plants a hazard ratio
on influenceable exit for one arrangement, with uptake that depends on age, tenure and FTE
(ingest/synthetic/plant.py), and `evaluate` estimates it. Printed per organisation and in total:

- planted run: does the 95% bootstrap interval of the matched hazard ratio cover the planted one
  (target ≥ 90% of organisations), and does the naive comparison's interval (same day, anyone at
  risk, no matching) cover it (it should visibly fail);
- null run (nothing planted, ratio 1): does the matched interval exclude 1 — a false claim
  (target ≤ 10%).

    python benchmarks/evaluation_coverage.py [--orgs 50] [--employees 6000] [--years 8] [--ratio 0.5]
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from levensfase.evaluation import evaluate
from levensfase.evaluation.estimate import REPLICATES
from levensfase.ingest.generator import generate
from levensfase.ingest.synthetic.plant import PlantedEffect
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 12, 31)


def one_run(*, seed: int, employees: int, years: int, code: str, ratio: float, replicates: int) -> dict:
    """Generate, plant, evaluate one organisation: the exit row's numbers."""
    tables = generate(employees=employees, years=years, seed=seed, as_of=AS_OF,
                      plant=PlantedEffect(code=code, outcome="influenceable_exit", ratio=ratio))
    evaluation = evaluate(Workforce.from_tables(tables), as_of=AS_OF, arrangement=code, replicates=replicates,
                          seed=seed)
    group = evaluation.groups[0]
    exit_effect = group.outcomes[0]
    extra = exit_effect.extra
    return {"n_treated": group.n_treated, "n_matched": group.n_matched, "max_smd": group.max_smd,
            "ratio": exit_effect.ratio, "low": exit_effect.ci_low, "high": exit_effect.ci_high,
            "naive": extra.get("naive_ratio"), "naive_low": extra.get("naive_ci_low"),
            "naive_high": extra.get("naive_ci_high")}


def covers(low: float | None, high: float | None, value: float) -> bool:
    return low is not None and high is not None and low <= value <= high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, default=50)
    parser.add_argument("--employees", type=int, default=6000)
    parser.add_argument("--years", type=int, default=8)
    parser.add_argument("--ratio", type=float, default=0.5)
    parser.add_argument("--code", default="mentoring")
    parser.add_argument("--replicates", type=int, default=REPLICATES)
    args = parser.parse_args()
    print(f"{args.orgs} organisations × {args.employees} employees × {args.years} years; planted HR {args.ratio} on "
          f"{args.code}; {args.replicates} bootstrap replicates", flush=True)
    print(f"{'seed':>4} {'treated':>7} {'pairs':>6} {'smd':>5} | {'HR':>5} {'95% interval':>13} cov | "
          f"{'naive':>5} {'interval':>13} cov | {'null HR':>7} {'interval':>13} claim | s", flush=True)
    hits = naive_hits = claims = 0
    for seed in range(1, args.orgs + 1):
        started = time.perf_counter()
        run = one_run(seed=seed, employees=args.employees, years=args.years, code=args.code, ratio=args.ratio,
                      replicates=args.replicates)
        null = one_run(seed=seed, employees=args.employees, years=args.years, code=args.code, ratio=1.0,
                       replicates=args.replicates)
        hit = covers(run["low"], run["high"], args.ratio)
        naive_hit = covers(run["naive_low"], run["naive_high"], args.ratio)
        claim = not covers(null["low"], null["high"], 1.0)
        hits, naive_hits, claims = hits + hit, naive_hits + naive_hit, claims + claim
        f = lambda v: "  –  " if v is None else f"{v:5.3f}"  # noqa: E731
        print(f"{seed:>4} {run['n_treated']:>7} {run['n_matched']:>6} {f(run['max_smd'])} | {f(run['ratio'])} "
              f"{f(run['low'])}–{f(run['high'])} {'yes' if hit else ' no'} | {f(run['naive'])} "
              f"{f(run['naive_low'])}–{f(run['naive_high'])} {'yes' if naive_hit else ' no'} | {f(null['ratio']):>7} "
              f"{f(null['low'])}–{f(null['high'])} {'  yes' if claim else '   no'} | "
              f"{time.perf_counter() - started:.0f}", flush=True)
    n = args.orgs
    print(f"\nmatched interval covers {args.ratio}: {hits}/{n} = {100 * hits / n:.0f}% (target ≥ 90%)")
    print(f"naive interval covers {args.ratio}:   {naive_hits}/{n} = {100 * naive_hits / n:.0f}% (should fail)")
    print(f"no effect planted, significant claim: {claims}/{n} = {100 * claims / n:.0f}% (target ≤ 10%)")


if __name__ == "__main__":
    main()
