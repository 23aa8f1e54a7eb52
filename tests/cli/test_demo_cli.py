"""`levensfase demo --no-serve`: the main job, end to end, as a new user runs it."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest


@pytest.mark.slow
def test_demo_builds_the_full_organisation_and_one_login_per_role(cli, tmp_path):
    ran = cli("demo", "--no-serve", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"})
    assert ran.code == 0, ran.err
    for username in ("hr-admin", "hr-analist", "manager", "medewerker", "bedrijfsarts", "or"):
        assert username in ran.out
    assert "http://127.0.0.1:8000/" in ran.out

    today = date.today().isoformat()
    metrics = cli("metrics", "--from", today, "--to", today, "--format", "json",
                  env={"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"})
    assert json.loads(metrics.out)["headcount_end"] == 2500

    with sqlite3.connect(tmp_path / "demo.sqlite3") as db:
        (first_day,) = db.execute("select min(start_date) from lf_assignment").fetchone()
        roles = {r for (r,) in db.execute("select role from lf_profile")}
    assert first_day <= date(date.today().year - 10, 12, 31).isoformat()  # ten years of history
    assert roles == {"hr_admin", "hr_analyst", "manager", "employee", "occupational_health", "works_council",
                     "privacy_officer"}

    rerun = cli("demo", "--no-serve", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"})
    assert rerun.code == 0, rerun.err  # re-running is safe
