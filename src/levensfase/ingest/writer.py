"""Write exchange tables to disk (DESIGN §3): a folder of CSV files or one XLSX workbook.

Everything is first written under temporary names in the target folder and only renamed into place
when every table has been written, so a failure never leaves a half-written export behind.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import polars as pl

from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.model.workforce import conform
from levensfase.spreadsheet import WORKBOOK_OPTIONS

__all__ = ["WORKBOOK_NAME", "ExchangeWriteError", "write_exchange"]

WORKBOOK_NAME = "levensfase.xlsx"
FLOAT_DECIMALS = 9  # drops binary noise (0.8000000000000002 → 0.8) and keeps any real precision


class ExchangeWriteError(ValueError):
    """The export could not be written; the message says why in plain words. Nothing was left behind."""


def write_exchange(tables: Mapping[str, pl.DataFrame], out: Path, *,
                   format: Literal["csv", "xlsx"] = "csv") -> list[Path]:
    """Write `tables` into the folder `out` (created if needed) and return the written paths.

    csv: one UTF-8 file per table, `<name>.csv`, header row, comma separator, ISO-8601 dates,
    empty field for null, booleans as true/false, floats in their shortest form (rounded to
    9 decimals, so 0.8 is written as 0.8).
    xlsx: one workbook `levensfase.xlsx` with one sheet per table name; dates are real Excel dates
    shown as yyyy-mm-dd (they read back as dates, not as text), booleans are Excel booleans,
    null is an empty cell and every text column stays text (so "0.8" or "67" stay strings).

    Tables are written in the exchange order, each conformed to its schema first. Raises
    ExchangeWriteError for an unknown format or table, a frame that does not fit its schema, or
    a target that cannot be written; in that case no file is created or replaced.
    """
    if format not in ("csv", "xlsx"):
        raise ExchangeWriteError(f"unknown export format {format!r}: use 'csv' or 'xlsx'")
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise ExchangeWriteError(f"unknown exchange table(s): {', '.join(unknown)}; known: {', '.join(TABLES)}")
    frames = {}
    for name in TABLE_ORDER:
        if name in tables:
            try:
                frames[name] = _clean(conform(name, tables[name]))
            except (pl.exceptions.PolarsError, TypeError, ValueError) as exc:
                raise ExchangeWriteError(f"table {name!r} does not fit the exchange format: {exc}") from None

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExchangeWriteError(f"cannot write the export into {out}: it is a file, not a folder")
    created = _make_dir(out)
    token = secrets.token_hex(4)
    temps: list[tuple[Path, Path]] = []
    try:
        if format == "csv":
            for name, frame in frames.items():
                final = out / TABLES[name].filename
                temp = out / f".{final.name}.{token}.tmp"
                temps.append((temp, final))
                frame.write_csv(temp, date_format="%Y-%m-%d", null_value="", include_header=True)
        else:
            final = out / WORKBOOK_NAME
            temp = out / f".{final.stem}.{token}.tmp.xlsx"
            temps.append((temp, final))
            _write_workbook(frames, temp)
        for temp, final in temps:
            os.replace(temp, final)
    except OSError as exc:
        _clean_up(temps, created)
        raise ExchangeWriteError(f"cannot write the export into {out}: {exc.strerror or exc}") from None
    except Exception:
        _clean_up(temps, created)
        raise
    return [final for _, final in temps]


def _clean(frame: pl.DataFrame) -> pl.DataFrame:
    floats = [name for name, dtype in frame.schema.items() if dtype == pl.Float64]
    return frame.with_columns(pl.col(floats).round(FLOAT_DECIMALS)) if floats else frame


def _make_dir(out: Path) -> Path | None:
    """Create the folder (and missing parents); return the topmost folder created, for clean-up."""
    if out.is_dir():
        return None
    top = out
    while not top.parent.exists():
        top = top.parent
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExchangeWriteError(f"cannot create the folder {out}: {exc.strerror or exc}") from None
    return top


def _clean_up(temps: list[tuple[Path, Path]], created: Path | None) -> None:
    for temp, _ in temps:
        temp.unlink(missing_ok=True)
    if created is not None:
        for folder in sorted((p for p in [created, *created.rglob("*")] if p.is_dir()), key=lambda p: -len(p.parts)):
            try:
                folder.rmdir()
            except OSError:
                pass


def _write_workbook(frames: Mapping[str, pl.DataFrame], path: Path) -> None:
    import xlsxwriter  # optional at import time: only the xlsx export needs it

    # Text stays text: a name such as "=HYPERLINK(…)" must not become a live formula (spreadsheet.py).
    with xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS) as workbook:
        for name, frame in frames.items():
            frame.write_excel(
                workbook=workbook,
                worksheet=name,
                dtype_formats={pl.Date: "yyyy-mm-dd"},
                float_precision=FLOAT_DECIMALS,
                table_style=None,
                autofit=False,
                include_header=True,
            )
