"""Benchmark: the web app at 100,000 employees — cold Workforce load and warm dashboards (issue 21).

Uses the database of LEVENSFASE_HOME (SQLite) or DATABASE_URL (PostgreSQL); when it holds no
people it first imports a generated organisation of `--employees` (10 years, through the normal
import, demo logins included: `web.demo.setup_demo`). Then, in this process:

1. cold load of the Workforce from the database (`load_tables` + `Workforce.from_tables`: the
   baseline, what a new worker did before), and from the columnar copy on disk that the first
   load wrote (`web/hr/snapshot.py`; target < 2 s);
2. each dashboard through Django's test client as the HR analyst: once cold (dashboard cache
   emptied, Workforce in memory) and `--repeats` times warm; p95 of the warm answers (target < 300 ms).

    LEVENSFASE_HOME=/tmp/web100k python benchmarks/web_scale_bench.py [--employees 100000] [--repeats 20]
    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/lf_web100k python benchmarks/web_scale_bench.py
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time

from dashboard_bench import _time  # the same timed GET (this folder is on sys.path when run as a script)

COLD_TARGET_S = 2.0
WARM_TARGET_MS = 300
PAGES = ("/dashboards/", "/dashboards/flows/", "/dashboards/retention/", "/dashboards/categories/",
         "/dashboards/categories/?by=life_phase", "/dashboards/flows/?by=unit")


def _setup(employees: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levensfase.web.settings")
    os.environ.setdefault("LEVENSFASE_RETENTION_AFTER_IMPORT", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from levensfase.web.hr.models import Person

    if not Person.objects.exists():
        from levensfase.web.demo import setup_demo

        print(f"importing a generated organisation of {employees:,} employees ...", file=sys.stderr)
        start = time.perf_counter()
        setup_demo(employees=employees, seed=42, password="levensfase-demo")
        print(f"imported in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--load-only", action="store_true", help="time the cold load only, no dashboards")
    args = parser.parse_args()
    _setup(args.employees)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from levensfase.model.workforce import Workforce
    from levensfase.web.dashboards import cache
    from levensfase.web.hr import snapshot
    from levensfase.web.hr.selectors import drop_cached_workforce, load_tables, load_workforce

    print(f"database: {connection.vendor}; copies: {'on' if settings.LEVENSFASE_WORKFORCE_SNAPSHOTS else 'OFF'}; "
          f"load average {os.getloadavg()[0]:.1f}")
    start = time.perf_counter()
    people = Workforce.from_tables(load_tables()).people.height
    from_db = time.perf_counter() - start
    print(f"baseline: Workforce from the database {from_db:6.2f} s ({people:,} people)")

    snapshot.drop_snapshots()
    drop_cached_workforce()
    start = time.perf_counter()
    load_workforce()
    first = time.perf_counter() - start
    print(f"first cold load (database, then the copy written) {first:6.2f} s")
    drop_cached_workforce()
    start = time.perf_counter()
    workforce = load_workforce()
    cold = time.perf_counter() - start
    print(f"cold load from the copy {cold:6.2f} s — {from_db / cold:.1f}× the database; "
          f"{'ok' if cold < COLD_TARGET_S else 'SLOW'} (< {COLD_TARGET_S:g} s); peak "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")
    assert workforce.people.height == people
    if args.load_only:
        sys.exit(0 if cold < COLD_TARGET_S else 1)

    client = Client()
    client.force_login(get_user_model().objects.get(username="hr-analist"))
    print(f"{'page':<40} {'cold ms':>9} {'warm p50':>9} {'warm p95':>9}  target")
    failed = cold >= COLD_TARGET_S
    for path in PAGES:
        cache.clear()
        first_ms = _time(client, path)
        warm = [_time(client, path) for _ in range(args.repeats)]
        p95 = _p95(warm)
        failed |= p95 >= WARM_TARGET_MS
        print(f"{path:<40} {first_ms:9.0f} {statistics.median(warm):9.1f} {p95:9.1f}  "
              f"{'ok' if p95 < WARM_TARGET_MS else 'SLOW'} (< {WARM_TARGET_MS} ms)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
