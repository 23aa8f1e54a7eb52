"""Bad-import benchmark: a huge file full of problems is refused with a capped list, quickly.

Run:  python benchmarks/import_bad_bench.py [--mb 200]

Writes a small organisation (8 employees) as exchange CSV files and replaces its surveys.csv with
about `--mb` megabytes of one answer repeated (every row after the first a duplicate key: millions
of problems, the shape a fuzzing campaign found to hang the CLI for more than 600 s). Then times
in one run:
  (a) baseline: `pl.read_csv` of the same surveys.csv (no checks at all);
  (b) `read_exchange` of the folder in-process: every check, problems capped per file and kind;
  (c) the real command `levensfase import <folder>` in a subprocess with its own empty SQLite
      database: read, check, print the capped problem table and refuse (exit 1).
Target: (c) under 60 s at 200 MB. Prints wall seconds, the ratio to the baseline and this
process's CPU seconds. Everything lives in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET_S = 60.0
ROW = "P000001,2024-10-01,wai,q1,7\n"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(label: str, run, baseline: float | None = None) -> float:
    wall, cpu = time.perf_counter(), _cpu()
    detail = run()
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    ratio = f"  ×{wall / baseline:.1f} baseline" if baseline else ""
    print(f"{label:<58} {wall:7.2f} s wall  {cpu:7.2f} s cpu{ratio}  {detail}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the duplicate-row surveys.csv")
    args = parser.parse_args()

    import polars as pl

    from levensfase.ingest.generator import generate
    from levensfase.ingest.problems import problem_count
    from levensfase.ingest.reader import read_exchange
    from levensfase.ingest.writer import write_exchange

    with tempfile.TemporaryDirectory(prefix="lf-bad-bench-") as tmp:
        folder = Path(tmp) / "org"
        write_exchange(generate(employees=8, years=3, seed=1, as_of=date(2025, 1, 1)), folder)
        rows = args.mb * 1_000_000 // len(ROW)
        (folder / "surveys.csv").write_text("person_id,date,instrument,item,value\n" + ROW * rows)
        size = (folder / "surveys.csv").stat().st_size / 1e6
        print(f"surveys.csv: {size:,.1f} MB, {rows:,} identical rows ({rows - 1:,} duplicate keys); "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")

        baseline = _timed("(a) pl.read_csv(surveys.csv)",
                          lambda: f"{pl.read_csv(folder / 'surveys.csv', infer_schema=False).height:,} rows")

        def read() -> str:
            result = read_exchange(folder)
            return f"{len(result.problems)} listed, {problem_count(result.problems):,} problems"

        _timed("(b) read_exchange (every check, capped problems)", read, baseline)

        home = Path(tmp) / "home"
        env = {**os.environ, "LEVENSFASE_HOME": str(home), "LEVENSFASE_LANG": "nl", "COLUMNS": "160"}
        env.pop("DATABASE_URL", None)
        command = [sys.executable, "-c", "from levensfase.cli import main; main()"]
        subprocess.run([*command, "--help"], env=env, capture_output=True, check=True)  # imports warm

        def cli() -> str:
            ran = subprocess.run([*command, "import", str(folder)], env=env, capture_output=True, text=True)
            last = " ".join(ran.stderr.split()[-8:])
            return f"exit {ran.returncode}, {len(ran.stderr) / 1e3:,.0f} kB printed: …{last}"

        wall = _timed("(c) levensfase import <folder> (refused, subprocess)", cli, baseline)
        print(f"target: (c) < {TARGET_S:.0f} s — {'met' if wall < TARGET_S else 'MISSED'}")


if __name__ == "__main__":
    main()
