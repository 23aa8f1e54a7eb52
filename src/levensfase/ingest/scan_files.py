"""Read the social-innovation scan's files: `scan_responses.csv` and `unit_kpis.csv` (DESIGN §3 v1.2).

From an exchange folder (or one of those CSV files, or an XLSX workbook with sheets of those names),
or from a survey tool's export through a mapping profile (`[tables.scan_responses]`, long or wide
like survey imports). Everything wrong is reported at once as `Problem`s; nothing raises for bad
input. Whether answers fit the questionnaire (items, the 1–5 scale) is checked by `scan.responses`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from levensfase.ingest.mapping import ProfileError, load_profile
from levensfase.ingest.problems import Problem, cap_problems, problem, sort_problems
from levensfase.ingest.reader import _read_mapped
from levensfase.ingest.sources import ROW, RawFrame, read_csv_file, read_workbook
from levensfase.ingest.validation import RawTable, check_values, parse_table
from levensfase.model.schema import SCAN_TABLES

__all__ = ["ScanFiles", "read_scan_files"]


@dataclass(frozen=True)
class ScanFiles:
    """The scan tables found (name → frame with the exchange dtypes) and every problem."""

    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def responses(self) -> pl.DataFrame | None:
        return self.tables.get("scan_responses")

    @property
    def kpis(self) -> pl.DataFrame | None:
        return self.tables.get("unit_kpis")


def _raw(name: str, source: RawFrame) -> RawTable:
    known = set(SCAN_TABLES[name].column_names)
    return RawTable(name, source.file, source.frame.select(ROW, *[c for c in source.frame.columns if c in known]))


def _plain(path: Path, table: str | None) -> tuple[list[RawTable], list[Problem]]:
    raws, problems = [], []
    if table is not None and path.is_file() and path.suffix.lower() not in (".xlsx", ".xlsm"):
        source, problems = read_csv_file(path)
        return ([] if source is None else [_raw(table, source)]), problems
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets, problems = read_workbook(path)
        return [_raw(name, s) for name, s in sheets.items() if name in SCAN_TABLES], [
            p for p in problems if p.file.split(":", 1)[-1] in SCAN_TABLES or p.code == "bad_workbook"]
    files = [path] if path.is_file() else [path / SCAN_TABLES[n].filename for n in SCAN_TABLES]
    for file in files:
        if file.stem not in SCAN_TABLES:
            problems.append(problem("needs_mapping", file=file.name))
            continue
        if not file.exists():
            continue
        source, found = read_csv_file(file)
        problems += found
        if source is not None:
            raws.append(_raw(file.stem, source))
    return raws, problems


def read_scan_files(path: Path, *, mapping: Path | None = None, table: str | None = None) -> ScanFiles:
    """The scan tables of `path` (absent files are simply absent: both are optional). `table`: read
    one CSV file as that table (scan_responses or unit_kpis) whatever its name."""
    path = Path(path)
    if not path.exists():
        return ScanFiles(problems=[problem("not_found", file=path.name, value=str(path))])
    if mapping is not None:
        try:
            profile = load_profile(Path(mapping))
        except ProfileError as exc:
            return ScanFiles(problems=[problem("bad_profile", file=Path(mapping).name, detail=str(exc))])
        raws, problems = _read_mapped(path, profile)
        raws = [r for r in raws if r.name in SCAN_TABLES]
    else:
        raws, problems = _plain(path, table)
    tables: dict[str, pl.DataFrame] = {}
    for raw in raws:
        parsed, found = parse_table(raw)
        problems += found + check_values(parsed)
        spec = SCAN_TABLES[raw.name]
        frame = parsed.frame
        tables[raw.name] = frame.select(
            pl.col(c.name).cast(c.dtype) if c.name in frame.columns else pl.lit(None, c.dtype).alias(c.name)
            for c in spec.columns)
    return ScanFiles(tables, sort_problems(cap_problems(problems)))


def write_scan_files(folder: Path, *, responses: pl.DataFrame, kpis: pl.DataFrame,
                     programmes_toml: str | None = None) -> list[Path]:
    """Write scan_responses.csv, unit_kpis.csv (and programmes.toml) into an existing folder, each
    through a temporary file renamed into place. Raises OSError when the folder is not writable."""
    written = []
    for name, frame in (("scan_responses", responses), ("unit_kpis", kpis)):
        target = folder / SCAN_TABLES[name].filename
        temporary = folder / f".{target.name}.tmp"
        frame.select(SCAN_TABLES[name].column_names).write_csv(temporary, date_format="%Y-%m-%d")
        temporary.replace(target)
        written.append(target)
    if programmes_toml is not None:
        target = folder / "programmes.toml"
        temporary = folder / ".programmes.toml.tmp"
        temporary.write_text(programmes_toml, encoding="utf-8")
        temporary.replace(target)
        written.append(target)
    return written
