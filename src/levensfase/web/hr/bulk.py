"""Bulk loading into empty hr tables: the fast path of a first (or a cleared) import.

Keeping a B-tree index sorted row by row costs far more than building it once from sorted data,
so when a table is empty before an import its secondary indexes are dropped, the rows inserted
and the indexes created again from the SQL the database itself reports. SQLite and PostgreSQL
both run DDL inside the import's transaction, so a failure anywhere rolls the indexes back with
the rows. Unique indexes stay: they carry the natural keys (and SQLite cannot drop the ones
declared inside CREATE TABLE).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

SQLITE_CACHE_KIB = 256 * 1024  # page cache while importing: index pages stay in memory, not on disk


def secondary_indexes(cursor, db_table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of each non-unique index on `db_table`."""
    if connection.vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE%%' ORDER BY name",
            [db_table],
        )
    elif connection.vendor == "postgresql":
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = to_regclass(%s) AND NOT i.indisunique AND NOT i.indisprimary ORDER BY c.relname",
            [connection.ops.quote_name(db_table)],
        )
    else:  # another backend: keep its indexes, the ordinary insert still works
        return []
    return [(name, sql) for name, sql in cursor.fetchall()]


def drop_indexes(cursor, indexes: list[tuple[str, str]]) -> None:
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")


def create_indexes(cursor, indexes: list[tuple[str, str]]) -> None:
    for _, sql in indexes:
        cursor.execute(sql)


@contextmanager
def bulk_session(cursor) -> Iterator[None]:
    """A large SQLite page cache for the duration of an import (a per-connection setting)."""
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    before = cursor.fetchone()[0]
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(before)}")
