"""How one exchange table is written: the diff against what is stored, and the SQL that applies it.

An import is applied as a diff by the natural key (what to add, change and remove is decided by
plans.py, per mode), so a re-import of the same data writes nothing and the database keeps its
row ids. A table that was empty takes the bulk path instead (bulk.py): no joins, rows in key
order, indexes built once. Every row written carries the id of the import run (`ORIGIN`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import polars as pl
from django.db import connection

from levensfase.web.hr import bulk
from levensfase.web.hr.tables import DB_TABLES, ORIGIN, to_db_frame

BATCH_ROWS = bulk.BATCH_ROWS
JSON_BATCH_ROWS = BATCH_ROWS * 10  # rows per json_each text on SQLite

Prepared = tuple[pl.DataFrame, list[str] | None]  # an empty table's database rows (+ SQLite JSON batches)


@dataclass(frozen=True)
class TableChange:
    """Rows of one exchange table added, changed (same key, other values) and removed."""

    added: int
    changed: int
    removed: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "changed": self.changed, "removed": self.removed}


def diff_frames(*, old: pl.DataFrame, new: pl.DataFrame, key: list[str]) -> tuple[pl.DataFrame, ...]:
    """(added, changed, removed) rows of `new` against `old`, matched on `key`.

    `changed` holds the new version of rows whose key exists in both with any other value
    different (null-aware: null vs null is equal, null vs a value is a change).
    """
    added = new.join(old.select(key), on=key, how="anti")
    removed = old.join(new.select(key), on=key, how="anti")
    values = [c for c in new.columns if c not in key]
    if not values:
        return added, new.clear(), removed
    both = new.join(old, on=key, how="inner", suffix="__old")
    differs = pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}__old")) for c in values)
    return added, both.filter(differs).select(new.columns), removed


def prepare(name: str, frame: pl.DataFrame, *, json: bool) -> Prepared:
    """An empty table's database rows in natural-key order (so the unique index grows at its end)
    and, for SQLite, their JSON batches. Pure Polars, no database connection: runs on the worker."""
    rows = to_db_frame(name, frame).sort(list(DB_TABLES[name].key))
    return rows, json_batches(name, rows) if json else None


def json_batches(name: str, rows: pl.DataFrame) -> list[str]:
    """Database rows as the JSON texts SQLite's json_each reads, one per batch, each row an array
    of its values in `DB_TABLES[name].columns` order (SQLite takes array items by position about
    a quarter faster than object members by name)."""
    frame = rows.select(DB_TABLES[name].columns)
    row = pl.concat_str([pl.lit("["), pl.concat_str([_json_value(frame, c) for c in frame.columns], separator=","),
                         pl.lit("]")])
    return ["[" + part.select(row.str.join(",")).item() + "]" for part in frame.iter_slices(n_rows=JSON_BATCH_ROWS)]


_CONTROL = [(chr(i), f"\\u{i:04x}") for i in range(32)]  # JSON allows no raw control character in text


def _json_value(frame: pl.DataFrame, column: str) -> pl.Expr:
    """One column as JSON value text: text quoted and escaped (only the escapes a column needs),
    numbers in Polars' shortest round-trip form, booleans as true/false, null as null."""
    col, dtype = pl.col(column), frame.schema[column]
    if dtype == pl.String():
        backslash, quote, control = frame.select(
            col.str.contains("\\", literal=True).any().alias("backslash"),
            col.str.contains('"', literal=True).any().alias("quote"),
            col.str.contains(r"[\x00-\x1f]").any().alias("control"),
        ).row(0)
        escapes = [("\\", "\\\\")] * bool(backslash) + [('"', '\\"')] * bool(quote) + _CONTROL * bool(control)
        text = col
        for char, escaped in escapes:  # the backslash first: the others add backslashes
            text = text.str.replace_all(char, escaped, literal=True)
        value = pl.concat_str([pl.lit('"'), text, pl.lit('"')])
    elif dtype == pl.Boolean():
        value = pl.when(col).then(pl.lit("true")).otherwise(pl.lit("false"))
    else:
        value = col.cast(pl.String())
    return pl.when(col.is_null()).then(pl.lit("null")).otherwise(value)


def write_plan(cursor, plan, *, run: int, prepared: Prepared | None = None) -> list[tuple[str, str]]:
    """Delete, update and insert one table (a `plans.Plan`), every row written marked with `run`;
    returns the secondary indexes a bulk load dropped (to be built once, at the end of the
    import). `prepared`: `prepare`'s result for a fresh table."""
    db = DB_TABLES[plan.name]
    bulk.delete_rows(cursor, db, plan.delete)
    bulk.update_rows(cursor, db, plan.update.with_columns(pl.lit(run).alias(ORIGIN)))
    if plan.fresh and plan.change.added:
        return bulk_load(cursor, plan, prepared, run=run)
    if plan.rows is not None:
        insert(cursor, plan.name, plan.rows, run=run)
    return []


def bulk_load(cursor, plan, prepared: Prepared | None = None, *, run: int) -> list[tuple[str, str]]:
    """Fill an empty table without its secondary indexes (returned, to be built once at the end)."""
    db = DB_TABLES[plan.name]
    indexes = bulk.secondary_indexes(cursor, db.db_table)
    bulk.drop_indexes(cursor, indexes)
    rows, payloads = prepared or prepare(plan.name, plan.new, json=connection.vendor == "sqlite")
    insert(cursor, plan.name, rows, payloads=payloads, run=run)
    return indexes


def insert(cursor, name: str, rows: pl.DataFrame, *, run: int, payloads: list[str] | None = None) -> None:
    """Insert database rows written by import `run`: COPY on PostgreSQL (Polars writes the CSV), JSON
    on SQLite, else executemany. `payloads`: the SQLite JSON batches of `rows` when the worker already wrote them."""
    if rows.height == 0:
        return
    db = DB_TABLES[name]
    q = connection.ops.quote_name
    columns = ", ".join(q(c) for c in (*db.columns, ORIGIN))
    if connection.vendor == "postgresql":
        sql = f"COPY {q(db.db_table)} ({columns}) FROM STDIN WITH (FORMAT csv)"
        with cursor.cursor.copy(sql) as copy:  # psycopg 3: "" quoted = empty text, unquoted = NULL
            for part in rows.iter_slices(n_rows=BATCH_ROWS * 5):
                buffer = io.BytesIO()
                part.with_columns(pl.lit(run).alias(ORIGIN)).write_csv(buffer, include_header=False)
                copy.write(buffer.getvalue())
        return
    if connection.vendor == "sqlite":
        # SQLite reads each batch from one JSON text (json_each) that Polars writes: no Python
        # object per value. JSON keeps text exact and floats at their shortest round-trip form.
        picks = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(db.columns)))
        sql = f"INSERT INTO {q(db.db_table)} ({columns}) SELECT {picks}, %s FROM json_each(%s)"
        for payload in payloads if payloads is not None else json_batches(name, rows):
            cursor.execute(sql, [run, payload])
        return
    placeholders = ", ".join(["%s"] * (len(db.columns) + 1))
    bulk.executemany(cursor, f"INSERT INTO {q(db.db_table)} ({columns}) VALUES ({placeholders})",
                     rows.select(db.columns).with_columns(pl.lit(run).alias(ORIGIN)))
