"""Turn the bytes of a CSV file, the columns of a Parquet file or the sheets of an XLSX workbook
into frames of raw strings.

Every cell stays a string here (stripped; empty = null) so that later checks can quote the exact
value a user typed and the row a spreadsheet shows it on (`__row`: header = 1). Unquoted CSV, the
common case for large exports, is split entirely inside Polars; files with quotes go through the
standard `csv` module, which understands quoted delimiters and line breaks.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import polars as pl

from levensfase.ingest.problems import MAX_LISTED, Problem, problem, with_count

ROW = "__row"
_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x1f\x8b")


@dataclass(frozen=True)
class RawFrame:
    """One source file or sheet: string columns named as in its header, plus `__row`."""

    file: str
    frame: pl.DataFrame
    unstripped: frozenset[str] = frozenset()  # columns read as they stand (`_finish`'s `keep`)


def decode(data: bytes, *, file: str, encoding: str = "utf-8",
           delimiter: str = ",") -> tuple[str | None, list[Problem]]:
    """Decode bytes; report binary content once, and each line with undecodable bytes or NUL
    characters (a NUL in the header, or a known binary signature, means binary content)."""
    if not data.strip():
        return None, [problem("empty_file", file=file)]
    codec_name = encoding.lower().replace("_", "-")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not codec_name.startswith("utf-16"):
        # Excel's "Unicode text": UTF-16, every other byte NUL; say so instead of "binary"
        return None, [problem("bad_encoding", file=file, row=1, value="UTF-16", detail=encoding)]
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data.split(b"\n", 1)[0]:
        return None, [problem("binary_file", file=file)]
    codec = "utf-8-sig" if codec_name in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(codec)
        problems = []
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        problems = _lines_with(text, "\ufffd", "bad_encoding", file=file, delimiter=delimiter, detail=encoding)
    except LookupError:
        return None, [problem("bad_profile", file=file, detail=f"unknown encoding {encoding!r}")]
    if "\x00" in text:
        return None, problems + _lines_with(text, "\x00", "nul_byte", file=file, delimiter=delimiter)
    return text, problems


def _lines_with(text: str, char: str, code: str, *, file: str, delimiter: str, **fill: object) -> list[Problem]:
    """A problem for each line holding `char` (the first MAX_LISTED, the rest counted), located
    by line number and by the header name of the field where it first occurs."""
    lines = pl.DataFrame({"line": text.split("\n")}).with_row_index(ROW, offset=1)
    bad = lines.filter(pl.col("line").str.contains(char, literal=True))
    header = [h.strip().lstrip("\ufeff") for h in lines["line"][0].removesuffix("\r").split(delimiter)]
    found = []
    for row, line in zip(bad[ROW].head(MAX_LISTED).to_list(), bad["line"].head(MAX_LISTED).to_list(), strict=True):
        field = line[: line.index(char)].count(delimiter)
        column = header[field] if field < len(header) else None
        found.append(problem(code, file=file, row=int(row), column=column, value=line.removesuffix("\r"), **fill))
    return with_count(found, bad.height)


def _header(names: list[str], *, file: str) -> tuple[list[str], list[Problem]]:
    cleaned = [n.strip() for n in names]
    problems, seen = [], set()
    if cleaned and cleaned[0].startswith("\ufeff"):
        problems.append(problem("stray_bom", file=file, row=1, column=cleaned[0].lstrip("\ufeff"),
                                value=cleaned[0]))
    if len(cleaned) == 1:
        for other in (";", "\t", "|"):
            if other in cleaned[0]:
                shown = {"\t": "tabs"}.get(other, f"'{other}'")
                problems.append(problem("wrong_delimiter", file=file, row=1, value=cleaned[0], detail=shown))
                break
    for name in cleaned:
        if name in seen:
            problems.append(problem("duplicate_column", file=file, row=1, column=name, value=name))
        seen.add(name)
    return cleaned, problems


def blank_to_null(name: str) -> pl.Expr:
    """A cell stripped of surrounding spaces, empty = null: how every exchange cell is read."""
    stripped = pl.col(name).str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped).alias(name)


def _field_count_problems(rows: pl.DataFrame, *, file: str, expected: int) -> list[Problem]:
    bad = rows.filter(pl.col("__n") != expected)
    found = [
        problem("wrong_field_count", file=file, row=int(r), detail=str(n), expected=expected)
        for r, n in zip(bad[ROW].head(MAX_LISTED).to_list(), bad["__n"].head(MAX_LISTED).to_list(), strict=True)
    ]
    return with_count(found, bad.height)


def parse_csv_text(text: str, *, file: str, delimiter: str = ",") -> tuple[RawFrame | None, list[Problem]]:
    """Split CSV text into a frame of stripped strings; report ragged rows and broken quoting."""
    if '"' in text:
        return _parse_quoted(text, file=file, delimiter=delimiter)
    regular = _parse_regular(text, file=file, delimiter=delimiter)
    if regular is not None:
        return regular
    lines = (
        pl.DataFrame({"line": pl.Series([text]).str.split("\n").explode()})
        .with_row_index(ROW, offset=1)
        .with_columns(pl.col("line").str.strip_suffix("\r"))
        .filter(pl.col("line").str.strip_chars() != "")
    )
    if lines.height == 0:
        return None, [problem("empty_file", file=file)]
    header_row = lines.row(0, named=True)
    names, problems = _header(header_row["line"].split(delimiter), file=file)
    body = lines.slice(1).with_columns(pl.col("line").str.split(delimiter).alias("__f"))
    body = body.with_columns(pl.col("__f").list.len().alias("__n"))
    problems += _field_count_problems(body, file=file, expected=len(names))
    frame = body.select(
        pl.col(ROW).cast(pl.Int64),
        *[pl.col("__f").list.get(i, null_on_oob=True).alias(f"__c{i}") for i in range(len(names))],
    )
    return _finish(frame, names, file=file), problems


def _parse_regular(text: str, *, file: str, delimiter: str) -> tuple[RawFrame | None, list[Problem]] | None:
    """The common case through Polars' own (parallel) CSV reader, or None when it may not apply.

    It applies when the file is provably regular: no blank line (so the n-th record is on line
    n) and exactly one delimiter count per line, which holds when the total count of delimiters
    matches and the reader, which refuses any line with too many fields, reads every line.
    """
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    first = text.split("\n", 1)[0]
    width = first.count(delimiter) + 1
    if (width < 2 or len(delimiter) != 1 or text.startswith(("\n", "\r\n")) or "\n\n" in text
            or "\n\r\n" in text or "\r\n\r\n" in text or text.count(delimiter) != lines * (width - 1)):
        return None
    return _read_regular(text.encode(), first=first, lines=lines, file=file, delimiter=delimiter)


def _read_regular(data: bytes, *, first: str, lines: int, file: str, delimiter: str,
                  keep: frozenset[str] = frozenset()) -> tuple[RawFrame | None, list[Problem]] | None:
    """Polars' reader on a file shown regular (header line `first`, `lines` lines); None if it reads
    anything else than one record per line."""
    width = first.count(delimiter) + 1
    try:
        frame = pl.read_csv(data, has_header=False, separator=delimiter, quote_char=None, infer_schema=False,
                            new_columns=[f"__c{i}" for i in range(width)], raise_if_empty=False)
    except pl.exceptions.PolarsError:
        return None
    if frame.height != lines:
        return None
    names, problems = _header(first.removesuffix("\r").split(delimiter), file=file)
    body = frame.slice(1).with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
    body = body.with_columns(pl.col(f"__c{width - 1}").str.strip_suffix("\r"))
    return _finish(body, names, file=file, keep=keep), problems


def _parse_quoted(text: str, *, file: str, delimiter: str) -> tuple[RawFrame | None, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    rows: list[int] = []
    line = 0
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if record and any(f.strip() for f in record):
                records.append(record)
                rows.append(start)
    except csv.Error:
        return None, [problem("bad_quoting", file=file, row=line + 1)]
    if not records:
        return None, [problem("empty_file", file=file)]
    names, problems = _header(records[0], file=file)
    counts = pl.DataFrame({ROW: rows[1:], "__n": [len(r) for r in records[1:]]}, schema={ROW: pl.Int64, "__n": pl.Int64})
    problems += _field_count_problems(counts, file=file, expected=len(names))
    width = len(names)
    columns = {f"__c{i}": [r[i] if i < len(r) else None for r in records[1:]] for i in range(width)}
    frame = pl.DataFrame({ROW: rows[1:], **columns}, schema={ROW: pl.Int64, **{k: pl.String for k in columns}})
    return _finish(frame, names, file=file), problems


def _finish(frame: pl.DataFrame, names: list[str], *, file: str, keep: frozenset[str] = frozenset()) -> RawFrame:
    """Give the positional columns their header names (first occurrence wins for duplicates); strip
    them, blank = null, except the columns in `keep` (typed columns, whose parsing refuses a space
    anyway: the caller strips them after all when a check fails, `validation.parse_table`)."""
    picked: dict[str, str] = {}
    for i, name in enumerate(names):
        if name and name not in picked and name != ROW:
            picked[name] = f"__c{i}"
    out = frame.select(pl.col(ROW), *[pl.col(src).alias(name) for name, src in picked.items()])
    kept = frozenset(n for n in picked if n in keep)
    return RawFrame(file=file, frame=out.with_columns(blank_to_null(n) for n in picked if n not in kept), unstripped=kept)


def read_csv_file(path: Path, *, file: str | None = None, delimiter: str = ",", encoding: str = "utf-8",
                  keep: frozenset[str] = frozenset()) -> tuple[RawFrame | None, list[Problem]]:
    """A CSV file as stripped strings (`keep`: columns left as read on the fast path, see `_finish`)."""
    label = file or path.name
    if path.is_symlink() or not path.is_file():  # a link may point anywhere, e.g. outside an upload
        return None, [problem("not_regular_file", file=label)]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [problem("not_found", file=label, value=str(exc))]
    if (regular := _regular_bytes(data, file=label, delimiter=delimiter, encoding=encoding, keep=keep)) is not None:
        return regular
    text, problems = decode(data, file=label, encoding=encoding, delimiter=delimiter)
    if text is None:
        return None, problems
    raw, more = parse_csv_text(text, file=label, delimiter=delimiter)
    return raw, problems + more


def _regular_bytes(data: bytes, *, file: str, delimiter: str, encoding: str,
                   keep: frozenset[str] = frozenset()) -> tuple[RawFrame | None, list[Problem]] | None:
    """`_parse_regular` on the bytes themselves, for a plain UTF-8 file (no byte-order mark, NUL or
    quote): no decoding to text and encoding back, which at a sector's size (gigabytes) cost more
    than the parsing. Polars refuses invalid UTF-8, so anything it reads is what `decode` would
    give; None whenever the file is not provably regular (the text path then says exactly why)."""
    if (encoding.lower().replace("_", "-") not in ("utf-8", "utf8") or len(delimiter) != 1 or not delimiter.isascii()
            or not plain_start(data) or not plain_lines(data)):
        return None
    lines = line_count(data)
    split = data.find(b"\n")
    try:
        first = (data if split < 0 else data[:split]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    width = first.count(delimiter) + 1
    if width < 2 or data.count(delimiter.encode()) != lines * (width - 1):
        return None
    return _read_regular(data, first=first, lines=lines, file=file, delimiter=delimiter, keep=keep)


def plain_start(data: bytes) -> bool:
    """The bytes start with text: no blank first line, byte-order mark or binary file's signature."""
    return bool(data[:1].strip()) and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", *_BINARY_MAGIC))


def plain_lines(data: bytes) -> bool:
    """No NUL, quote or blank line: every line splits on the delimiter alone (the fast paths ask it)."""
    return not (b"\x00" in data or b'"' in data or b"\n\n" in data or b"\n\r\n" in data)


def line_count(data: bytes) -> int:
    """Lines in `data`, the last one counted also without its line end."""
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def read_parquet_file(path: Path, *, file: str | None = None,
                      keep: frozenset[str] = frozenset()) -> tuple[RawFrame | None, list[Problem]]:
    """A Parquet exchange file as the strings its CSV twin would hold, so both read into the same
    frames through the same checks (dates as ISO text, booleans as true/false, numbers as digits)."""
    label = file or path.name
    if path.is_symlink() or not path.is_file():
        return None, [problem("not_regular_file", file=label)]
    try:
        frame = pl.read_parquet(path)
        text = frame.select(_as_text(name, dtype) for name, dtype in frame.schema.items())
    except (pl.exceptions.PolarsError, OSError) as exc:  # damaged, not Parquet, or a column with no text form
        return None, [problem("bad_parquet", file=label, detail=type(exc).__name__)]
    if text.width == 0:
        return None, [problem("empty_file", file=label)]
    names, problems = _header(text.columns, file=label)
    body = text.rename({c: f"__c{i}" for i, c in enumerate(text.columns)}).with_row_index(ROW, offset=2)
    return _finish(body.with_columns(pl.col(ROW).cast(pl.Int64)), names, file=label, keep=keep), problems


def _as_text(name: str, dtype: pl.DataType) -> pl.Expr:
    column = pl.col(name)
    if dtype == pl.Date:
        return column.dt.strftime("%Y-%m-%d").alias(name)
    if dtype == pl.Boolean:
        return pl.when(column).then(pl.lit("true")).when(~column).then(pl.lit("false")).alias(name)
    if isinstance(dtype, pl.Datetime):  # midnight is a date, as in a workbook (see _cell)
        midnight = column.dt.time() == pl.time(0)
        return pl.when(midnight).then(column.dt.strftime("%Y-%m-%d")).otherwise(
            column.dt.strftime("%Y-%m-%d %H:%M:%S")).alias(name)
    return column.cast(pl.String).alias(name)


def _cell(value: object) -> str | None:
    """Render an Excel cell as the text the exchange format would have in a CSV."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_workbook(path: Path) -> tuple[dict[str, RawFrame], list[Problem]]:
    """Every sheet of an XLSX workbook as a RawFrame keyed by sheet name."""
    from openpyxl import load_workbook  # only needed for workbooks

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file; all mean "unreadable"
        return {}, [problem("bad_workbook", file=path.name, detail=type(exc).__name__)]
    sheets: dict[str, RawFrame] = {}
    problems: list[Problem] = []
    try:
        for sheet in workbook.worksheets:
            label = f"{path.name}:{sheet.title}"
            rows, broken = _sheet_rows(sheet, label=label)
            problems += broken
            if not rows:
                if not broken:
                    problems.append(problem("empty_file", file=label))
                continue
            names, header_problems = _header([v or "" for v in rows[0][1]], file=label)
            problems += header_problems
            body = rows[1:]
            columns = {f"__c{i}": [r[i] if i < len(r) else None for _, r in body] for i in range(len(names))}
            frame = pl.DataFrame(
                {ROW: [i for i, _ in body], **columns}, schema={ROW: pl.Int64, **{k: pl.String for k in columns}}
            )
            sheets[sheet.title] = _finish(frame, names, file=label)
    except Exception as exc:  # the sheet list itself is damaged
        problems.append(problem("bad_workbook", file=path.name, detail=type(exc).__name__))
    finally:
        workbook.close()
    return sheets, problems


def _sheet_rows(sheet, *, label: str) -> tuple[list[tuple[int, list[str | None]]], list[Problem]]:
    """The non-blank rows of a sheet (row number, cells as text); a sheet whose XML breaks off or
    is damaged (openpyxl reads it lazily, so this shows only while reading) becomes a problem at
    the row where reading stopped."""
    rows: list[tuple[int, list[str | None]]] = []
    i = 0
    try:
        for i, r in enumerate(sheet.iter_rows(values_only=True), 1):
            cells = [_cell(v) for v in r]
            if any(v is not None and v.strip() for v in cells):
                rows.append((i, cells))
    except Exception as exc:  # lxml/ElementTree ParseError, zlib/zip errors, bad values: all "unreadable"
        return [], [problem("bad_workbook", file=label, row=i + 1, detail=type(exc).__name__)]
    return rows, []
