"""Import benchmark: exchange CSV files → SQLite database → Workforce, against Polars' own CSV reader.

Run:  python benchmarks/import_bench.py [--employees 100000] [--years 10] [--seed 1] [--small 10000]

Generates a synthetic organisation (levensfase.ingest.generator), writes it as exchange CSV files,
then times in one run:
  (a) baseline: `pl.read_csv` of the same files (no validation, no database);
  (b) reading and checking the files alone (`read_exchange`), for reference, then the full import
      into a fresh SQLite database (`import_files`: the next table is read and checked while the
      database stores one, so the import costs less than reading plus storing);
  (c) `load_workforce()` cold (cache dropped) from that database, and from a database holding the
      `--small` organisation.
Targets (DESIGN §7): import < 30 s at 100,000 employees; load_workforce < 1 s at 10,000.
Each step prints wall seconds, the ratio to the baseline and this process's CPU seconds (which,
unlike wall time, hardly move when other work shares the machine; Polars' threads add up).
Everything lives in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

IMPORT_TARGET_S = 30.0
LOAD_TARGET_S = 1.0


def _setup_django(home: Path) -> None:
    """A fresh SQLite database under a temporary LEVENSFASE_HOME, migrated."""
    os.environ["LEVENSFASE_HOME"] = str(home)
    os.environ.pop("DATABASE_URL", None)  # the target is about the embedded default
    os.environ["DJANGO_SETTINGS_MODULE"] = "levensfase.web.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


CPU: dict[str, float] = {}  # step label -> CPU seconds of the timed call


def _timed(fn: Callable[[], object], label: str = "") -> tuple[float, object]:
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    if label:
        CPU[label] = time.process_time() - cpu
    return time.perf_counter() - start, result


def _best_of(n: int, fn: Callable[[], object], label: str = "") -> float:
    runs = [(_timed(fn, label)[0], CPU.get(label, 0.0)) for _ in range(n)]
    best = min(runs)
    if label:
        CPU[label] = best[1]
    return best[0]


def _cold_load() -> object:
    from levensfase.web.hr.selectors import forget_workforce, load_workforce

    forget_workforce()  # the in-process cache would answer a repeat at once
    return load_workforce()


def _write_files(*, employees: int, years: int, seed: int, as_of: date, folder: Path) -> dict[str, int]:
    from levensfase.ingest.generator import generate
    from levensfase.ingest.writer import write_exchange

    tables = generate(employees=employees, years=years, seed=seed, as_of=as_of)
    rows = {name: frame.height for name, frame in tables.items()}
    write_exchange(tables, folder, format="csv")
    del tables
    gc.collect()
    return rows


def _read_only(folder: Path, tag: str = "") -> float:
    """Seconds to read and check the files alone (`read_exchange`): the work the import overlaps."""
    from levensfase.ingest.reader import read_exchange

    seconds, result = _timed(lambda: read_exchange(folder), f"read{tag}")
    if not result.ok:
        sys.exit(f"generated files were refused ({len(result.problems)} problems), first: {result.problems[0]}")
    return seconds


def _import(folder: Path, source: str, tag: str = "") -> float:
    """Seconds for the whole import (`import_files`: read, check and store, overlapped)."""
    from levensfase.web.hr.services import import_files

    seconds, outcome = _timed(lambda: import_files(folder, source=source), f"import{tag}")
    if not outcome.ok:
        sys.exit(f"generated files were refused ({len(outcome.problems)} problems), first: {outcome.problems[0]}")
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", type=int, default=10_000, help="employees for the load_workforce target")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 1, 1))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="levensfase-bench-") as tmp:
        tmp_path = Path(tmp)
        _setup_django(tmp_path / "home")
        import polars as pl

        from levensfase.web.hr.selectors import load_workforce
        from levensfase.web.hr.services import clear_all

        big, small = tmp_path / "big", tmp_path / "small"
        print(f"generating {args.employees:,} employees × {args.years} years (seed {args.seed}) …", flush=True)
        gen_s, rows = _timed(lambda: _write_files(employees=args.employees, years=args.years, seed=args.seed,
                                                  as_of=args.as_of, folder=big))
        total_rows = sum(rows.values())
        size_mb = sum(f.stat().st_size for f in big.glob("*.csv")) / 1e6
        print(f"  {total_rows:,} rows in {len(rows)} files, {size_mb:,.0f} MB, generated in {gen_s:.1f} s", flush=True)

        load_start = os.getloadavg()[0]
        baseline = _best_of(1, lambda: {f.name: pl.read_csv(f) for f in sorted(big.glob("*.csv"))}, "baseline")
        read_s = _read_only(big)
        gc.collect()
        import_s = _import(big, source=f"benchmark {args.employees}")
        load_big = _best_of(3, _cold_load, "load")
        warm_big = _best_of(3, load_workforce, "warm")

        clear_all()
        _write_files(employees=args.small, years=args.years, seed=args.seed, as_of=args.as_of, folder=small)
        _import(small, source=f"benchmark {args.small}", tag="-small")
        load_small = _best_of(5, _cold_load, "load-small")

        lines = [
            (f"(a) pl.read_csv, {args.employees:,} (baseline)", baseline, "baseline"),
            (f"(b) read + check only (read_exchange), {args.employees:,}", read_s, "read"),
            (f"(b) full import (import_files), {args.employees:,}", import_s, "import"),
            (f"(c) load_workforce cold, {args.employees:,}", load_big, "load"),
            (f"(c) load_workforce warm (cached), {args.employees:,}", warm_big, "warm"),
            (f"(c) load_workforce cold, {args.small:,}", load_small, "load-small"),
        ]
        width = max(len(label) for label, _, _ in lines)
        print(f"\n{'step':<{width}}  {'seconds':>8}  {'× baseline':>10}  {'CPU s':>7}")
        for label, seconds, key in lines:
            print(f"{label:<{width}}  {seconds:8.2f}  {seconds / baseline:10.1f}  {CPU[key]:7.2f}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak memory (RSS): {peak_mb:,.0f} MB; {total_rows / import_s:,.0f} exchange rows/s imported; "
              f"load average (1 min) {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
              f"on {os.cpu_count()} CPUs")
        ok_import = import_s < IMPORT_TARGET_S
        ok_load = load_small < LOAD_TARGET_S
        print(f"target import < {IMPORT_TARGET_S:.0f} s at {args.employees:,}: "
              f"{'HOLDS' if ok_import else 'MISSED'} ({import_s:.1f} s)")
        print(f"target load_workforce < {LOAD_TARGET_S:.0f} s at {args.small:,}: "
              f"{'HOLDS' if ok_load else 'MISSED'} ({load_small:.2f} s)")


if __name__ == "__main__":
    main()
