"""Reads of stored rows that an import needs beyond the exchange frames: which rows were entered
in the app, whole database rows (for undo), and which keys something still refers to."""

from __future__ import annotations

import polars as pl
from django.db import connection, models

from levensfase.web.hr.tables import DB_TABLES, DATE_FORMAT, ORIGIN, MODELS

KEY_BATCH = 200  # keys per SELECT … WHERE (key) IN (…): well under every database's parameter limit


def app_keys(cursor, name: str) -> pl.DataFrame:
    """The database keys (exchange dtypes) of the rows of `name` entered in the app (ORIGIN NULL)."""
    db, q = DB_TABLES[name], connection.ops.quote_name
    dates = {f.column for f in MODELS[name]._meta.concrete_fields if isinstance(f, models.DateField)}
    picks = ", ".join(f"CAST({q(c)} AS TEXT)" if c in dates else q(c) for c in db.key)
    cursor.execute(f"SELECT {picks} FROM {q(db.db_table)} WHERE {q(ORIGIN)} IS NULL")
    frame = pl.DataFrame(cursor.fetchall(), schema=dict.fromkeys(db.key, pl.String()), orient="row")
    return frame.with_columns(pl.col(c).str.to_date(DATE_FORMAT) for c in db.key if c in dates)


def columns(name: str) -> list[tuple[str, str]]:
    """(column, kind) of every database column of `name`: kind is date, json or plain."""
    out = []
    for f in MODELS[name]._meta.concrete_fields:
        kind = "date" if isinstance(f, models.DateField) else "json" if isinstance(f, models.JSONField) else "plain"
        out.append((f.column, kind))
    return out


def full_rows(cursor, name: str, keys: pl.DataFrame) -> list[list]:
    """Every column of the rows whose database key is a row of `keys` (database form): dates and
    JSON as text, so they go back into either database exactly as they were."""
    if keys.height == 0:
        return []
    db, q = DB_TABLES[name], connection.ops.quote_name
    picks = ", ".join(f"CAST({q(c)} AS TEXT)" if kind != "plain" else q(c) for c, kind in columns(name))
    rows: list[list] = []
    for part in keys.select(db.key).iter_slices(n_rows=KEY_BATCH):
        tuples = ", ".join(["(" + ", ".join(["%s"] * len(db.key)) + ")"] * part.height)
        params = [v for row in part.iter_rows() for v in row]
        where = "(" + ", ".join(q(c) for c in db.key) + ")"
        cursor.execute(f"SELECT {picks} FROM {q(db.db_table)} WHERE {where} IN ({tuples})", params)
        rows.extend(list(r) for r in cursor.fetchall())
    return rows


def referring(name: str, values: list[str]) -> set[str]:
    """The keys among `values` (of units, jobs, people or skills) that any row of any table refers to."""
    model = MODELS[name]
    used: set[str] = set()
    q = connection.ops.quote_name
    for relation in model._meta.related_objects:
        if relation.many_to_many:  # e.g. the units a manager leads: the link table refers
            column, table = relation.field.m2m_reverse_name(), relation.field.m2m_db_table()
        else:
            column, table = relation.field.column, relation.related_model._meta.db_table
        with connection.cursor() as cursor:
            for start in range(0, len(values), KEY_BATCH):
                part = values[start:start + KEY_BATCH]
                cursor.execute(f"SELECT DISTINCT {q(column)} FROM {q(table)} WHERE {q(column)} IN "
                               f"({', '.join(['%s'] * len(part))})", part)
                used.update(str(r[0]) for r in cursor.fetchall())
    return used
