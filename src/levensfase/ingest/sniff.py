"""Guess how a foreign export is written: encoding, delimiter, decimal comma and date format.

Dutch HRIS systems and Excel-NL write CSV with semicolons, decimal commas, dd-mm-jjjj dates and
Windows-1252, where the exchange format expects commas, points, ISO dates and UTF-8. The mapping
builder pre-fills its format choices from these guesses, and a failed plain upload that shows
these signs is pointed to the builder instead of leaving the user with a list of bad dates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from levensfase.ingest.proposals import DUTCH_COLUMN_NAMES, DUTCH_VALUE_WORDS, normalise
from levensfase.ingest.sources import ROW, RawFrame, parse_csv_text, read_workbook
from levensfase.ingest.validation import ISO_DATE

_XLSX = (".xlsx", ".xlsm")
DELIMITERS = (";", ",", "\t", "|")
SAMPLE_LINES = 50  # enough lines to see a consistent delimiter, few enough to stay instant
SAMPLE_ROWS = 500  # cells looked at for numbers and dates
HEAD_BYTES = 256 * 1024  # sniffing reads this much of a file: a hint must not cost a full read
DATE_PATTERNS: dict[str, re.Pattern[str]] = {
    ISO_DATE: re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "%d-%m-%Y": re.compile(r"^\d{1,2}-\d{1,2}-\d{4}$"),
    "%d/%m/%Y": re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$"),
    "%d.%m.%Y": re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$"),
}
_COMMA_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$")
_POINT_NUMBER = re.compile(r"^[+-]?\d+\.\d+$")

# Signals that an export was written by a Dutch system or Excel-NL (codes; the web app words them).
SEMICOLON, DECIMAL_COMMA, DUTCH_DATES, WINDOWS_1252, DUTCH_COLUMNS, DUTCH_VALUES = (
    "semicolon", "decimal_comma", "dutch_dates", "windows_1252", "dutch_columns", "dutch_values")


@dataclass(frozen=True)
class SniffedFormat:
    """The formats of one source, as a mapping profile names them (see mapping.Formats)."""

    encoding: str = "utf-8"
    delimiter: str = ","
    decimal_comma: bool = False
    date_format: str = ISO_DATE


def sniff_encoding(data: bytes) -> str:
    """UTF-8 when the bytes decode as UTF-8 (a BOM is fine), else Windows-1252 (Excel-NL's ANSI)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header into most columns and every sampled line alike.

    A quoted field may hide a delimiter, so lines are scored by how many agree with the header
    rather than requiring all of them to."""
    lines = [line for line in text.splitlines()[:SAMPLE_LINES] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        width = lines[0].count(delimiter)
        if width == 0:
            continue
        agreeing = sum(1 for line in lines if line.count(delimiter) == width)
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _cells(frame: pl.DataFrame) -> list[str]:
    head = frame.head(SAMPLE_ROWS).drop(ROW, strict=False)
    return [v for column in head.columns for v in head[column].to_list() if v is not None]


def sniff_decimal_comma(cells: Iterable[str]) -> bool:
    """True when more numbers are written 0,8 (or 1.234,5) than 0.8."""
    comma = point = 0
    for cell in cells:
        if _COMMA_NUMBER.match(cell):
            comma += 1
        elif _POINT_NUMBER.match(cell):
            point += 1
    return comma > point


def sniff_date_format(cells: Iterable[str]) -> str:
    """The date pattern most cells follow (ISO when no cell looks like a date)."""
    counts: Counter[str] = Counter()
    for cell in cells:
        for fmt, pattern in DATE_PATTERNS.items():
            if pattern.match(cell):
                counts[fmt] += 1
                break
    return counts.most_common(1)[0][0] if counts else ISO_DATE


def sniff_frame(frame: pl.DataFrame, *, encoding: str = "utf-8", delimiter: str = ",") -> SniffedFormat:
    cells = _cells(frame)
    return SniffedFormat(encoding, delimiter, sniff_decimal_comma(cells), sniff_date_format(cells))


def sniff_csv(data: bytes, *, file: str) -> tuple[SniffedFormat, RawFrame | None]:
    """The formats of a CSV export and its content read with them (None when unreadable)."""
    encoding = sniff_encoding(data)
    text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding, errors="replace")
    delimiter = sniff_delimiter(text)
    raw, _ = parse_csv_text(text, file=file, delimiter=delimiter)
    if raw is None:
        return SniffedFormat(encoding, delimiter), None
    return sniff_frame(raw.frame, encoding=encoding, delimiter=delimiter), raw


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first `size` bytes of a file, cut after its last complete line when it is longer."""
    with Path(path).open("rb") as file:
        data = file.read(size + 1)
    if len(data) <= size:
        return data
    return data[: data.rfind(b"\n", 0, size) + 1] or data[:size]


def read_sources(path: Path) -> list[tuple[SniffedFormat, RawFrame]]:
    """Every CSV (of a folder, or the one file: its head) or every sheet of a workbook, sniffed and read."""
    if path.is_file() and path.suffix.lower() in _XLSX:
        sheets, _ = read_workbook(path)
        return [(sniff_frame(raw.frame), raw) for raw in sheets.values()]
    files = [path] if path.is_file() else sorted(p for p in path.glob("*.csv") if p.is_file()) if path.is_dir() else []
    found = []
    for file in files:
        try:
            data = read_head(file)
        except OSError:
            continue
        sniffed, raw = sniff_csv(data, file=file.name)
        if raw is not None:
            found.append((sniffed, raw))
    return found


def dutch_export_signals(path: Path) -> list[str]:
    """The signs (codes above) that an upload is a Dutch export rather than the exchange format."""
    signals: set[str] = set()
    for sniffed, raw in read_sources(Path(path)):
        if sniffed.delimiter == ";":
            signals.add(SEMICOLON)
        if sniffed.decimal_comma:
            signals.add(DECIMAL_COMMA)
        if sniffed.date_format != ISO_DATE:
            signals.add(DUTCH_DATES)
        if sniffed.encoding == "cp1252":
            signals.add(WINDOWS_1252)
        if any(normalise(c) in DUTCH_COLUMN_NAMES for c in raw.frame.columns):
            signals.add(DUTCH_COLUMNS)
        if any(normalise(v) in DUTCH_VALUE_WORDS for v in _cells(raw.frame)):
            signals.add(DUTCH_VALUES)
    order = (SEMICOLON, DECIMAL_COMMA, DUTCH_DATES, WINDOWS_1252, DUTCH_COLUMNS, DUTCH_VALUES)
    return [s for s in order if s in signals]


def signals_say_dutch(signals: Iterable[str]) -> bool:
    """A Dutch sign beyond the encoding (é and ë occur in any export) is enough."""
    return bool(set(signals) - {WINDOWS_1252})


def looks_like_dutch_export(path: Path) -> bool:
    """True when a failed plain upload is most likely a Dutch export that needs a mapping profile."""
    return signals_say_dutch(dutch_export_signals(path))
