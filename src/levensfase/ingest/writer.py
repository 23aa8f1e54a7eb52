"""Write exchange tables to disk (DESIGN §3): a folder of CSV or Parquet files, or one XLSX workbook.

Everything is first written under temporary names in the target folder and only renamed into place
when every table has been written, so a failure never leaves a half-written export behind. CSV and
Parquet can be written chunk by chunk (`write_exchange_chunks`), so a sector-size organisation is
never held in memory whole.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Literal

import polars as pl

from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.model.workforce import conform
from levensfase.spreadsheet import WORKBOOK_OPTIONS

__all__ = ["FORMATS", "WORKBOOK_NAME", "ExchangeWriteError", "write_exchange", "write_exchange_chunks"]

WORKBOOK_NAME = "levensfase.xlsx"
FORMATS = ("csv", "parquet", "xlsx")
FLOAT_DECIMALS = 9  # drops binary noise (0.8000000000000002 → 0.8) and keeps any real precision


class ExchangeWriteError(ValueError):
    """The export could not be written; the message says why in plain words. Nothing was left behind."""


def write_exchange(tables: Mapping[str, pl.DataFrame], out: Path, *,
                   format: Literal["csv", "parquet", "xlsx"] = "csv") -> list[Path]:
    """Write `tables` into the folder `out` (created if needed) and return the written paths.

    csv: one UTF-8 file per table, `<name>.csv`, header row, comma separator, ISO-8601 dates,
    empty field for null, booleans as true/false, floats in their shortest form (rounded to
    9 decimals, so 0.8 is written as 0.8).
    parquet: one file per table, `<name>.parquet`, columns at the exchange dtypes (dates as dates,
    floats rounded as in the CSV), so it reads back into the same frames as the CSV.
    xlsx: one workbook `levensfase.xlsx` with one sheet per table name; dates are real Excel dates
    shown as yyyy-mm-dd (they read back as dates, not as text), booleans are Excel booleans,
    null is an empty cell and every text column stays text (so "0.8" or "67" stay strings).

    Tables are written in the exchange order, each conformed to its schema first. Raises
    ExchangeWriteError for an unknown format or table, a frame that does not fit its schema, or
    a target that cannot be written; in that case no file is created or replaced.
    """
    _check_format(format)
    if format != "xlsx":
        return write_exchange_chunks([tables], out, format=format)
    frames = _conformed(tables)
    out = Path(out)
    created = _target(out)
    final = out / WORKBOOK_NAME
    temps = [(out / f".{final.stem}.{secrets.token_hex(4)}.tmp.xlsx", final)]
    with _all_or_nothing(out, temps, created):
        _write_workbook(frames, temps[0][0])
    return [final]


def write_exchange_chunks(chunks: Iterable[Mapping[str, pl.DataFrame]], out: Path, *,
                          format: Literal["csv", "parquet"] = "csv") -> list[Path]:
    """Write tables that arrive in chunks (e.g. `generate_chunks`): each chunk maps table names to
    rows that follow the rows of earlier chunks. The files are those `write_exchange` writes for the
    chunks put together, byte for byte for CSV; a table in no chunk gets no file. Only one chunk
    is held at a time (Parquet keeps one part file per chunk until the end, then streams them
    into one file). Same errors and the same all-or-nothing as `write_exchange`."""
    _check_format(format)
    if format == "xlsx":
        raise ExchangeWriteError("an xlsx workbook cannot be written in chunks: use 'csv' or 'parquet'")
    out = Path(out)
    created = _target(out)
    token = secrets.token_hex(4)
    temps: dict[str, tuple[Path, Path]] = {}
    parts: dict[str, list[Path]] = {}
    handles: dict[str, IO[bytes]] = {}
    listed: list[tuple[Path, Path]] = []
    with _all_or_nothing(out, listed, created, parts=parts, handles=handles):
        for chunk in chunks:
            for name, frame in _conformed(chunk).items():
                if name not in temps:
                    final = out / f"{name}.{format}"
                    temps[name] = (out / f".{final.name}.{token}.tmp", final)
                    listed.append(temps[name])
                if format == "csv":
                    first = name not in handles
                    if first:
                        handles[name] = open(temps[name][0], "wb")  # noqa: SIM115 - closed by _all_or_nothing
                    frame.write_csv(handles[name], date_format="%Y-%m-%d", null_value="", include_header=first)
                else:
                    part = out / f".{name}.{token}.{len(parts.setdefault(name, []))}.part.parquet"
                    parts[name].append(part)
                    frame.write_parquet(part)
        for handle in handles.values():
            handle.close()
        for name, files in parts.items():
            if len(files) == 1:
                os.replace(files[0], temps[name][0])
            else:
                pl.scan_parquet(files).sink_parquet(temps[name][0])
            for file in files:
                file.unlink(missing_ok=True)
    return [temps[name][1] for name in TABLE_ORDER if name in temps]


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise ExchangeWriteError(f"unknown export format {format!r}: use 'csv', 'parquet' or 'xlsx'")


def _conformed(tables: Mapping[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
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
    return frames


def _target(out: Path) -> Path | None:
    if out.exists() and not out.is_dir():
        raise ExchangeWriteError(f"cannot write the export into {out}: it is a file, not a folder")
    return _make_dir(out)


@contextmanager
def _all_or_nothing(out: Path, temps: list[tuple[Path, Path]], created: Path | None, *,
                    parts: Mapping[str, list[Path]] | None = None,
                    handles: Mapping[str, IO[bytes]] | None = None) -> Iterator[None]:
    """Rename every temp file into place when the block succeeds; remove them all when it fails."""
    try:
        yield
        for temp, final in temps:
            os.replace(temp, final)
    except BaseException as exc:
        for handle in (handles or {}).values():
            handle.close()
        _clean_up([*temps, *((p, p) for files in (parts or {}).values() for p in files)], created)
        if isinstance(exc, OSError):
            raise ExchangeWriteError(f"cannot write the export into {out}: {exc.strerror or exc}") from None
        raise


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
