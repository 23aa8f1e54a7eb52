"""Benchmark: `evaluate` for all arrangements and bundles (point estimates and balance), the
bootstrap timed apart, beside the same matching in plain pandas + scikit-learn, in one run.
(Ours is timed step by step through `evaluate`'s own names, so the panel is built once.)

Ours: the whole evaluation with `replicates=0` — person-month panel, per arrangement and bundle the
propensity fit, risk-set matching, balance table and the three outcomes (target < 60 s at
100.000 × 10). Then the bootstrap (1.000 replicates) of the largest arrangement alone. Then the
matching step of each group timed inside that run (`matching.match` with the shared `risk_index`),
beside the baseline (`evaluation_baseline_pandas.py`: pandas merges + scikit-learn
LogisticRegression + `merge_asof` nearest) on the same panel and design matrix, group by group
until `--baseline-seconds` run out; the ratio is over the groups the baseline finished. Printed:
wall and CPU seconds, the load average, and the pairs each found.

    python benchmarks/evaluation_bench.py --data /tmp/sector/100k --as-of 2026-06-30
    python benchmarks/evaluation_bench.py --employees 10000 --years 10   # a generated organisation
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd
import polars as pl

from levensfase.evaluation import evaluate
from levensfase.evaluation.estimate import REPLICATES
from levensfase.evaluation.evaluate import GROUP_WORKERS, window_start
from levensfase.ingest.generator import generate
from levensfase.ingest.reader import read_exchange
from levensfase.model.workforce import Workforce

sys.path.insert(0, str(Path(__file__).parent))
from evaluation_baseline_pandas import MAX_ITER, baseline_pairs, to_pandas  # noqa: E402


def _clock():
    return time.perf_counter(), time.process_time()


def _since(start) -> tuple[float, float]:
    return time.perf_counter() - start[0], time.process_time() - start[1]


def _line(label: str, spent: tuple[float, float], note: str = "") -> None:
    print(f"{label:52s} {spent[0]:7.1f} s (CPU {spent[1]:.1f} s){note}; load {os.getloadavg()[0]:.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="an exchange folder (else a generated organisation)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 12, 31))
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--no-bootstrap", action="store_true")
    parser.add_argument("--baseline-seconds", type=float, default=240.0, help="time box of the baseline")
    args = parser.parse_args()
    as_of = args.as_of
    print(f"{args.data or f'{args.employees:,} employees × {args.years} years (generated)'}; as of {as_of}; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    clock = _clock()
    tables = read_exchange(args.data).tables if args.data else generate(
        employees=args.employees, years=args.years, seed=1, as_of=as_of)
    workforce = Workforce.from_tables(tables)
    _line("read / generate", _since(clock))

    # ours, with each step's time: the panel (built inside `evaluate`, kept for the baseline) and
    # every group's matching step (`matching.match`), read through the module's own names
    module = sys.modules["levensfase.evaluation.evaluate"]
    kept: dict[str, object] = {}
    matched: list[tuple[float, int, pl.DataFrame]] = []
    build_panel, match_group, design_of = module.build_panel, module.match, module.design

    def timed_panel(*a, **k):
        one = _clock()
        kept["panel"] = build_panel(*a, **k)
        kept["panel_time"] = _since(one)
        return kept["panel"]

    def timed_design(frame):
        kept["design"] = design_of(frame)
        return kept["design"]

    def timed_match(*a, **k):
        one = time.perf_counter()
        found = match_group(*a, **k)
        # one append (groups run two at a time in threads): each group's time, pairs and starts together
        matched.append((time.perf_counter() - one, int(found.pairs.get_column("control_id").is_not_null().sum()), a[2]))
        return found

    module.build_panel, module.match, module.design = timed_panel, timed_match, timed_design
    clock = _clock()
    result = evaluate(workforce, as_of=as_of, replicates=0)
    spent = _since(clock)
    module.build_panel, module.match, module.design = build_panel, match_group, design_of
    _line("ours: evaluate, all groups (no bootstrap)", spent, f"  [target < 60 s; {GROUP_WORKERS} groups at a time]")
    ours_time, ours_pairs, starts = ([m[i] for m in matched] for i in range(3))
    frame, matrix = kept["panel"], kept["design"]
    _line(f"  of which the panel ({frame.height:,} person-months)", kept["panel_time"])  # type: ignore[union-attr,arg-type]
    print(f"{f'  matching, summed over the {len(ours_time)} groups':52s} {sum(ours_time):7.1f} s", flush=True)
    largest = max((g for g in result.groups if g.code), key=lambda g: g.n_treated)
    if not args.no_bootstrap:
        clock = _clock()
        evaluate(workforce, as_of=as_of, arrangement=largest.code, replicates=REPLICATES)
        _line(f"ours: {largest.code} ({largest.n_treated:,}) + {REPLICATES} bootstrap", _since(clock))
    since = window_start(as_of)
    pandas_frame = to_pandas(frame)  # not in the baseline's time
    clock = _clock()
    done, theirs_time, theirs_pairs = 0, 0.0, 0
    for s in starts:  # type: ignore[attr-defined]
        if time.perf_counter() - clock[0] > args.baseline_seconds:
            break
        chosen = s.filter(pl.col("start") >= since)
        found = pd.DataFrame({"person_id": chosen.get_column("person_id").to_numpy(),
                              "start": pd.to_datetime(chosen.get_column("start").to_numpy())})
        one = time.perf_counter()
        theirs = baseline_pairs(pandas_frame, matrix.matrix, found)  # type: ignore[attr-defined]
        theirs_time += time.perf_counter() - one
        theirs_pairs += int(theirs["control_id"].notna().sum())
        done += 1
    _line(f"baseline: pandas + scikit-learn, {done} of {len(ours_time)} groups", _since(clock),
          f"  [newton-cholesky, max_iter={MAX_ITER}; time box {args.baseline_seconds:.0f} s]")
    ours_same = sum(ours_time[:done])
    ratio = theirs_time / ours_same if ours_same else float("nan")
    print(f"on the {done} groups the baseline finished: baseline {theirs_time:.1f} s, ours {ours_same:.1f} s "
          f"(matching alone) → baseline/ours = {ratio:.1f}×; pairs matched: ours {sum(ours_pairs[:done]):,}, "
          f"baseline {theirs_pairs:,}", flush=True)


if __name__ == "__main__":
    main()
