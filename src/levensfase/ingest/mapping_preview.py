"""Try a mapping profile on an export before saving it: the first translated rows of each exchange
table and every problem the import would report, per table.

The mapping builder shows this after each change, so an HR admin sees "Vast" become `permanent`
and a forgotten date format become a list of bad dates before anything is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from levensfase.ingest.mapping import Formats, Profile, apply_profile
from levensfase.ingest.problems import Problem, sort_problems
from levensfase.ingest.reader import Exchange, Limits
from levensfase.ingest.sources import RawFrame, read_csv_file, read_workbook

PREVIEW_ROWS = 20
HEALTH_TABLES = frozenset({"absences", "surveys", "life_events"})  # DESIGN §6: counts only, never values

_XLSX = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class TablePreview:
    """One exchange table as the profile makes it: its first rows (raw text, `__row` = source row)."""

    name: str
    rows: pl.DataFrame
    total: int
    problems: list[Problem] = field(default_factory=list)


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook, read from its index without its rows (empty for a CSV or a
    workbook that cannot be opened)."""
    if Path(path).suffix.lower() not in _XLSX:
        return []
    from openpyxl import load_workbook  # only needed for workbooks

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 — a damaged workbook has no sheets; read_source reports why
        return []
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def read_source(path: Path, *, formats: Formats, sheet: str | None = None) -> tuple[RawFrame | None, list[Problem]]:
    """The one source of a builder session: a CSV read with `formats`, or one sheet of a workbook
    (the first when `sheet` is not among them)."""
    path = Path(path)
    if path.suffix.lower() in _XLSX:
        sheets, problems = read_workbook(path)
        if not sheets:
            return None, problems
        return sheets.get(sheet or "", next(iter(sheets.values()))), []
    return read_csv_file(path, delimiter=formats.delimiter, encoding=formats.encoding)


def preview_mapping(profile: Profile, sources: Mapping[str, RawFrame], *,
                    existing: Mapping[str, pl.DataFrame] | None = None, limits: Limits | None = None,
                    rows: int = PREVIEW_ROWS) -> tuple[list[TablePreview], list[Problem]]:
    """Each mapped table's first `rows` rows and its problems, plus the problems of the mapping itself
    (a source column that is not in the file). `existing`: stored tables references may point to."""
    raws, mapping_problems = apply_profile(profile, sources)
    found = {checked.name: checked.problems for checked in Exchange.of_raws(raws).tables(existing=existing,
                                                                                          limits=limits)}
    previews = [TablePreview(raw.name, raw.frame.head(rows), raw.frame.height, sort_problems(found.get(raw.name, [])))
                for raw in raws]
    return previews, sort_problems(mapping_problems)
