"""Read an exchange import (a folder of CSV or Parquet files, one such file, or an XLSX workbook) and
validate it.

`read_exchange` never raises for bad input: everything wrong becomes a `Problem`, all at once, so a
user fixes a file in one round instead of one error per upload. Foreign exports go through a
mapping profile (`mapping.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from levensfase.ingest.consistency import (
    REFERENCED,
    Known,
    births,
    check_assignments,
    check_references,
    check_table_references,
    check_working_age,
    known_keys,
)
from levensfase.ingest.mapping import Profile, ProfileError, apply_profile, load_profile, snapshot_notes
from levensfase.ingest.parquet_typed import read_parquet_typed
from levensfase.ingest.problems import Problem, ReadResult, cap_problems, problem, sort_problems
from levensfase.ingest.slices import Sliced, read_sliced
from levensfase.ingest.sources import ROW, RawFrame, read_csv_file, read_parquet_file, read_workbook
from levensfase.ingest.validation import Parsed, RawTable, check_lengths, check_values, parse_table, typed_table
from levensfase.model.schema import SCAN_TABLES, TABLE_ORDER, TABLES

_XLSX = (".xlsx", ".xlsm")
_TYPED = ("date", "int", "float", "bool", "enum")  # kinds whose parsing refuses surrounding spaces
_TABLE_FILES = (".csv", ".parquet")  # a folder's exchange files: CSV, or Parquet (the sector-scale twin)
Limits = Mapping[str, Mapping[str, int]]  # table -> column -> the longest text the destination stores

# The tables others refer to first, so each table's references resolve against tables already
# read. Then the rest by how long reading takes next to storing, surveys (slowest to read and
# prepare) last: an import stores one table while the next is read, and waits least in this
# order (a two-stage flow shop; Johnson's rule).
READ_ORDER = ("units", "jobs", "people", "skills", "job_skills", "life_events", "conversations", "assignments",
              "arrangements", "absences", "person_skills", "surveys")


class _Notes:
    def __init__(self) -> None:
        self.nl: list[str] = []
        self.en: list[str] = []

    def add(self, nl: str, en: str) -> None:
        self.nl.append(nl)
        self.en.append(en)


@dataclass(frozen=True)
class Checked:
    """One table of an import, read and checked: its frame (None when unreadable) and its problems."""

    name: str
    frame: pl.DataFrame | None
    problems: list[Problem]
    columns: tuple[str, ...] | None = None  # the exchange columns the file carried (None: all of them)


class Exchange:
    """An import opened for reading table by table, the tables others refer to first (READ_ORDER).

    Opening lists the tables (a workbook or a mapped export is read whole then: it comes as one);
    each CSV file of a folder is read only when its turn comes, so a caller can store one table
    while the next is read and checked. `problems` holds what was found on opening.
    """

    def __init__(self, *, readers: Mapping[str, Callable[[], tuple[RawTable | Sliced | None, list[Problem]]]],
                 problems: list[Problem], notes: _Notes, no_tables: Problem | None = None) -> None:
        self.names = [n for n in READ_ORDER if n in readers]
        self.problems = problems
        self.notes = notes
        self._readers = readers
        self._no_tables = no_tables

    @classmethod
    def of_raws(cls, raws: list[RawTable], *, problems: list[Problem] | None = None,
                notes: _Notes | None = None, no_tables: Problem | None = None) -> Exchange:
        readers = {raw.name: (lambda raw=raw: (raw, [])) for raw in raws}
        return cls(readers=readers, problems=list(problems or []), notes=notes or _Notes(), no_tables=no_tables)

    def tables(self, *, existing: Mapping[str, pl.DataFrame] | None = None,
               limits: Limits | None = None) -> Iterator[Checked]:
        """Read, parse and check each table in turn; references resolve against the tables before
        it in this import, else `existing` (the stored tables). `limits`: the longest text each
        column may hold where the data go (table -> column -> characters)."""
        known: dict[str, Known] = {}
        born = births((existing or {}).get("people"), "people (opgeslagen/stored)")
        for name in self.names:
            raw, problems = self._readers[name]()
            values: list[Problem] | None = None
            if isinstance(raw, Sliced):  # typed slice by slice and clean so far
                parsed, found, values = raw.parsed, [], check_values(raw.parsed)
                if values:  # the messages quote the text as typed: read the file whole
                    raw, problems = raw.whole()
            if raw is None:
                yield Checked(name, None, cap_problems(problems))
                continue
            if not isinstance(raw, Sliced):
                parsed, found = parse_table(raw)
                values = check_values(parsed)
            problems = problems + found + values + check_lengths(parsed, (limits or {}).get(name, {}))
            if name in REFERENCED:
                known[name] = (known_keys(parsed), parsed.file)
            problems += check_table_references(parsed, known=known, existing=existing)
            if name == "people":
                born = births(parsed.frame, parsed.file)
            if name == "assignments":
                problems += check_assignments(parsed) + check_working_age(parsed, born)
            carried = tuple(c for c in parsed.frame.columns if c != ROW)
            yield Checked(name, typed_table(parsed), cap_problems(problems), carried)

    def read(self, *, existing: Mapping[str, pl.DataFrame] | None = None, limits: Limits | None = None) -> ReadResult:
        """Every table at once, with every problem (sorted as the files read)."""
        tables, problems = {}, cap_problems(self.problems)
        for checked in self.tables(existing=existing, limits=limits):
            problems += checked.problems
            if checked.frame is not None:
                tables[checked.name] = checked.frame
        if not self.names and not problems and self._no_tables is not None:
            problems.append(self._no_tables)
        return ReadResult(tables, sort_problems(problems), self.notes.nl, self.notes.en)


def open_exchange(path: Path, *, mapping: Path | None = None) -> Exchange:
    """Open an import (folder of CSV files, one CSV, an XLSX workbook, or a foreign export with
    `mapping`) for `Exchange.tables` / `Exchange.read`; never raises for bad input."""
    path = Path(path)
    notes = _Notes()
    if not path.exists():
        return Exchange.of_raws([], problems=[problem("not_found", file=path.name, value=str(path))])
    no_tables = problem("no_tables", file=path.name)
    if mapping is None:
        if path.is_dir() or (path.suffix.lower() not in _XLSX and path.stem in TABLES):
            return Exchange(readers=_table_readers(path, notes), problems=[], notes=notes, no_tables=no_tables)
        raws, problems = _read_plain(path, notes)
        return Exchange.of_raws(raws, problems=problems, notes=notes, no_tables=no_tables)
    try:
        profile = load_profile(Path(mapping))
    except ProfileError as exc:
        return Exchange.of_raws([], problems=[problem("bad_profile", file=Path(mapping).name, detail=str(exc))])
    raws, problems = _read_mapped(path, profile)
    nl, en = snapshot_notes(profile)
    notes.nl += nl
    notes.en += en
    return Exchange.of_raws(raws, problems=problems, notes=notes, no_tables=no_tables)


def read_exchange(path: Path, *, mapping: Path | None = None,
                  existing: Mapping[str, pl.DataFrame] | None = None) -> ReadResult:
    """Read and validate an import; `existing` (stored tables) resolves references to absent tables."""
    return open_exchange(path, mapping=mapping).read(existing=existing)


def validate_raw(raws: list[RawTable], *,
                 existing: Mapping[str, pl.DataFrame] | None = None) -> tuple[dict[str, pl.DataFrame], list[Problem]]:
    """Parse raw tables to schema dtypes and run every check, within and across tables."""
    result = Exchange.of_raws(raws).read(existing=existing)
    return result.tables, result.problems


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
        people = parsed.get("people")
        born = (births(people.frame, people.file) if people is not None
                else births((existing or {}).get("people"), "people (opgeslagen/stored)"))
        problems += check_assignments(parsed["assignments"]) + check_working_age(parsed["assignments"], born)
    return cap_problems(problems)


def _table_readers(path: Path, notes: _Notes, *,
                   sliced: bool = True) -> dict[str, Callable[[], tuple[RawTable | Sliced | None, list[Problem]]]]:
    """A reader per exchange file (CSV or Parquet) of a folder, or the one file, each run when its
    turn comes. A table present both as CSV and as Parquet is refused: which one is meant?"""
    if path.is_file():
        files = [path]
    else:
        files = sorted(p for p in path.iterdir()
                       if (p.is_file() or p.is_symlink()) and p.suffix.lower() in _TABLE_FILES)
    readers: dict[str, Callable[[], tuple[RawTable | Sliced | None, list[Problem]]]] = {}
    seen: dict[str, Path] = {}
    for file in files:
        if file.stem in SCAN_TABLES:  # read by `levensfase scan` (scan.files), not by an HR import
            continue
        if file.stem not in TABLES:
            notes.add(f"Bestand {file.name} is geen uitwisselbestand en wordt genegeerd.",
                      f"File {file.name} is not an exchange file and is ignored.")
            continue
        if file.stem in seen:
            both = f"{seen[file.stem].name}, {file.name}"
            readers[file.stem] = lambda both=both, file=file: (None, [problem("two_sources", file=file.stem,
                                                                              detail=both)])
            continue
        seen[file.stem] = file
        read = _read_table_file if sliced else _read_whole_file
        readers[file.stem] = lambda file=file, read=read: read(file, notes)
    return readers


def _typed_columns(file: Path) -> frozenset[str]:
    return frozenset(c.name for c in TABLES[file.stem].columns if c.kind in _TYPED)  # left unstripped (`_finish`)


def _read_table_file(file: Path, notes: _Notes) -> tuple[RawTable | Sliced | None, list[Problem]]:
    """A large clean CSV typed slice by slice (`slices`), a clean Parquet file typed as it stands
    (`parquet_typed`), anything else read whole."""
    suffix = file.suffix.lower()
    found = (read_sliced(file, file.stem, keep=_typed_columns(file)) if suffix == ".csv"
             else read_parquet_typed(file, file.stem) if suffix == ".parquet" else None)
    if found is not None:
        parsed, unknown = found
        for column in unknown:
            notes.add(f"{file.name}: onbekende kolom '{column}' wordt genegeerd.",
                      f"{file.name}: unknown column '{column}' is ignored.")
        return Sliced(parsed, lambda: _read_whole_file(file, _Notes())), []  # its notes are made already
    return _read_whole_file(file, notes)


def _read_whole_file(file: Path, notes: _Notes) -> tuple[RawTable | None, list[Problem]]:
    typed = _typed_columns(file)
    if file.suffix.lower() == ".parquet":
        source, problems = read_parquet_file(file, keep=typed)
    else:
        source, problems = read_csv_file(file, keep=typed)
    return (None if source is None else _as_raw(file.stem, source, notes)), problems


def _as_raw(name: str, source: RawFrame, notes: _Notes) -> RawTable:
    known = set(TABLES[name].column_names)
    for column in source.frame.columns:
        if column != ROW and column not in known:
            notes.add(f"{source.file}: onbekende kolom '{column}' wordt genegeerd.",
                      f"{source.file}: unknown column '{column}' is ignored.")
    return RawTable(name, source.file, source.frame.select(ROW, *[c for c in source.frame.columns if c in known]),
                    unstripped=source.unstripped & known)


def _read_plain(path: Path, notes: _Notes) -> tuple[list[RawTable], list[Problem]]:
    """Every table of an import without a profile, read at once."""
    raws: list[RawTable] = []
    problems: list[Problem] = []
    if path.is_dir() or (path.suffix.lower() not in _XLSX and path.stem in TABLES):
        for read in _table_readers(path, notes, sliced=False).values():
            raw, found = read()
            problems += found
            raws += [raw] if raw is not None else []
    elif path.suffix.lower() in _XLSX:
        sheets, problems = read_workbook(path)
        for sheet, source in sheets.items():
            if sheet in TABLES:
                raws.append(_as_raw(sheet, source, notes))
            elif sheet not in SCAN_TABLES:
                notes.add(f"Tabblad {sheet} is geen uitwisseltabel en wordt genegeerd.",
                          f"Sheet {sheet} is not an exchange table and is ignored.")
        problems = [p for p in problems if p.file.split(":", 1)[-1] in TABLES or p.code == "bad_workbook"]
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
