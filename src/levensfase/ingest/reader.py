"""Read an exchange import (a folder of CSV files, one CSV, or an XLSX workbook) and validate it.

`read_exchange` never raises for bad input: everything wrong becomes a `Problem`, all at once, so a
user fixes a file in one round instead of one error per upload. Foreign exports go through a
mapping profile (`mapping.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polars as pl

from levensfase.ingest.consistency import check_assignments, check_references
from levensfase.ingest.mapping import Profile, ProfileError, apply_profile, load_profile, snapshot_notes
from levensfase.ingest.problems import Problem, ReadResult, problem, sort_problems
from levensfase.ingest.sources import ROW, RawFrame, read_csv_file, read_workbook
from levensfase.ingest.validation import Parsed, RawTable, check_values, parse_table, typed_table
from levensfase.model.schema import TABLE_ORDER, TABLES

_XLSX = (".xlsx", ".xlsm")


class _Notes:
    def __init__(self) -> None:
        self.nl: list[str] = []
        self.en: list[str] = []

    def add(self, nl: str, en: str) -> None:
        self.nl.append(nl)
        self.en.append(en)


def read_exchange(path: Path, *, mapping: Path | None = None,
                  existing: Mapping[str, pl.DataFrame] | None = None) -> ReadResult:
    """Read and validate an import; `existing` (stored tables) resolves references to absent tables."""
    path = Path(path)
    notes = _Notes()
    if not path.exists():
        return ReadResult({}, [problem("not_found", file=path.name, value=str(path))])
    if mapping is not None:
        try:
            profile = load_profile(Path(mapping))
        except ProfileError as exc:
            return ReadResult({}, [problem("bad_profile", file=Path(mapping).name, detail=str(exc))])
        raws, problems = _read_mapped(path, profile)
        nl, en = snapshot_notes(profile)
        notes.nl += nl
        notes.en += en
    else:
        raws, problems = _read_plain(path, notes)
    if not raws and not problems:
        problems.append(problem("no_tables", file=path.name))
    tables, more = validate_raw(raws, existing=existing)
    return ReadResult(tables, sort_problems(problems + more), notes.nl, notes.en)


def validate_raw(raws: list[RawTable], *,
                 existing: Mapping[str, pl.DataFrame] | None = None) -> tuple[dict[str, pl.DataFrame], list[Problem]]:
    """Parse raw tables to schema dtypes and run every check, within and across tables."""
    problems: list[Problem] = []
    parsed: dict[str, Parsed] = {}
    for raw in sorted(raws, key=lambda r: TABLE_ORDER.index(r.name)):
        table, found = parse_table(raw)
        parsed[raw.name] = table
        problems += found + check_values(table)
    problems += check_references(parsed, existing=existing)
    if "assignments" in parsed:
        problems += check_assignments(parsed["assignments"])
    return {name: typed_table(p) for name, p in parsed.items()}, problems


def validate_tables(tables: Mapping[str, pl.DataFrame], *,
                    existing: Mapping[str, pl.DataFrame] | None = None) -> list[Problem]:
    """Run the value and cross-table checks on typed tables (e.g. a generated or stored Workforce).

    Rows are numbered as they would be in the written CSV (first data row = 2).
    """
    problems: list[Problem] = []
    parsed: dict[str, Parsed] = {}
    for name in TABLE_ORDER:
        if name not in tables:
            continue
        frame = tables[name].with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
        parsed[name] = Parsed(name, TABLES[name].filename, frame)
        problems += check_values(parsed[name])
    problems += check_references(parsed, existing=existing)
    if "assignments" in parsed:
        problems += check_assignments(parsed["assignments"])
    return sort_problems(problems)


def _as_raw(name: str, source: RawFrame, notes: _Notes) -> RawTable:
    known = set(TABLES[name].column_names)
    for column in source.frame.columns:
        if column != ROW and column not in known:
            notes.add(f"{source.file}: onbekende kolom '{column}' wordt genegeerd.",
                      f"{source.file}: unknown column '{column}' is ignored.")
    return RawTable(name, source.file, source.frame.select(ROW, *[c for c in source.frame.columns if c in known]))


def _read_plain(path: Path, notes: _Notes) -> tuple[list[RawTable], list[Problem]]:
    raws: list[RawTable] = []
    problems: list[Problem] = []
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        for file in files:
            if file.stem not in TABLES:
                notes.add(f"Bestand {file.name} is geen uitwisselbestand en wordt genegeerd.",
                          f"File {file.name} is not an exchange file and is ignored.")
                continue
            source, found = read_csv_file(file)
            problems += found
            if source is not None:
                raws.append(_as_raw(file.stem, source, notes))
    elif path.suffix.lower() in _XLSX:
        sheets, problems = read_workbook(path)
        for sheet, source in sheets.items():
            if sheet in TABLES:
                raws.append(_as_raw(sheet, source, notes))
            else:
                notes.add(f"Tabblad {sheet} is geen uitwisseltabel en wordt genegeerd.",
                          f"Sheet {sheet} is not an exchange table and is ignored.")
        problems = [p for p in problems if p.file.split(":", 1)[-1] in TABLES or p.code == "bad_workbook"]
    elif path.stem in TABLES:
        source, problems = read_csv_file(path)
        if source is not None:
            raws.append(_as_raw(path.stem, source, notes))
    else:
        problems.append(problem("needs_mapping", file=path.name))
    return raws, problems


def _read_mapped(path: Path, profile: Profile) -> tuple[list[RawTable], list[Problem]]:
    problems: list[Problem] = []
    sources: dict[str, RawFrame] = {}
    sheets: dict[str, RawFrame] | None = None
    if path.suffix.lower() in _XLSX:
        sheets, problems = read_workbook(path)
        if not sheets:
            return [], problems
    single = len({t.formats.source for t in profile.tables.values()}) == 1
    for table in profile.tables.values():
        fmt = table.formats
        key = fmt.source or ""
        if key in sources:
            continue
        if sheets is not None:
            found = sheets.get(key) if key else next(iter(sheets.values()))
            if found is None:
                problems.append(problem("missing_source", file=path.name, detail=repr(key)))
            else:
                sources[key] = found
            continue
        if path.is_dir():
            file = path / key if key else None
        else:
            file = path if single or key == path.name else path.parent / key  # one source: any file name
        if file is None or not file.is_file():
            problems.append(problem("missing_source", file=path.name, detail=repr(key)))
            continue
        source, found = read_csv_file(file, delimiter=fmt.delimiter, encoding=fmt.encoding)
        problems += found
        if source is not None:
            sources[key] = source
    raws, more = apply_profile(profile, sources)
    return raws, problems + more
