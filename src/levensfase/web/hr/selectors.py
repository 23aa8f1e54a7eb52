"""Reads of the hr tables as exchange frames: the database side of the one `Workforce`.

Raw SQL through Django's connection straight into Polars: building ORM instances for a few
hundred thousand assignments would cost seconds, and the core wants frames anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from django.db import connection

from levensfase.model.schema import TABLE_ORDER
from levensfase.model.workforce import Workforce
from levensfase.web.hr.tables import DB_TABLES, frame_from_rows, select_sql


def load_tables(*, names: Iterable[str] | None = None) -> dict[str, pl.DataFrame]:
    """Conformed exchange frames from the database (surveys back in long form), sorted by key."""
    wanted = list(TABLE_ORDER) if names is None else list(names)
    unknown = [n for n in wanted if n not in DB_TABLES]
    if unknown:
        raise ValueError(f"unknown exchange tables: {unknown}")
    tables = {}
    with connection.cursor() as cursor:
        for name in wanted:
            sql, _ = select_sql(name, vendor=connection.vendor, quote=connection.ops.quote_name)
            cursor.execute(sql)
            tables[name] = frame_from_rows(name, cursor.fetchall())
    return tables


def load_workforce() -> Workforce:
    """The whole organisation as a `Workforce`, the input of every analysis."""
    return Workforce.from_tables(load_tables())


def reference_counts(*, name: str, column: str) -> pl.DataFrame:
    """How many rows of an exchange table point at each value of a reference column.

    Columns `value` (the referenced key) and `rows`; used to refuse removals that would orphan
    rows of a table an import leaves alone.
    """
    db = DB_TABLES[name]
    if column not in db.columns:
        raise ValueError(f"{name} has no column {column!r}")
    q = connection.ops.quote_name
    ident = q(column)
    if name == "surveys":  # one database row per response; count the exchange (item) rows
        vendor = connection.vendor
        each = "jsonb_object_keys(answers)" if vendor == "postgresql" else "json_each(answers)"
        sql = (
            f"SELECT {ident}, COUNT(*) FROM (SELECT {ident} FROM {q(db.db_table)}, {each} AS j) AS t "
            f"GROUP BY {ident}"
        )
    else:
        sql = f"SELECT {ident}, COUNT(*) FROM {q(db.db_table)} WHERE {ident} IS NOT NULL GROUP BY {ident}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=[("value", pl.String()), ("rows", pl.Int64())], orient="row")
