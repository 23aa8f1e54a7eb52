"""Benchmark: the web app at 100,000 employees — cold Workforce load and every dashboard, cold and warm (issue 21).

Uses the database of LEVENSFASE_HOME (SQLite) or DATABASE_URL (PostgreSQL); when it holds no
people it first imports `--folder` (an exchange folder, e.g. /tmp/sector/100k) or, without it, a
generated organisation of `--employees`, then makes the demo logins (`hr-analist`, `hr-admin`, …).
`--import-only` stops there (do it once per database, under the big-run lock, and keep it). Then:

1. cold load of the Workforce from the database (`load_tables` + `Workforce.from_tables`: the
   baseline, what a new worker did before), and from the columnar copy on disk that the first
   load wrote (`web/hr/snapshot.py`; target < 2 s);
2. every page of the analyst's and HR admin's menus that shows aggregates, each in a child process
   of its own (a fresh process: empty in-process caches, the Workforce from the copy, not timed),
   through Django's test client: the first request (cold; limited by `--cold-limit`, after which
   the page is reported as not finished) and `--repeats` warm requests (p50, p95; target < 300 ms).
   The children share one empty folder for the privacy engine's stored patterns
   (LEVENSFASE_PATTERN_CACHE), as the workers of one server do, so a later page may find the day
   patterns an earlier one computed: run order is the table's order. `--patterns DIR` keeps that
   folder between runs (pages split over several runs under the big-run lock; a page whose
   patterns an earlier run stored is then no longer cold: say so next to its figure).
3. `--decide-years`: before the pages, the chained year audits that `levensfase demo` and the
   server's warm-up (`dashboards.selectors.warm`) decide before the first request
   (`selectors.decide_years`), timed per year in a child process and stopped after `--cold-limit`.

    LEVENSFASE_HOME=/tmp/web-scale/sqlite python benchmarks/web_scale_bench.py --folder /tmp/sector/100k
    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/lf_web_scale python benchmarks/web_scale_bench.py
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dashboard_bench import _time  # the same timed GET (this folder is on sys.path when run as a script)

COLD_TARGET_S = 2.0
WARM_TARGET_MS = 300
# (user, page): the analyst's menu (dashboards, surveys, competencies, planning, policy, scan) and
# the HR admin's people list; the home page of both reads aggregates too (the inbox).
PAGES = (  # the pages whose first computation takes seconds first: the budget reaches them all
    ("hr-admin", "/people/"),
    ("hr-analist", "/dashboards/"),
    ("hr-analist", "/maatwerk/policy-scan/"),
    ("hr-analist", "/competencies/dashboard/"),
    ("hr-analist", "/scan/"),
    ("hr-analist", "/planning/projection/"),
    ("hr-analist", "/dashboards/retention/"),
    ("hr-analist", "/dashboards/categories/"),
    ("hr-analist", "/surveys/dashboard/"),
    ("hr-analist", "/"),
    ("hr-analist", "/dashboards/flows/"),
    ("hr-analist", "/planning/"),
    ("hr-analist", "/maatwerk/werkt-het/"),
    ("hr-analist", "/dashboards/flows/?by=unit"),
    ("hr-analist", "/dashboards/categories/?by=life_phase"),
    # a manager's team (the demo manager leads one unit): the same dashboards over a small scope,
    # whose chain of year audits is seconds where the organisation's takes hours at 100.000
    ("manager", "/dashboards/"),
    ("manager", "/dashboards/flows/"),
    ("manager", "/dashboards/retention/"),
    ("manager", "/dashboards/categories/"),
)


def _setup(folder: Path | None, employees: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levensfase.web.settings")
    os.environ.setdefault("LEVENSFASE_RETENTION_AFTER_IMPORT", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from levensfase.web.hr.models import Person

    if Person.objects.exists():
        return
    start = time.perf_counter()
    if folder is None:
        from levensfase.web.demo import setup_demo

        print(f"importing a generated organisation of {employees:,} employees ...", file=sys.stderr)
        setup_demo(employees=employees, seed=42, password="levensfase-demo")
    else:  # an exchange folder (benchmarks: /tmp/sector/100k), then the demo logins
        from django.utils import timezone

        from levensfase.web.accounts.services import create_demo_accounts
        from levensfase.web.hr.services import ImportOptions, import_files
        from levensfase.web.surveys.services import create_demo_consents

        print(f"importing {folder} ...", file=sys.stderr)
        outcome = import_files(folder, source=f"benchmark {folder}",
                               options=ImportOptions(mode="snapshot", allow_removal=True))
        if not outcome.ok:
            raise SystemExit(f"{folder} was refused: {outcome.problems[:3]}")
        create_demo_accounts(password="levensfase-demo")
        create_demo_consents(now=timezone.now())
    print(f"imported in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def measure_page(user: str, path: str, repeats: int) -> dict:
    """In a fresh process: the Workforce loaded (not timed), then one cold and `repeats` warm GETs."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from levensfase.web.hr.selectors import load_workforce

    load_workforce()
    client = Client()
    client.force_login(get_user_model().objects.get(username=user))
    cpu = time.process_time()
    cold = _time(client, path)
    cold_cpu = time.process_time() - cpu
    warm, warm_cpu = [], []  # wall and CPU ms: on a loaded machine the CPU time is what the request costs
    for _ in range(repeats):
        cpu = time.process_time()
        warm.append(_time(client, path))
        warm_cpu.append((time.process_time() - cpu) * 1000)
    size = len(client.get(path).content)
    return {"user": user, "path": path, "cold_ms": cold, "cold_cpu_s": cold_cpu, "p50": statistics.median(warm),
            "p95": _p95(warm), "cpu_p50": statistics.median(warm_cpu), "cpu_p95": _p95(warm_cpu),
            "kb": size / 1000, "load": os.getloadavg()[0]}


def decide_years_child() -> None:
    """In a fresh process: the Workforce loaded (not timed), then each year's audit, one line per year."""
    from levensfase.web.dashboards.selectors import decide_years
    from levensfase.web.hr.selectors import load_workforce

    load_workforce()
    start = time.perf_counter()

    def progress(stage: str, fraction: float) -> None:
        print(f"  {stage} begins at {time.perf_counter() - start:7.1f} s ({fraction:.0%} of the years done), "
              f"load {os.getloadavg()[0]:.1f}", flush=True)

    decide_years(progress=progress)
    print(f"  decided in {time.perf_counter() - start:.1f} s", flush=True)


def _decide_years(args: argparse.Namespace, env: dict) -> bool:
    """Step 3: the year audits of decide_years, streamed; False when they did not finish in time."""
    print(f"decide_years (the server's warm-up before the first request), limit {args.cold_limit:g} s:", flush=True)
    command = [sys.executable, __file__, "--decide-child"]
    child = subprocess.Popen(command, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    started = time.perf_counter()
    try:
        out, _ = child.communicate(timeout=args.cold_limit + 60)  # + loading the Workforce
    except subprocess.TimeoutExpired:
        child.kill()
        out, _ = child.communicate()
        print(out, end="")
        print(f"  not finished after {time.perf_counter() - started:.0f} s (stopped)", flush=True)
        return False
    print(out, end="", flush=True)
    return child.returncode == 0


def _load_times() -> bool:
    """Step 1; True when the cold load from the copy meets its target."""
    from django.conf import settings
    from django.db import connection

    from levensfase.model.workforce import Workforce
    from levensfase.web.hr import snapshot
    from levensfase.web.hr.selectors import drop_cached_workforce, load_tables, load_workforce

    print(f"database: {connection.vendor}; copies: {'on' if settings.LEVENSFASE_WORKFORCE_SNAPSHOTS else 'OFF'}; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    start = time.perf_counter()
    people = Workforce.from_tables(load_tables()).people.height
    from_db = time.perf_counter() - start
    print(f"baseline: Workforce from the database {from_db:6.2f} s ({people:,} people)")
    snapshot.drop_snapshots()
    drop_cached_workforce()
    start = time.perf_counter()
    load_workforce()
    print(f"first cold load (database, then the copy written) {time.perf_counter() - start:6.2f} s")
    drop_cached_workforce()
    start = time.perf_counter()
    workforce = load_workforce()
    cold = time.perf_counter() - start
    print(f"cold load from the copy {cold:6.2f} s — {from_db / cold:.1f}× the database; "
          f"{'ok' if cold < COLD_TARGET_S else 'SLOW'} (< {COLD_TARGET_S:g} s); peak "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")
    assert workforce.people.height == people
    return cold < COLD_TARGET_S


def _pages(args: argparse.Namespace) -> bool:
    """Step 2, one child process per page; True when every page finished warm under the target."""
    patterns = (args.patterns or os.environ.get("LEVENSFASE_PATTERN_CACHE")
                or tempfile.mkdtemp(prefix="web-scale-patterns-"))
    stored = len(list(Path(patterns).glob("*.pickle"))) if Path(patterns).is_dir() else 0
    print(f"stored privacy patterns: {patterns} ({stored} already there)")
    env = {**os.environ, "LEVENSFASE_PATTERN_CACHE": str(patterns)}
    ok = _decide_years(args, env) if args.decide_years else True
    print(f"{'user':<11} {'page':<38} {'cold s':>8} {'cold CPU':>8} {'warm p50':>9} {'warm p95':>9} {'CPU p50':>8} {'CPU p95':>8} {'kB':>6} {'load':>5}  target")
    started = time.perf_counter()
    for user, path in PAGES:
        if args.only and path not in args.only and f"{user}:{path}" not in args.only:
            continue
        if time.perf_counter() - started > args.budget:
            print(f"{user:<11} {path:<38} {'not run: the run budget was spent':>45}")
            ok = False
            continue
        command = [sys.executable, __file__, "--page", path, "--user", user, "--repeats", str(args.repeats)]
        try:
            child = subprocess.run(command, env=env, capture_output=True, text=True,
                                   timeout=args.cold_limit + 60)  # + loading and the warm requests
        except subprocess.TimeoutExpired:
            print(f"{user:<11} {path:<38} {'> ' + format(args.cold_limit, 'g'):>8} {'':>8} {'not reached':>9}"
                  f" {'':>9} {'':>6}  cold did not finish")
            ok = False
            continue
        lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
        if child.returncode or not lines:
            print(f"{user:<11} {path:<38} failed: {(child.stderr or child.stdout).strip().splitlines()[-1:]}")
            ok = False
            continue
        row = json.loads(lines[-1])
        fast = row["p95"] < WARM_TARGET_MS
        ok &= fast
        print(f"{user:<11} {path:<38} {row['cold_ms'] / 1000:8.2f} {row['cold_cpu_s']:8.2f} {row['p50']:9.1f} "
              f"{row['p95']:9.1f} {row['cpu_p50']:8.1f} {row['cpu_p95']:8.1f} {row['kb']:6.0f} {row['load']:5.1f}  "
              f"{'ok' if fast else 'SLOW'}", flush=True)
    print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="import this exchange folder into an empty database")
    parser.add_argument("--employees", type=int, default=100_000, help="without --folder: generate this many")
    parser.add_argument("--import-only", action="store_true", help="fill the database, time nothing")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--load-only", action="store_true", help="time the cold load only, no pages")
    parser.add_argument("--pages-only", action="store_true", help="skip the load timings (step 1)")
    parser.add_argument("--cold-limit", type=float, default=60, help="seconds a page's first request may take")
    parser.add_argument("--budget", type=float, default=480, help="seconds after which no further page starts")
    parser.add_argument("--only", nargs="*", help="measure only these pages (a path, or user:path)")
    parser.add_argument("--patterns", help="keep the stored privacy patterns in this folder (default: a new one)")
    parser.add_argument("--decide-years", action="store_true", help="time decide_years before the pages")
    parser.add_argument("--decide-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)  # the child: measure this page, print JSON
    parser.add_argument("--user", default="hr-analist", help=argparse.SUPPRESS)
    args = parser.parse_args()
    _setup(args.folder, args.employees)
    if args.import_only:
        return
    if args.decide_child:
        decide_years_child()
        return
    if args.page:
        print(json.dumps(measure_page(args.user, args.page, args.repeats)))
        return
    ok = True if args.pages_only else _load_times()
    if not args.load_only:
        ok &= _pages(args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
