"""Benchmark: `kaplan_meier_by` against lifelines' KaplanMeierFitter fitted per category.

Synthetic spells (no personal data): 100,000 durations in whole days, censored at a common
analysis date, spread over 10 categories with different exit rates. Both sides get the same
Polars/NumPy data; the lifelines side fits one KaplanMeierFitter per category, which is how one
would use it. Best of a few repeats; prints seconds and the ratio (target: ≥ 5× faster). Also
checks that both give the same curves, so the speed is not bought with a different answer.

    python benchmarks/retention_bench.py [--spells 100000] [--categories 10] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import polars as pl

from levensfase.analytics.retention import kaplan_meier_by


def synthetic_spells(*, spells: int, categories: int, seed: int = 7) -> pl.DataFrame:
    """Spells started over 15 years before the analysis date; exits after an exponential time per category."""
    rng = np.random.default_rng(seed)
    category = rng.integers(0, categories, spells)
    mean_years = 2.0 + 1.5 * category  # category 0 leaves soonest
    exit_days = np.ceil(rng.exponential(mean_years * 365.25)).astype(np.int64)
    followed_days = rng.integers(1, 15 * 365, spells)  # days from start to the analysis date
    event = exit_days <= followed_days
    days = np.where(event, exit_days, followed_days)
    return pl.DataFrame(
        {"category": [f"cat{c:02d}" for c in category], "duration_years": days / 365.25, "event": event}
    )


def _best(fn, repeats: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def lifelines_per_category(frame: pl.DataFrame) -> dict:
    from lifelines import KaplanMeierFitter

    fitted = {}
    for (value,), part in frame.partition_by("category", as_dict=True).items():
        fitted[value] = KaplanMeierFitter().fit(part["duration_years"].to_numpy(), part["event"].to_numpy())
    return fitted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spells", type=int, default=100_000)
    parser.add_argument("--categories", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    frame = synthetic_spells(spells=args.spells, categories=args.categories)
    kaplan_meier_by(frame.head(100), by="category")  # warm-up (imports, first Polars call)
    lifelines_per_category(frame.head(100))

    ours_s, ours = _best(lambda: kaplan_meier_by(frame, by="category"), args.repeats)
    base_s, base = _best(lambda: lifelines_per_category(frame), args.repeats)

    worst = 0.0
    for value, km in ours.items():
        sf = base[value].survival_function_.iloc[:, 0].to_numpy()
        ci = base[value].confidence_interval_.to_numpy()
        worst = max(worst, float(np.abs(km.table["survival"].to_numpy() - sf).max()),
                    float(np.abs(km.table.select("ci_lower", "ci_upper").to_numpy() - ci).max()))

    print(f"spells: {frame.height:,}  categories: {len(ours)}  "
          f"distinct times: {frame.select(pl.struct('category', 'duration_years').n_unique()).item():,}")
    print(f"levensfase kaplan_meier_by : {ours_s:8.4f} s")
    print(f"lifelines KMF per category : {base_s:8.4f} s  (baseline)")
    print(f"speed-up                   : {base_s / ours_s:8.1f}x  (target >= 5x)")
    print(f"largest difference in survival/bands vs lifelines: {worst:.2e}")


if __name__ == "__main__":
    main()
