"""The columnar copy of the Workforce on disk (web/hr/snapshot.py): a cold process reads it instead
of the database, it is the same Workforce, and every committed write removes it."""

from __future__ import annotations

import polars as pl
import pytest

from levensfase.web.hr import selectors, snapshot
from levensfase.web.hr.selectors import drop_cached_workforce, load_tables, load_workforce
from levensfase.web.hr.services import clear_all, import_tables

pytestmark = pytest.mark.django_db(transaction=True)  # the cache and the copy are never used inside one


@pytest.fixture(autouse=True)
def _snapshots_on(settings, tmp_path):
    settings.LEVENSFASE_WORKFORCE_SNAPSHOTS = True
    settings.HOME = tmp_path
    drop_cached_workforce()
    yield tmp_path / "workforce-snapshots"
    drop_cached_workforce()


def _copies(base):
    return sorted(p.name for p in base.iterdir()) if base.is_dir() else []


def test_a_cold_load_reads_the_copy_and_gets_the_same_workforce(small_tables, _snapshots_on, monkeypatch):
    import_tables(tables=small_tables, source="first")
    from_db = load_workforce()
    assert len(_copies(_snapshots_on)) == 1
    drop_cached_workforce()  # as a new worker process

    def no_database(**_):
        raise AssertionError("the copy should have answered")

    monkeypatch.setattr(selectors, "load_tables", no_database)
    from_copy = load_workforce()
    assert from_copy is not from_db
    for name, frame in from_db.tables().items():
        assert frame.equals(getattr(from_copy, name)), name
    assert from_copy.people.height == 3


def test_a_committed_write_removes_the_copy_and_the_next_load_sees_the_change(small_tables, _snapshots_on):
    import_tables(tables=small_tables, source="first")
    load_workforce()
    first = _copies(_snapshots_on)
    clear_all()
    assert _copies(_snapshots_on) == []  # nothing of the old data stays on disk
    drop_cached_workforce()
    assert load_workforce().people.height == 0
    assert len(_copies(_snapshots_on)) == 1 and _copies(_snapshots_on) != first


def test_data_written_without_the_services_is_not_answered_from_an_old_copy(small_tables, _snapshots_on):
    """The row counts in the key catch a write that bumped no version (e.g. the admin shell)."""
    from levensfase.web.hr.models import Person

    import_tables(tables=small_tables, source="first")
    load_workforce()
    Person.objects.filter(person_id="P2").delete()  # cascades; no version bump
    drop_cached_workforce()
    assert sorted(load_workforce().people["person_id"]) == ["P1", "P3"]
    assert len(_copies(_snapshots_on)) == 1  # the new copy replaced the old one


def test_a_damaged_copy_falls_back_to_the_database(small_tables, _snapshots_on):
    import_tables(tables=small_tables, source="first")
    load_workforce()
    (folder,) = _snapshots_on.iterdir()
    (folder / "people.parquet").write_bytes(b"not parquet")
    drop_cached_workforce()
    assert load_workforce().people.equals(load_tables(names=["people"])["people"])


def test_switched_off_nothing_is_written(small_tables, _snapshots_on, settings):
    settings.LEVENSFASE_WORKFORCE_SNAPSHOTS = False
    import_tables(tables=small_tables, source="first")
    assert load_workforce().people.height == 3
    assert not _snapshots_on.exists()
    assert snapshot.read_snapshot(("any",)) is None


def test_a_half_written_copy_is_never_read(_snapshots_on):
    """Writers fill a temporary folder and rename it; a temporary folder is never taken for a copy."""
    workforce = selectors.Workforce.from_tables({"units": pl.DataFrame({"unit_id": ["U1"], "name": ["Zorg"]})})
    assert snapshot.write_snapshot(("k",), workforce)
    (_snapshots_on / ".tmp-abc").mkdir()
    assert snapshot.read_snapshot(("k",)).units.equals(workforce.units)
    assert snapshot.write_snapshot(("k2",), workforce)
    assert snapshot.read_snapshot(("k",)) is None  # superseded and removed
    assert ".tmp-abc" in _copies(_snapshots_on)  # a fresh temporary folder may be another writer's
