"""A first import on SQLite runs without foreign-key enforcement (bulk.references_unchecked):
same rows, enforcement back on afterwards, and never while a row is deleted."""

from __future__ import annotations

import faulthandler
import time
from datetime import date

import polars as pl
import pytest
from django.contrib.auth.models import User
from django.db import connection, models, transaction

from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.web.accounts.models import Profile
from levensfase.web.hr import plans, services, writing
from levensfase.web.hr.selectors import load_tables
from levensfase.web.hr.services import import_tables
from levensfase.web.hr.tables import _MODELS, DB_TABLES

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's PRAGMA foreign_keys")
# Each test of the unenforced import commits for real: the PRAGMA only acts outside a transaction.


def _enforced() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        return bool(cursor.fetchone()[0])


def _stored_rows() -> dict[str, list[tuple]]:
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        rows = {}
        for name in TABLE_ORDER:
            db = DB_TABLES[name]
            cursor.execute(f"SELECT {', '.join(q(c) for c in db.columns)} FROM {q(db.db_table)}")
            rows[name] = sorted(cursor.fetchall(), key=repr)
    return rows


def _spy(monkeypatch) -> tuple[list[bool], list[bool]]:
    """(the `unchecked` of each attempt, whether SQLite enforced foreign keys at each insert)."""
    attempts, enforced = [], []
    real_apply, real_insert = services._apply, writing.insert
    monkeypatch.setattr(services, "_apply", lambda **kw: attempts.append(kw["unchecked"]) or real_apply(**kw))

    def insert(cursor, name, rows, **kwargs):
        enforced.append(_enforced())
        real_insert(cursor, name, rows, **kwargs)

    monkeypatch.setattr(writing, "insert", insert)
    return attempts, enforced


def test_every_foreign_key_of_the_hr_tables_is_a_reference_the_import_checks_itself():
    for name, model in _MODELS.items():
        fks = {(f.column, f.related_model._meta.db_table) for f in model._meta.fields if isinstance(f, models.ForeignKey)}
        checked = {(column, DB_TABLES[target].db_table) for column, target in TABLES[name].references}
        assert fks == checked, name


@pytest.mark.django_db(transaction=True)
@sqlite_only
def test_a_first_import_stores_the_same_rows_as_one_with_enforcement(small_tables, monkeypatch):
    attempts, enforced = _spy(monkeypatch)
    assert _enforced()
    import_tables(tables=small_tables, source="first")
    assert attempts == [True] and enforced and not any(enforced)
    assert _enforced()  # back on
    fast = _stored_rows()
    services.clear_all()

    attempts.clear(), enforced.clear()
    with transaction.atomic():  # as in a dry run: SQLite keeps enforcing inside a transaction
        import_tables(tables=small_tables, source="enforced")
    assert attempts == [False] and all(enforced)
    assert _stored_rows() == fast
    assert sum(len(rows) for rows in fast.values()) == 3 + 2 + 3 + 5 + 2 + 3 + 3 + 2 + 2 + 2 + 2 + 2


@pytest.mark.django_db(transaction=True)
@sqlite_only
def test_a_second_import_keeps_enforcement(small_tables, monkeypatch):
    import_tables(tables=small_tables, source="first")
    attempts, enforced = _spy(monkeypatch)
    more = small_tables["life_events"].with_columns(event=pl.lit("move"))
    import_tables(tables={"life_events": pl.concat([small_tables["life_events"], more])}, source="second")
    assert attempts == [False] and enforced == [True]


@pytest.mark.django_db(transaction=True)
@sqlite_only
def test_a_failure_without_enforcement_rolls_back_and_turns_it_back_on(small_tables, monkeypatch):
    real_insert = writing.insert

    def failing_insert(cursor, name, rows, **kwargs):
        if name == "surveys":
            raise RuntimeError("disk full")
        real_insert(cursor, name, rows, **kwargs)

    monkeypatch.setattr(writing, "insert", failing_insert)
    with pytest.raises(RuntimeError, match="disk full"):
        import_tables(tables=small_tables, source="fails")
    assert _enforced()
    assert all(frame.height == 0 for frame in load_tables().values())


@pytest.mark.django_db(transaction=True)
@sqlite_only
def test_rows_that_appear_after_the_emptiness_check_get_an_enforced_import(small_tables, monkeypatch):
    """Another process may fill a table between the check and the transaction: the import then
    finds rows to delete and starts again with enforcement, so a reference from outside the
    exchange tables (a manager's profile) still keeps the unit a snapshot no longer carries."""
    extra = pl.DataFrame([("U3", "Projecten", "ORG")], schema=small_tables["units"].schema, orient="row")
    import_tables(tables={"units": pl.concat([small_tables["units"], extra])}, source="first")
    user = User.objects.create(username="manager")
    Profile.objects.create(user=user, role="manager").units.add("U3")
    monkeypatch.setattr(services, "_first_import", lambda names: True)  # as if the tables were still empty
    attempts, _ = _spy(monkeypatch)
    snapshot = services.ImportOptions(mode="snapshot", allow_removal=True)

    summary = import_tables(tables={"units": small_tables["units"]}, source="second", options=snapshot)
    assert attempts == [True, False]
    assert summary.tables["units"] == services.TableChange(0, 0, 0)  # the profile still refers to U3
    assert sorted(load_tables(names=["units"])["units"]["unit_id"]) == ["ORG", "U1", "U2", "U3"]
    assert _enforced()

    attempts.clear()
    Profile.objects.get(user=user).units.clear()
    summary = import_tables(tables={"units": small_tables["units"]}, source="third", options=snapshot)
    assert attempts == [True, False]
    assert summary.tables["units"] == services.TableChange(0, 0, 1)
    assert sorted(load_tables(names=["units"])["units"]["unit_id"]) == ["ORG", "U1", "U2"]


@pytest.mark.django_db(transaction=True)
@sqlite_only
def test_a_restart_with_enforcement_does_not_wait_for_the_worker_preparing_ahead(small_tables, monkeypatch):
    """The worker may be waiting to prepare a table AHEAD beyond the one stored when the import
    finds rows to delete; the restart must read on without it (it used to wait forever: should
    that come back, the watchdog ends the test process, which pytest-xdist reports as this test
    crashing, instead of a CI job that hangs)."""
    extra = pl.DataFrame([("P3", date(2024, 1, 1), None, "U1", "J2", 0.5, None, None, None)],
                         schema=small_tables["assignments"].schema, orient="row")
    import_tables(tables=dict(small_tables, assignments=pl.concat([small_tables["assignments"], extra])), source="first")
    monkeypatch.setattr(services, "_first_import", lambda names: True)
    real_plan = plans.plan_table

    def slow_plan(name, **kwargs):
        if name == "people":
            time.sleep(0.5)  # the worker runs ahead until it waits for room
        return real_plan(name, **kwargs)

    monkeypatch.setattr(plans, "plan_table", slow_plan)
    attempts, _ = _spy(monkeypatch)
    faulthandler.dump_traceback_later(120, exit=True)
    try:
        summary = import_tables(tables=small_tables, source="second",
                                options=services.ImportOptions(mode="snapshot", allow_removal=True))
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert attempts == [True, False]
    assert summary.tables["assignments"] == services.TableChange(0, 0, 1)
    assert sum(frame.height for frame in load_tables().values()) == sum(f.height for f in small_tables.values())
