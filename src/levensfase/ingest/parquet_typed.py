"""Read a clean Parquet exchange file at its own dtypes, without the text round trip.

The whole-file path (`sources.read_parquet_file`) writes every value as the text its CSV twin would
hold and parses it back, so both formats go through the same checks and messages. At a sector's size
that round trip (110 million rows) cost more than everything else the reader does. Here a file whose
columns already have the exchange dtypes is checked as it stands, with the same rules as
`validation.parse_table` (required, plausible dates and numbers, whole numbers, choices, ids), in one
lazy scan. This is only a shortcut for clean files: whenever a column has another dtype, the header
is odd or any rule finds a problem, the caller reads the file whole the old way, so every message
(row, column, quoted text) stays as it was. Values that pass every rule are exactly what the text
round trip gives (dates in 1900–2199 and the open-end mark print and parse back alike; a Float64 or
an integer prints in a form that parses to the same Float64).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from levensfase.ingest import plausible
from levensfase.ingest.sources import ROW, blank_to_null
from levensfase.ingest.validation import Parsed
from levensfase.model.schema import EXCHANGE_TABLES, Column

_NUMBERS = (pl.Float64, pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)
_ACCEPTED: dict[str, tuple[type[pl.DataType], ...]] = {  # Float32 prints shorter than its Float64 value
    "date": (pl.Date,), "int": _NUMBERS, "float": _NUMBERS, "bool": (pl.Boolean,), "str": (pl.String,),
    "enum": (pl.String,),
}
_BAD = "__bad"


def read_parquet_typed(path: Path, name: str) -> tuple[Parsed, list[str]] | None:
    """The typed table of a clean Parquet file and its unknown columns; None whenever the whole-file
    path is needed (another dtype, an odd header, a missing required column, or any problem)."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        schema = pl.read_parquet_schema(path)
    except (pl.exceptions.PolarsError, OSError):
        return None
    table = EXCHANGE_TABLES[name]
    known = {c.name: c for c in table.columns}
    names = list(schema)
    if not names or any(n != n.strip() or not n or n == ROW or n.startswith("\ufeff") for n in names):
        return None
    if any(c not in schema for c in table.required):
        return None
    columns = [c for c in table.columns if c.name in schema]
    if any(not isinstance(schema[c.name], _ACCEPTED[c.kind]) for c in columns):
        return None
    typed, bad = [], []
    for column in columns:
        value, flags = _typed(name, column)
        typed.append(value)
        bad += flags
    flag = pl.any_horizontal(f.fill_null(False) for f in bad) if bad else pl.lit(False)
    try:
        text = [c.name for c in columns if c.kind == "str"]
        padded = _padded(path, text)  # text stripped, blank = null, as `_finish` reads it: where any needs it
        scan = (pl.scan_parquet(path).with_row_index(ROW, offset=2)
                .with_columns(pl.col(ROW).cast(pl.Int64), *(blank_to_null(c) for c in padded)))
        frame = scan.select(pl.col(ROW), *typed, flag.alias(_BAD)).collect()
    except (pl.exceptions.PolarsError, OSError):
        return None
    if frame[_BAD].any():
        return None
    unknown = [n for n in names if n not in known]
    return Parsed(name, path.name, frame.drop(_BAD)), unknown


def _padded(path: Path, columns: list[str]) -> list[str]:
    """The text columns holding a value that stripping would change (surrounding space, or blank):
    asked first, because stripping a sector's 52 million survey ids costs more than reading them."""
    if not columns:
        return []
    changed = [((pl.col(c).str.strip_chars() != pl.col(c)) | (pl.col(c) == "")).any().alias(c) for c in columns]
    found = pl.scan_parquet(path).select(changed).collect().row(0)
    return [c for c, any_changed in zip(columns, found, strict=True) if any_changed]


def _typed(table: str, column: Column) -> tuple[pl.Expr, list[pl.Expr]]:
    """The column at its schema dtype and the conditions under which `parse_table` would report a
    problem (the same rules, on the values instead of their text)."""
    src = pl.col(column.name)
    flags: list[pl.Expr] = []
    if column.required:
        flags.append(src.is_null())
    if column.kind == "date":
        value = src
        if column.name == "end_date":
            value = pl.when(value == plausible.OPEN_END_MARK).then(None).otherwise(value)
        lo, hi = plausible.date_range(table, column.name)
        flags.append(~value.is_between(lo, hi))
    elif column.kind in ("int", "float"):
        number = src.cast(pl.Float64)
        flags.append(src.is_not_null() & ~number.is_finite())
        if column.kind == "int":
            flags.append(number != number.floor())
        lo, hi = plausible.number_range(table, column.name)
        flags.append(~number.is_between(lo, hi))
        value = number
    elif column.kind == "enum":
        value = src
        flags.append(src.is_not_null() & ~src.is_in(list(column.choices or ())))
    else:
        value = src
        rule = plausible.bad_id(table, column.name)
        if rule is not None:
            flags.append(src.is_not_null() & rule[0])
    return value.cast(column.dtype).alias(column.name), flags
