"""Benchmark: dashboard pages on the demo organisation, cold and warm, against the people page.

Uses the database of LEVENSFASE_HOME (builds the 2,500-employee demo organisation there first if
it has no data), signs in with Django's test client and times each dashboard once cold (the
dashboard cache emptied) and as the median of warm repeats. The baseline is the plain people
list measured in the same run, so the ratios hold on any machine; the absolute warm times are
checked against the 300 ms target.

    LEVENSFASE_HOME=/tmp/demo python benchmarks/dashboard_bench.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

TARGET_MS = 300
PAGES = ("/dashboards/", "/dashboards/flows/", "/dashboards/retention/", "/dashboards/categories/",
         "/dashboards/categories/?by=life_phase", "/dashboards/flows/?by=unit")


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levensfase.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from levensfase.web.hr.models import Person

    if not Person.objects.exists():
        from levensfase.web.demo import setup_demo

        print("building the demo organisation (2,500 employees) ...", file=sys.stderr)
        setup_demo(employees=2500, seed=42, password="levensfase-demo")


def _time(client, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    _setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from levensfase.web.ui import cache

    users = get_user_model().objects
    baseline_client = Client()
    baseline_client.force_login(users.get(username="hr-admin"))
    _time(baseline_client, "/people/")  # warm the connection and templates like the dashboards get
    baseline = statistics.median(_time(baseline_client, "/people/") for _ in range(args.repeats))
    print(f"baseline: people page (hr-admin) {baseline:7.1f} ms warm")
    print(f"{'user':<11} {'page':<40} {'cold ms':>8} {'warm ms':>8} {'warm/base':>9}  target")
    failed = False
    for username in ("hr-analist", "manager"):
        client = Client()
        client.force_login(users.get(username=username))
        for path in PAGES:
            cache.clear()
            cold = _time(client, path)
            warm = statistics.median(_time(client, path) for _ in range(args.repeats))
            ok = warm < TARGET_MS
            failed |= not ok
            print(f"{username:<11} {path:<40} {cold:8.1f} {warm:8.1f} {warm / baseline:8.2f}x  "
                  f"{'ok' if ok else 'SLOW'} (< {TARGET_MS} ms)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
