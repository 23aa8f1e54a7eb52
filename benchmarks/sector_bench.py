"""Sector benchmark (issue 21): `levensfase analyse --data` on a whole sector against reading its files.

Run:  python benchmarks/sector_bench.py SIZE|FOLDER [--as-of 2026-06-30] [--unit-depth 1] [--cache /tmp/sector]
      [--profile [--database URL]]

SIZE (e.g. 100000): the generated organisation of that many employees × 10 years, taken from
`--cache`/<size> (written there by `levensfase generate` on first use — run that under the
shared big-run lock); FOLDER: any exchange folder (CSV or Parquet files).

Printed, in one run, on the same files:
  (a) baseline: bare `pl.scan_csv` / `pl.scan_parquet` of every file, collected (what reading alone costs);
  (b) the whole analysis: the real CLI, `levensfase analyse --data FOLDER --as-of … --unit-depth N`, in a
      child process, wall time and its peak memory (max RSS of the child, `resource.getrusage`);
  (c) their ratio, of wall and of CPU seconds (target ≤ 10×), and the size of the JSON document (target < 20 MB at 1,5 million);
  (d) the machine's load (`os.getloadavg`): other work on the 2 cores stretches wall times, so
      compare the ratio, not the seconds, between runs.
`--profile` runs the analysis in this process instead (after the baseline), with wall and CPU seconds and
the highest resident memory (sampled every 10 ms: where the peak is reached) per report section as each ends (so a run stopped by a time limit still shows where the time went);
with `--database URL` it first imports the folder into that (empty) database and analyses what
`load_workforce()` reads back (PostgreSQL: docs/scale.md).
Targets (issue 21): 1,5 million × 10 years < 60 s wall and < 16 GB peak on the 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import polars as pl

CLI = "from levensfase.cli import main; main()"


def folder_for(target: str, cache: Path, as_of: str) -> Path:
    """The exchange folder: the path given, or the cached generated organisation of SIZE."""
    if not target.isdigit():
        return Path(target)
    size = int(target)
    folder = cache / (f"{size // 1000}k" if size % 1000 == 0 else str(size))
    if not (folder / "people.csv").exists() and not (folder / "people.parquet").exists():
        print(f"generating {size:,} employees × 10 years into {folder} …", flush=True)
        subprocess.run([sys.executable, "-c", CLI, "generate", "--employees", str(size), "--years", "10",
                        "--seed", "1", "--as-of", as_of, "--out", str(folder)], check=True)
    return folder


def baseline(folder: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds to scan and collect every file of the folder, and the rows read."""
    start, cpu, rows = time.perf_counter(), time.process_time(), 0
    for path in sorted(folder.iterdir()):
        if path.suffix == ".csv":
            rows += pl.scan_csv(path, infer_schema=False).collect().height
        elif path.suffix == ".parquet":
            rows += pl.scan_parquet(path).collect().height
    return time.perf_counter() - start, time.process_time() - cpu, rows


def analysis(folder: Path, out: Path, *, as_of: str, depth: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (GB) of the real CLI run in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", CLI, "analyse", "--data", str(folder), "--as-of", as_of,
                    "--out", str(out), "--unit-depth", depth], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024 / 1024  # ru_maxrss is in kB on Linux


class _Resident:
    """The highest resident memory of this process since the last `take`, sampled on a thread
    (ru_maxrss only ever rises, so it cannot say which section reached the peak)."""

    def __init__(self) -> None:
        self.high = 0
        threading.Thread(target=self._sample, daemon=True).start()

    @staticmethod
    def now() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def _sample(self) -> None:
        while True:
            self.high = max(self.high, self.now())
            time.sleep(0.01)

    def take(self) -> float:
        """GB: the highest since the last take (then start again from now)."""
        high, self.high = max(self.high, self.now()), self.now()
        return high / 1024**3


RESIDENT: _Resident | None = None


def _timed(label: str, fn):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    print(f"  {label:<29} {time.perf_counter() - start:7.1f} s wall {time.process_time() - cpu:7.1f} s CPU"
          f"{_high()}", flush=True)
    return result


def _high() -> str:
    return f" {RESIDENT.take():6.2f} GB high" if RESIDENT else ""


def from_files(folder: Path):
    from levensfase.cli import _read_files
    from levensfase.model.workforce import Workforce

    return _timed("read and check the files", lambda: Workforce.from_tables(_read_files(folder, None).tables))


def from_database(folder: Path, url: str):
    """Import the folder into the (empty) database at `url`, then `load_workforce()`, both timed."""
    os.environ["DATABASE_URL"] = url
    from levensfase.terminal import start_django

    _timed("migrate", start_django)
    from levensfase.web.hr.selectors import load_workforce
    from levensfase.web.hr.services import import_files

    _timed("import (read, check, store)", lambda: import_files(folder, source=str(folder)))
    return _timed("load_workforce()", load_workforce)


def profile(workforce, *, as_of: str, depth: int) -> None:
    """The analysis in this process with wall and CPU seconds per section (`build_report`'s progress)."""
    from datetime import date

    from levensfase.analytics.report import build_report, report_json

    last = [time.perf_counter(), time.process_time(), "start"]

    def step(stage: str, fraction: float) -> None:
        now, used = time.perf_counter(), time.process_time()
        if last[2] != "start":
            label = "competencies … findings" if last[2] == "competencies" else last[2]
            print(f"  {label:<29} {now - last[0]:7.1f} s wall {used - last[1]:7.1f} s CPU{_high()}", flush=True)
        last[:] = [now, used, stage]

    report = build_report(workforce, as_of=date.fromisoformat(as_of), k=5, progress=step, unit_depth=depth)
    began, cpu = time.perf_counter(), time.process_time()
    text = report_json(report)
    print(f"  {'json':<29} {time.perf_counter() - began:7.1f} s wall {time.process_time() - cpu:7.1f} s CPU "
          f"({len(text) / 1e6:.1f} MB)")
    print(f"  peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024:.2f} GB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="employees (generated, cached) or an exchange folder")
    parser.add_argument("--as-of", default="2026-06-30")
    parser.add_argument("--unit-depth", default="1")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sector")
    parser.add_argument("--profile", action="store_true", help="time each report section in this process")
    parser.add_argument("--database", metavar="URL", help=(
        "with --profile: import the folder into this empty database (e.g. postgres://…/lf_scale) and analyse "
        "from it"))
    args = parser.parse_args()
    folder = folder_for(args.target, args.cache, args.as_of)
    load = os.getloadavg()
    print(f"folder {folder}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    seconds, base_cpu, rows = baseline(folder)
    print(f"(a) baseline: scan + collect every file   {seconds:7.1f} s wall, {base_cpu:.1f} s CPU ({rows:,} rows)",
          flush=True)
    if args.profile:
        global RESIDENT
        RESIDENT = _Resident()
        start, cpu = time.perf_counter(), time.process_time()
        workforce = from_database(folder, args.database) if args.database else from_files(folder)
        profile(workforce, as_of=args.as_of, depth=int(args.unit_depth))
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"  {'whole (read + analysis)':<29} {wall:7.1f} s wall {cpu:7.1f} s CPU; ratio to the baseline "
              f"{wall / seconds:.1f} × wall, {cpu / base_cpu:.1f} × CPU")
        load = os.getloadavg()
        print(f"  load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "analysis.json"
        wall, cpu, peak = analysis(folder, out, as_of=args.as_of, depth=args.unit_depth)
        size = out.stat().st_size
    print(f"(b) levensfase analyse --unit-depth {args.unit_depth}     {wall:7.1f} s wall, {cpu:.1f} s CPU, "
          f"peak {peak:.2f} GB")
    print(f"(c) ratio analysis / baseline              {wall / seconds:7.1f} × wall, {cpu / base_cpu:.1f} × CPU "
          f"(target ≤ 10×)")
    print(f"    JSON                                   {size / 1e6:7.1f} MB  (target < 20 MB at 1,5 million)")
    load = os.getloadavg()
    print(f"(d) load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
