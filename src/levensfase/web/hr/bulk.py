"""Bulk loading into empty hr tables: the fast path of a first (or a cleared) import.

Keeping a B-tree index sorted row by row costs far more than building it once from sorted data,
so when a table is empty before an import its secondary indexes are dropped, the rows inserted
and the indexes created again from the SQL the database itself reports (on SQLite right after
the table's rows, on PostgreSQL once the deferred foreign keys are checked). SQLite and PostgreSQL
both run DDL inside the import's transaction, so a failure anywhere rolls the indexes back with
the rows. Unique indexes stay: they carry the natural keys (and SQLite cannot drop the ones
declared inside CREATE TABLE; dropping separate ones and rebuilding them measured slower than
inserting in key order, which only ever appends to them).

On SQLite a first import also runs without foreign-key enforcement (`references_unchecked`):
enforcing costs one parent lookup per reference per row (≈ 10 s of ≈ 34 s at 100,000 people),
while the reader and `checks.check_references` (before COMMIT) prove every reference of the
frames, and with no row deleted nothing outside the import can lose its parent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import polars as pl
from django.db import connection

from levensfase.web.hr.tables import DbTable

BATCH_ROWS = 20_000  # rows per executemany call: bounds the Python tuples alive at once
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


def all_empty(cursor, db_tables: list[str]) -> bool:
    """True when none of `db_tables` holds a row (a first import, or one after clearing)."""
    q = connection.ops.quote_name
    for table in db_tables:
        cursor.execute(f"SELECT 1 FROM {q(table)} LIMIT 1")
        if cursor.fetchone() is not None:
            return False
    return True


@contextmanager
def references_unchecked(wanted: bool) -> Iterator[bool]:
    """SQLite's foreign-key enforcement off for the block, if `wanted` and possible; yields whether it is.

    SQLite ignores the PRAGMA inside a transaction, so inside a caller's atomic block (a dry run,
    a test) this yields False and changes nothing. Enforcement is back on afterwards, also after
    an error. Other databases: always False (PostgreSQL checks deferred keys once, at the end).
    """
    if not wanted or connection.vendor != "sqlite" or connection.in_atomic_block:
        yield False
        return
    off = connection.disable_constraint_checking()
    try:
        yield off
    finally:
        if off:
            connection.enable_constraint_checking()


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


# --- the diff path: row-by-row statements, executed in batches --------------------------------


def executemany(cursor, sql: str, frame: pl.DataFrame) -> None:
    for part in frame.iter_slices(n_rows=BATCH_ROWS):
        cursor.executemany(sql, part.rows())


def _where(key: tuple[str, ...]) -> str:
    q = connection.ops.quote_name
    return " AND ".join(f"{q(c)} = %s" for c in key)


def delete_rows(cursor, db: DbTable, keys: pl.DataFrame) -> None:
    """Delete the rows whose natural key is a row of `keys` (database form, `tables.key_frame`)."""
    if keys.height:
        executemany(cursor, f"DELETE FROM {connection.ops.quote_name(db.db_table)} WHERE {_where(db.key)}", keys)


def update_rows(cursor, db: DbTable, rows: pl.DataFrame) -> None:
    """Rewrite the value columns of the rows matched by their natural key (and any extra column
    `rows` carries beyond the table's own, such as the import run that wrote them)."""
    if rows.height == 0:
        return
    values = [*db.values, *(c for c in rows.columns if c not in db.columns)]
    if not values:
        return
    q = connection.ops.quote_name
    sets = ", ".join(f"{q(c)} = %s" for c in values)
    executemany(cursor, f"UPDATE {q(db.db_table)} SET {sets} WHERE {_where(db.key)}", rows.select(*values, *db.key))
