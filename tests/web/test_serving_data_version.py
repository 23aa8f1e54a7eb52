"""The cached Workforce and dashboard panels follow the data version stored in the database, so a
worker process sees what another process wrote (imports, survey answers, app edits), not only
what it wrote itself."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import F

from levensfase.web.hr.models import DataVersion, LifeEvent
from levensfase.web.ui import cache
from levensfase.web.hr.selectors import (
    bump_data_version,
    drop_cached_workforce,
    forget_workforce,
    load_workforce,
    stored_data_version,
)
from support.org_fixture import build_org

TESTS = Path(__file__).resolve().parents[1]


@pytest.mark.django_db(transaction=True)
def test_a_write_in_another_process_is_seen_through_the_stored_version():
    build_org()
    cached = load_workforce()
    assert load_workforce() is cached and cached.life_events.height == 1

    # Another process writes a row (in bulk, which sends no signal here): this process's cache
    # does not know of it ...
    LifeEvent.objects.bulk_create([LifeEvent(person_id="P02", event="study", start_date=date(2024, 9, 1))])
    assert load_workforce() is cached
    # ... until that process's write service bumps the version in the database.
    DataVersion.objects.filter(pk=1).update(value=F("value") + 1) or DataVersion.objects.create(pk=1, value=1)
    reloaded = load_workforce()
    assert reloaded is not cached and reloaded.life_events.height == 2
    assert load_workforce() is reloaded


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_panels_follow_the_stored_version():
    build_org()
    before = cache.data_version()
    assert cache.data_version() == before
    bump_data_version()  # another worker saved a survey answer: no count changed, the version did
    assert cache.data_version() != before


@pytest.mark.django_db(transaction=True)
def test_the_version_goes_up_once_a_write_commits_and_not_after_a_rollback():
    assert stored_data_version() == 0  # no row yet: a fresh (or flushed) database
    forget_workforce()  # outside a transaction: at once
    assert stored_data_version() == 1

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        forget_workforce()
        raise Undone
    assert stored_data_version() == 1

    with transaction.atomic():
        forget_workforce()
        assert stored_data_version() == 1  # not before the commit: others would reload too early
    assert stored_data_version() == 2


# --- two real processes -----------------------------------------------------------------------

READER = """
import sys
from levensfase.terminal import start_django
start_django()
from support.org_fixture import build_org
build_org()
from levensfase.web.hr.selectors import load_workforce
first = load_workforce()
print(first.life_events.height, load_workforce() is first, flush=True)
sys.stdin.readline()  # the other process writes now
second = load_workforce()
print(second.life_events.height, second is first, flush=True)
"""

WRITER = """
from datetime import date
from levensfase.terminal import start_django
start_django(migrate=False)
from django.db import transaction
from levensfase.web.hr.models import LifeEvent
from levensfase.web.hr.selectors import forget_workforce
with transaction.atomic():  # the pattern of every write service (surveys, maatwerk, competencies)
    forget_workforce()
    LifeEvent.objects.create(person_id="P02", event="study", start_date=date(2024, 9, 1))
    transaction.on_commit(forget_workforce)
"""


@pytest.fixture
def shared_database(tmp_path):
    """Environment for two processes on one database: a SQLite file, or a fresh PostgreSQL database
    when the suite runs on PostgreSQL (dropped afterwards)."""
    environment = {**os.environ, "LEVENSFASE_HOME": str(tmp_path), "PYTHONPATH": str(TESTS)}
    environment.pop("LEVENSFASE_SERVING", None)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        environment.pop("DATABASE_URL", None)
        yield environment
        return
    import psycopg

    base = url.rpartition("/")[0]
    name = f"lf_version_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {**environment, "DATABASE_URL": f"{base}/{name}"}
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_worker_sees_what_another_process_saved(shared_database):
    reader = subprocess.Popen([sys.executable, "-c", READER], env=shared_database, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert reader.stdout.readline().split() == ["1", "True"], reader.stderr.read()
        written = subprocess.run([sys.executable, "-c", WRITER], env=shared_database, capture_output=True,
                                 text=True, timeout=120)
        assert written.returncode == 0, written.stderr
        out, err = reader.communicate("go\n", timeout=120)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert out.split() == ["2", "False"], err  # a fresh Workforce with the other process's row
