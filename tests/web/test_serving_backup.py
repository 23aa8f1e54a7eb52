"""scripts/backup-restore-check.sh: a pg_dump of the database restores (pg_restore) into a scratch
database with the same rows in every table. Runs against the test PostgreSQL; skipped on SQLite."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from levensfase.web.hr.models import Assignment, Person, Unit
from support.org_fixture import build_org, build_users

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "backup-restore-check.sh"


def _run(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], env={**os.environ, "DATABASE_URL": url},
                          capture_output=True, text=True, timeout=300)


def _rows(output: str, table: str) -> int:
    return int(re.search(rf"^{table}\s+(\d+) rows$", output, re.MULTILINE).group(1))


@pytest.mark.django_db(transaction=True)  # committed rows: pg_dump reads from another connection
def test_a_backup_restores_to_the_same_rows(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore need PostgreSQL; SQLite is backed up as a file (docs/deploy.md)")
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    build_org()
    build_users(password="niet-gebruikt-hier")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    backup = tmp_path / "levensfase.dump"

    done = _run(url, str(backup))

    assert done.returncode == 0, done.stderr
    assert backup.stat().st_size > 0
    assert _rows(done.stdout, "lf_person") == Person.objects.count() == 10
    assert _rows(done.stdout, "lf_unit") == Unit.objects.count() == 6
    assert _rows(done.stdout, "lf_assignment") == Assignment.objects.count()
    assert _rows(done.stdout, "auth_user") == get_user_model().objects.count() == 8
    assert "OK:" in done.stdout
    with connection.cursor() as cursor:  # the scratch database is gone again
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s", [f"{db['NAME']}_restore_check_%"])
        assert cursor.fetchone()[0] == 0


def test_the_script_refuses_anything_but_postgresql():
    done = _run("sqlite:///var/levensfase.sqlite3")
    assert done.returncode == 2
    assert "set DATABASE_URL=postgres://" in done.stderr
