"""load_tables on two connections at once: same frames as one connection, errors and connections handled.

The test database of pytest-django is in-memory SQLite, which a second connection cannot share,
so the database tests dump it into a file and read that under its own alias (a sqlite3 backup
would wait forever for the test's open transaction).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from polars.testing import assert_frame_equal

from levensfase.ingest.generator import generate
from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.model.workforce import conform
from levensfase.web.hr import selectors
from levensfase.web.hr.parallel import take_turns
from levensfase.web.hr.services import import_tables
from levensfase.web.hr.tables import DB_TABLES

ALIAS = "parallel_load_file"
sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'")


# --- the shared work list (no database) ------------------------------------------------------


def _tracked(calls: list[str], function):
    """A `there` for take_turns that records entering and leaving its context."""

    @contextmanager
    def there():
        calls.append("open")
        try:
            yield function
        finally:
            calls.append("closed")

    return there


def test_every_item_is_done_once_by_one_of_the_two_threads():
    started = {"here": threading.Event(), "there": threading.Event()}
    seen: list[tuple[int, str]] = []

    def doing(me: str, other: str):
        def do(item):
            started[me].set()  # whoever takes an item first waits until the other took one too
            assert started[other].wait(10), f"{other} never took an item"
            seen.append((item, me))
            return item * item

        return do

    calls: list[str] = []
    results = take_turns(range(10), here=doing("here", "there"), there=_tracked(calls, doing("there", "here")))

    assert results == {i: i * i for i in range(10)}
    assert sorted(i for i, _ in seen) == list(range(10))
    assert {who for _, who in seen} == {"here", "there"}
    assert calls == ["open", "closed"]


def test_the_workers_error_reaches_the_caller_after_its_context_closed():
    calls: list[str] = []
    failed = threading.Event()

    def broken(item):
        failed.set()
        raise LookupError(f"no such thing: {item}")

    def here(item):
        assert failed.wait(10), "the worker never took an item"
        return item

    with pytest.raises(LookupError, match="no such thing"):
        take_turns(range(50), here=here, there=_tracked(calls, broken))
    assert calls == ["open", "closed"]


def test_an_error_here_still_waits_for_the_worker_to_close():
    calls: list[str] = []
    here_took = threading.Event()

    def broken(item):
        here_took.set()
        raise KeyError(item)

    def slow(item):
        assert here_took.wait(10), "this thread never took an item"
        return item

    with pytest.raises(KeyError):
        take_turns(range(50), here=broken, there=_tracked(calls, slow))
    assert calls == ["open", "closed"]


def test_a_worker_that_cannot_start_is_an_error_for_the_caller():
    @contextmanager
    def unavailable():
        raise ConnectionError("cannot open")
        yield  # pragma: no cover

    with pytest.raises(ConnectionError, match="cannot open"):
        take_turns(range(3), here=lambda item: item, there=unavailable)


def test_the_cost_order_names_every_table_once():
    assert sorted(selectors.BY_COST) == sorted(TABLE_ORDER)


# --- a real SQLite file ----------------------------------------------------------------------


@pytest.fixture
def file_db(db, tmp_path: Path, small_tables):
    """The test database, filled (small_tables and a generated organisation), copied into a file."""
    generated = generate(employees=40, years=3, seed=5, as_of=date(2025, 1, 1))
    tables = {name: pl.concat([small_tables[name], generated[name]]) for name in TABLE_ORDER}
    import_tables(tables=tables, source="parallel load test")
    path = tmp_path / "copy.sqlite3"
    connection.ensure_connection()  # the dump runs inside the test's transaction, so it sees the rows
    target = sqlite3.connect(path)
    target.executescript("\n".join(connection.connection.iterdump()))
    target.close()
    default = connections[DEFAULT_DB_ALIAS]
    wrapper = type(default)({**default.settings_dict, "NAME": str(path)}, ALIAS)
    connections[ALIAS] = wrapper
    try:
        yield wrapper, tables, path
    finally:
        wrapper.close()
        del connections[ALIAS]


def _expected(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """What the database must give back, from the imported frames themselves (not from the reader)."""
    return {name: conform(name, frame).sort(list(TABLES[name].key)) for name, frame in tables.items()}


def _open_files(path: Path) -> int:
    fds = Path("/proc/self/fd")
    count = 0
    for fd in os.listdir(fds):
        try:
            count += os.readlink(fds / fd) == str(path)
        except OSError:
            pass
    return count


@sqlite_only
def test_parallel_read_equals_the_sequential_read_and_the_imported_rows(file_db, monkeypatch):
    wrapper, tables, _ = file_db
    assert all(frame.height for frame in tables.values())  # every table filled
    assert selectors.two_connections_safe(wrapper)
    readers = []
    real_reader = selectors._reader_on_copy

    @contextmanager
    def counted(db):
        with real_reader(db) as read:
            readers.append(threading.current_thread() is not threading.main_thread())
            yield read

    monkeypatch.setattr(selectors, "_reader_on_copy", counted)

    parallel = selectors.load_tables(using=ALIAS)
    monkeypatch.setattr(selectors, "two_connections_safe", lambda db: False)
    sequential = selectors.load_tables(using=ALIAS)

    assert readers == [True]  # the parallel read did use one worker thread, and only the first time
    assert list(parallel) == list(TABLE_ORDER)
    expected = _expected(tables)
    for name in TABLE_ORDER:
        assert_frame_equal(parallel[name], sequential[name], check_exact=True)
        assert_frame_equal(parallel[name], expected[name], check_exact=True)


@sqlite_only
def test_chunked_reads_keep_floats_on_their_own_rows(file_db, monkeypatch):
    """Floats are fetched apart from the packed text and put beside it chunk by chunk."""
    wrapper, tables, _ = file_db
    monkeypatch.setattr(selectors, "PACKED_ROWS", 7)
    chunked = selectors.load_tables(using=ALIAS)
    expected = _expected(tables)
    with wrapper.cursor() as cursor:
        for name in ("assignments", "arrangements"):
            fetched = selectors.from_raw(name, selectors._fetched(cursor, name))
            assert_frame_equal(chunked[name], fetched, check_exact=True)
            assert_frame_equal(chunked[name], expected[name], check_exact=True)


@sqlite_only
def test_the_workers_error_reaches_the_caller_and_its_connection_is_closed(file_db, monkeypatch):
    wrapper, _, path = file_db
    wrapper.ensure_connection()
    open_before = _open_files(path)
    worker_started = threading.Event()
    open_while_working = []
    real_read = selectors._read_table

    def failing_in_the_worker(cursor, name):
        if threading.current_thread() is threading.main_thread():
            assert worker_started.wait(10), "the worker never took a table"
            return real_read(cursor, name)
        open_while_working.append(_open_files(path))
        worker_started.set()
        raise sqlite3.OperationalError(f"disk I/O error reading {name}")

    monkeypatch.setattr(selectors, "_read_table", failing_in_the_worker)

    with pytest.raises(sqlite3.OperationalError, match="disk I/O error reading"):
        selectors.load_tables(using=ALIAS)

    assert open_while_working and open_while_working[0] > open_before  # the worker had its own
    assert _open_files(path) == open_before  # ... and it is closed again


@sqlite_only
def test_inside_a_transaction_one_connection_reads_the_uncommitted_rows(file_db, monkeypatch):
    wrapper, tables, _ = file_db

    def no_second_connection(*args, **kwargs):
        raise AssertionError("a second connection was used inside a transaction")

    monkeypatch.setattr(selectors, "take_turns", no_second_connection)
    with transaction.atomic(using=ALIAS):
        assert not selectors.two_connections_safe(wrapper)
        with wrapper.cursor() as cursor:  # uncommitted: a second connection would still see them
            for name in reversed(TABLE_ORDER):
                cursor.execute(f'DELETE FROM "{DB_TABLES[name].db_table}"')
        inside = selectors.load_tables(using=ALIAS)
        transaction.set_rollback(True, using=ALIAS)

    assert {name: frame.height for name, frame in inside.items()} == dict.fromkeys(TABLE_ORDER, 0)
    assert selectors.load_tables(using=ALIAS, names=["people"])["people"].height == tables["people"].height
