"""Read a large, regular CSV exchange file in slices of rows, typing each slice as it comes.

At a sector's size (surveys: 52 million rows, 1,7 GB) the whole-file path holds the file's bytes,
its text frame, the stripped text and the typed frame side by side. Here each slice of lines is
split, typed and checked alone and only its typed rows are kept, so the text of one slice at a
time is in memory. This is only a shortcut for clean files: as soon as a slice is not provably
regular or any value check finds a problem, the caller reads the file whole (`sources`,
`validation.parse_table`), so every problem is reported exactly as before, quoting the text the
user typed. Every check here is row by row, so typing slice by slice gives the rows the whole
file would give.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from levensfase.ingest.problems import Problem
from levensfase.ingest.sources import ROW, _finish, _header, line_count, plain_lines, plain_start
from levensfase.ingest.validation import Parsed, RawTable, parse_table
from levensfase.model.schema import TABLES

SLICE_BYTES = 16 * 1024 * 1024  # text of one slice; a file no larger is read whole


@dataclass(frozen=True)
class Sliced:
    """A table typed slice by slice (no text kept), and how to read it whole when a later check
    finds a problem (its message quotes the text as typed, which only the whole read keeps)."""

    parsed: Parsed
    whole: Callable[[], tuple[RawTable | None, list[Problem]]]


def read_sliced(path: Path, name: str, *, keep: frozenset[str],
                slice_bytes: int | None = None) -> tuple[Parsed, list[str]] | None:
    """The typed table of a clean, regular UTF-8 CSV file larger than one slice, and the header's
    unknown columns; None whenever the whole-file path is needed (small, irregular, or any problem)."""
    size = slice_bytes or SLICE_BYTES
    if path.is_symlink() or not path.is_file() or path.stat().st_size <= size:
        return None
    try:
        chunks = _line_chunks(path, size)
        first = next(chunks, None)
        if first is None or not plain_start(first):
            return None
        split = first.find(b"\n")
        header = (first if split < 0 else first[:split]).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    names, problems = _header(header.removesuffix("\r").split(","), file=path.name)
    width = header.count(",") + 1
    if problems or width < 2:
        return None
    known = set(TABLES[name].column_names)
    typed: list[pl.DataFrame] = []
    row = 1  # the line before the slice's first line (header = line 1)
    previous_ended = True
    try:
        for i, chunk in enumerate(itertools.chain([first], chunks)):
            if not _regular(chunk, width=width, after_newline=previous_ended and i > 0):
                return None
            lines = line_count(chunk)
            text = _split(chunk, width=width, lines=lines)
            if text is None:
                return None
            if i == 0:
                text = text.slice(1)
            body = text.with_row_index(ROW, offset=row + 1).with_columns(pl.col(ROW).cast(pl.Int64))
            row += lines - (1 if i == 0 else 0)
            body = body.with_columns(pl.col(f"__c{width - 1}").str.strip_suffix("\r"))
            source = _finish(body, names, file=path.name, keep=keep)
            raw = RawTable(name, source.file, source.frame.select(ROW, *[c for c in source.frame.columns if c in known]),
                           unstripped=source.unstripped & known)
            del text, body, source
            parsed, found = parse_table(raw)
            if found:
                return None
            typed.append(parsed.frame)
            previous_ended = chunk.endswith(b"\n")
    except OSError:
        return None
    frame = pl.concat(typed, how="vertical", rechunk=False)
    unknown = [c for c in names if c and c != ROW and c not in known]
    return Parsed(name, path.name, frame), list(dict.fromkeys(unknown))


def _line_chunks(path: Path, size: int) -> Iterator[bytes]:
    """The file's bytes in pieces of about `size`, each ending at the end of a line (the last
    piece: wherever the file ends)."""
    rest = b""
    with path.open("rb") as handle:
        while block := handle.read(size):
            data = rest + block
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            rest = data[cut:]
            yield data[:cut]
    if rest:
        yield rest


def _regular(chunk: bytes, *, width: int, after_newline: bool) -> bool:
    """What `sources._regular_bytes` asks of a whole file, asked of one piece of it: no NUL,
    quote or blank line (also across the cut: a piece after a line end may not start with one),
    and every line holding exactly `width - 1` commas (counted, as there)."""
    if not plain_lines(chunk) or (after_newline and chunk.startswith((b"\n", b"\r\n"))):
        return False
    return chunk.count(b",") == line_count(chunk) * (width - 1)


def _split(chunk: bytes, *, width: int, lines: int) -> pl.DataFrame | None:
    """The piece's fields as text columns `__c0…`, one row per line, or None when Polars reads
    anything else (invalid UTF-8, a ragged line)."""
    try:
        frame = pl.read_csv(chunk, has_header=False, separator=",", quote_char=None, infer_schema=False,
                            new_columns=[f"__c{i}" for i in range(width)], raise_if_empty=False)
    except pl.exceptions.PolarsError:
        return None
    return frame if frame.height == lines else None
