"""Reads of the hr tables as exchange frames: the database side of the one `Workforce`.

Raw SQL through Django's connection straight into Polars, never ORM instances. On SQLite even a
plain fetch costs a Python object per value, so each table is first asked for as *packed* text:
SQLite joins the rows itself (ASCII unit/record separators) and Polars' CSV reader splits them.
Text that contains a separator, and every other database, take the plain row fetch; floats are
always fetched as numbers, because SQLite prints a double with too few digits to be exact.

On a SQLite file outside a transaction the tables are read on two connections at once (this
thread's and a worker's, `parallel.take_turns`): SQLite and Polars both let go of the GIL, so
the two cores share the load. Inside a transaction a second connection would not see the
uncommitted rows, and an in-memory database is not shared, so those read on one connection.

`load_workforce` keeps the last Workforce it built until the data change, so pages answer warm,
and a columnar copy on disk (`snapshot.py`) so a process that has not built it yet reads that
instead of the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial

import polars as pl
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Count, Max
from django.db.backends.base.base import BaseDatabaseWrapper

from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.model.workforce import Workforce
from levensfase.web.hr.models import Assignment, Person
from levensfase.web.hr.parallel import take_turns
from levensfase.web.hr.snapshot import drop_snapshots, read_snapshot, write_snapshot
from levensfase.web.hr.tables import DB_TABLES, RESPONSE_COLUMNS, from_raw, raw_schema
from levensfase.web.hr.versions import HR_DATA as HR_DATA  # re-exported: the version's readers import them from here
from levensfase.web.hr.versions import SCAN_DATA as SCAN_DATA
from levensfase.web.hr.versions import bump_data_version as bump_data_version
from levensfase.web.hr.versions import note_write, read_versions
from levensfase.web.hr.versions import stored_data_version as stored_data_version

FIELD, RECORD = "\x1f", "\x1e"  # ASCII unit and record separators: never in valid JSON, rare in text
PACKED_ROWS = 500_000  # rows per packed chunk: keeps each text well under SQLite's 1 GB string limit
# Most expensive first (10,000 employees), so the two readers end at about the same time.
BY_COST = ("surveys", "person_skills", "arrangements", "absences", "assignments", "life_events",
           "conversations", "people", "units", "job_skills", "skills", "jobs")


def load_tables(*, names: Iterable[str] | None = None, using: str = DEFAULT_DB_ALIAS) -> dict[str, pl.DataFrame]:
    """Conformed exchange frames from the database (surveys back in long form), sorted by key."""
    wanted = list(TABLE_ORDER) if names is None else list(names)
    unknown = [n for n in wanted if n not in DB_TABLES]
    if unknown:
        raise ValueError(f"unknown exchange tables: {unknown}")
    db = connections[using]
    with db.cursor() as cursor:
        here = partial(_read_table, cursor)
        if len(wanted) > 1 and two_connections_safe(db):
            tables = take_turns(sorted(wanted, key=BY_COST.index), here=here, there=partial(_reader_on_copy, db))
        else:
            tables = {name: here(name) for name in wanted}
    return {name: tables[name] for name in wanted}


def two_connections_safe(db: BaseDatabaseWrapper) -> bool:
    """Whether a second connection sees exactly what `db` sees: a SQLite file, nothing uncommitted."""
    return (db.vendor == "sqlite" and not db.is_in_memory_db() and not db.in_atomic_block
            and db.get_autocommit())


@contextmanager
def _reader_on_copy(db: BaseDatabaseWrapper) -> Iterator:
    """A reader on a new connection to the same database, opened and closed in the calling thread."""
    copy = db.copy()
    try:
        with copy.cursor() as cursor:
            yield partial(_read_table, cursor)
    finally:
        copy.close()


def _read_table(cursor, name: str) -> pl.DataFrame:
    raw = _packed(cursor, name) if cursor.db.vendor == "sqlite" else None
    if raw is None:
        raw = _fetched(cursor, name)
    return from_raw(name, raw)


_cached: tuple[tuple, Workforce] | None = None


def load_workforce() -> Workforce:
    """The whole organisation as a `Workforce`, the input of every analysis.

    The same (immutable) Workforce comes back until the data change: the cache key is the data
    version stored in the database (bumped after every committed write, by any process) plus the
    latest ImportRun. Inside a transaction the data may be uncommitted, so nothing is cached there.
    """
    global _cached
    if connection.in_atomic_block:
        return Workforce.from_tables(load_tables())
    key = _data_version()
    cached = _cached
    if cached is not None and cached[0] == key:
        return cached[1]
    stored = key + _row_counts()  # a columnar copy on disk (snapshot.py) answers a cold process
    workforce = read_snapshot(stored)
    if workforce is None:
        workforce = Workforce.from_tables(load_tables())
        write_snapshot(stored, workforce)
    _cached = (key, workforce)  # a write meanwhile changed the key: the next call loads again
    return workforce


def forget_workforce() -> None:
    """The write services call this before and after a change: drops this process's cached
    Workforce at once and bumps the stored data version when the change commits (at once outside
    a transaction; never after a rollback, which changed nothing), so other processes reload too."""
    drop_cached_workforce()
    note_write()
    transaction.on_commit(drop_snapshots)


def drop_cached_workforce() -> None:
    """Forget this process's cached Workforce only, without the database (test set-up)."""
    global _cached
    _cached = None


def _row_counts() -> tuple:
    """Rows and highest key of people and assignments: tells apart data written without a version
    bump (the admin shell, a flushed database) before a copy on disk is trusted."""
    people = Person.objects.aggregate(n=Count("pk"), last=Max("pk"))
    rows = Assignment.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return (people["n"], people["last"], rows["n"], rows["last"])


def _data_version() -> tuple:
    return (connection.alias, str(connection.settings_dict["NAME"]), *read_versions())


def reference_counts(*, name: str, column: str) -> pl.DataFrame:
    """How many rows of an exchange table point at each value of a reference column.

    Columns `value` (the referenced key) and `rows`; used to refuse removals that would orphan
    rows of a table an import leaves alone. Survey rows are counted as exchange (item) rows.
    """
    db = DB_TABLES[name]
    if column not in db.columns:
        raise ValueError(f"{name} has no column {column!r}")
    if name == "surveys":
        frame = load_tables(names=["surveys"])["surveys"]
        return frame.group_by(pl.col(column).alias("value")).len("rows").cast({"rows": pl.Int64()})
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {q(column)}, COUNT(*) FROM {q(db.db_table)} WHERE {q(column)} IS NOT NULL GROUP BY {q(column)}"
        )
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=[("value", pl.String()), ("rows", pl.Int64())], orient="row")


# --- plain fetch (every database) -------------------------------------------------------------


def _columns(name: str) -> list[tuple[str, str]]:
    """(column, exchange kind) of what is stored; surveys are stored as responses."""
    if name == "surveys":
        return [("person_id", "str"), ("date", "date"), ("instrument", "str"), ("answers", "str")]
    return [(c.name, c.kind) for c in TABLES[name].columns]


def _fetched(cursor, name: str) -> pl.DataFrame:
    """The raw frame from an ordinary SELECT (dates cast to text, booleans to integers)."""
    q = cursor.db.ops.quote_name
    parts = []
    for column, kind in _columns(name):
        if kind == "date" or column == "answers":  # psycopg would json.loads each jsonb value itself
            parts.append(f"CAST({q(column)} AS TEXT)")
        elif kind == "bool":
            parts.append(f"CAST({q(column)} AS INTEGER)")
        else:
            parts.append(q(column))
    cursor.execute(f"SELECT {', '.join(parts)} FROM {q(DB_TABLES[name].db_table)}")
    return pl.DataFrame(cursor.fetchall(), schema=raw_schema(name), orient="row")


# --- packed text (SQLite) ---------------------------------------------------------------------


def _packed(cursor, name: str) -> pl.DataFrame | None:
    """The raw frame from SQLite-joined text, or None when some text holds a separator."""
    q = cursor.db.ops.quote_name
    db_table = DB_TABLES[name]
    table = q(db_table.db_table)
    columns = _columns(name)
    text_columns = [(c, k) for c, k in columns if k != "float"]
    floats = [c for c, k in columns if k == "float"]
    # Never NULL in the database: required columns, and optional text stored as "" (blank for null).
    not_null = set(RESPONSE_COLUMNS) if name == "surveys" else {*TABLES[name].required, *db_table.blank_for_null}
    # One printf per row (far cheaper than a chain of ||). Text gets a trailing "~", stripped
    # below: it keeps "" apart from NULL, and Polars would drop a "\r" at the end of a field.
    # Every table has required text, so no line is empty. Returned as a BLOB: bytes for Polars
    # without decoding a Python str first.
    formats, arguments = [], []
    for column, kind in text_columns:
        if _is_text(kind) and column in not_null:
            formats.append("%%s~")
            arguments.append(q(column))
        else:  # printf prints NULL as nothing, so only nullable text needs the marker added in SQL
            formats.append("%%s")
            arguments.append(f"({q(column)} || '~')" if _is_text(kind) else q(column))
    line = f"printf('{FIELD.join(formats)}', {', '.join(arguments)})"
    sql = (
        f"SELECT COUNT(*), MAX(rid), CAST(group_concat(line, char(30)) AS BLOB) FROM ("
        f"SELECT rowid AS rid, {line} AS line FROM {table} WHERE rowid > %s ORDER BY rowid LIMIT %s)"
    )
    # Floats as numbers, in the same rowid order, so they line up with the text row for row.
    numbers_sql = (
        f"SELECT {', '.join(q(c) for c in floats)} FROM {table} WHERE rowid > %s AND rowid <= %s ORDER BY rowid"
    )
    schema = {c: pl.String() for c, _ in text_columns}
    parts, after = [], -1
    while True:
        cursor.execute(sql, [after, PACKED_ROWS])
        count, last, text = cursor.fetchone()
        if not count:
            break
        part = _split(text, schema)
        if part is None or part.height != count:
            return None
        if floats:
            cursor.execute(numbers_sql, [after, last])
            numbers = pl.DataFrame(cursor.fetchall(), schema=dict.fromkeys(floats, pl.Float64()), orient="row")
            if numbers.height != count:  # the table changed between the two statements
                return None
            part = part.hstack(numbers)
        parts.append(part)
        after = last
        if count < PACKED_ROWS:
            break
    frame = pl.concat(parts) if parts else pl.DataFrame(schema={**schema, **dict.fromkeys(floats, pl.Float64())})
    frame = frame.with_columns(pl.col(c).str.head(-1) for c, k in text_columns if _is_text(k))
    return frame.select(pl.col(c).cast(t) for c, t in raw_schema(name).items())


def _is_text(kind: str) -> bool:
    return kind in ("str", "enum")


def _split(text: bytes, schema: dict[str, pl.DataType]) -> pl.DataFrame | None:
    try:
        return pl.read_csv(
            text, has_header=False, separator=FIELD, eol_char=RECORD, quote_char=None,
            new_columns=list(schema), schema=schema,
        )
    except pl.exceptions.PolarsError:  # a separator inside some text: too many fields on a row
        return None
