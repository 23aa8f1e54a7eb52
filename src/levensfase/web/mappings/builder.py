"""The mapping builder's choices: which source column feeds each exchange column, constants, value
translations and formats; proposed from the export, read back from the builder form, and turned
into a core mapping Profile.

The form carries the whole state (the export stays in its upload folder), so a builder session
survives a reload and needs no table of drafts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl

from levensfase.ingest.mapping import Formats, Profile, TableMapping
from levensfase.ingest.mapping_preview import read_source, sheet_names
from levensfase.ingest.problems import Problem
from levensfase.ingest.proposals import looks_like_health_column, propose_columns, propose_values, value_choices
from levensfase.ingest.sniff import DATE_PATTERNS, DELIMITERS, read_head, sniff_csv, sniff_frame
from levensfase.ingest.sources import ROW, RawFrame
from levensfase.model.schema import TABLES

BUILDER_TABLES = ("people", "units", "jobs", "assignments", "absences")
DISTINCT_TABLES = frozenset({"people", "units", "jobs"})  # one row per person/unit/job from a per-assignment export
ENCODINGS = ("utf-8", "cp1252")
DATE_FORMATS = tuple(DATE_PATTERNS)
KEEP, EMPTY = "__keep__", "__empty__"  # value choices: pass the value through unchanged / "no value"
MAX_VALUES = 30  # distinct values offered for translation per column; value lists are short
MAX_CONSTANT = 200
# A table is proposed when these columns were found (absences: only an absence-specific start column).
_PROPOSE_WHEN = {"people": ("person_id", "birth_date"), "units": ("unit_id",), "jobs": ("job_id",),
                 "assignments": ("person_id", "start_date"), "absences": ("start_date",)}


@dataclass
class TableChoice:
    use: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # exchange column -> source column
    constants: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # exchange column -> {source value: value}


@dataclass
class Choices:
    formats: Formats
    sheet: str | None = None
    tables: dict[str, TableChoice] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """The export as the current formats read it."""

    frame: RawFrame | None
    problems: list[Problem]
    sheets: list[str]

    @property
    def columns(self) -> list[str]:
        return [] if self.frame is None else [c for c in self.frame.frame.columns if c != ROW]


def load_source(path: Path, choices: Choices) -> Source:
    frame, problems = read_source(path, formats=choices.formats, sheet=choices.sheet)
    return Source(frame, problems, sheet_names(path))


def distinct_values(source: Source, column: str) -> tuple[list[str], int]:
    """The first MAX_VALUES distinct values of a source column (sorted) and how many more there are."""
    if source.frame is None or column not in source.frame.frame.columns:
        return [], 0
    values = source.frame.frame[column].drop_nulls().unique().sort().to_list()
    return values[:MAX_VALUES], max(0, len(values) - MAX_VALUES)


def initial_choices(path: Path, *, name: str, sheet: str | None = None) -> Choices:
    """Formats sniffed from the export (from `sheet`, default the first) and every proposal pre-selected."""
    path = Path(path)
    sheets = sheet_names(path)
    if sheets:
        sheet = sheet if sheet in sheets else sheets[0]
        first, _ = read_source(path, formats=Formats(), sheet=sheet)
        sniffed = sniff_frame(first.frame) if first is not None else None
    else:
        sheet = None
        sniffed, _ = sniff_csv(read_head(path), file=name)
    formats = Formats(source=sheet or name)
    if sniffed is not None:
        formats = replace(formats, delimiter=sniffed.delimiter, encoding=sniffed.encoding,
                          decimal_comma=sniffed.decimal_comma, date_format=sniffed.date_format)
    choices = Choices(formats, sheet)
    columns = load_source(path, choices).columns
    for table in BUILDER_TABLES:
        proposed = propose_columns(table, columns)
        choices.tables[table] = TableChoice(all(c in proposed for c in _PROPOSE_WHEN[table]), proposed)
    return choices


def _pick(value: str | None, allowed: tuple[str, ...] | list[str], default: str) -> str:
    return value if value in allowed else default


def choices_from_post(post: Mapping[str, str], path: Path, *, name: str) -> Choices:
    """The builder form read back; anything not offered (a tampered value) counts as not chosen.
    Another sheet of a workbook is another export: its formats and columns are proposed afresh."""
    sheets = sheet_names(path)
    sheet = _pick(post.get("sheet"), sheets, sheets[0]) if sheets else None
    if sheet is not None and sheet != post.get("shown_sheet"):
        return initial_choices(path, name=name, sheet=sheet)
    formats = Formats(
        source=sheet or name,
        delimiter=_pick(post.get("delimiter"), DELIMITERS, ","),
        encoding=_pick(post.get("encoding"), ENCODINGS, "utf-8"),
        decimal_comma=post.get("decimal_comma") == "on",
        date_format=_pick(post.get("date_format"), DATE_FORMATS, DATE_FORMATS[0]),
    )
    choices = Choices(formats, sheet)
    columns = load_source(path, choices).columns
    for table in BUILDER_TABLES:
        choice = TableChoice(post.get(f"use-{table}") == "on")
        for column in TABLES[table].column_names:
            source = post.get(f"col-{table}-{column}", "")
            if source in columns:
                choice.columns[column] = source
            constant = post.get(f"const-{table}-{column}", "").strip()[:MAX_CONSTANT]
            if constant:
                choice.constants[column] = constant
            translations = {}
            for i in range(MAX_VALUES):
                original, picked = post.get(f"from-{table}-{column}-{i}"), post.get(f"val-{table}-{column}-{i}")
                if original is None:
                    break
                if picked == EMPTY:
                    translations[original] = ""
                elif picked in value_choices(table, column) or picked == KEEP:
                    translations[original] = picked
            choice.values[column] = translations
        choices.tables[table] = choice
    return choices


def complete_values(choices: Choices, source: Source) -> None:
    """For every value-list column fed by a source column: keep the user's translation of each value
    the column holds, propose one for values not yet seen, and drop translations of values it lacks."""
    for table, choice in choices.tables.items():
        for column in list(choice.values) + list(choice.columns):
            source_column = choice.columns.get(column)
            allowed = value_choices(table, column)
            if not source_column or not allowed:
                choice.values.pop(column, None)
                continue
            values, _ = distinct_values(source, source_column)
            posted = choice.values.get(column, {})
            proposed = propose_values(column, [v for v in values if v not in posted], allowed)
            choice.values[column] = {v: posted.get(v, proposed.get(v, KEEP)) for v in values}


def to_profile(choices: Choices, *, name: str) -> Profile | None:
    """The core profile for the tables in use (a source column wins over a constant); None when no
    table is in use."""
    tables = {}
    for table, choice in choices.tables.items():
        if not choice.use:
            continue
        constants = {c: v for c, v in choice.constants.items() if c not in choice.columns}
        values = {c: {k: v for k, v in m.items() if v != KEEP} for c, m in choice.values.items()}
        tables[table] = TableMapping(table, choices.formats, dict(choice.columns), constants,
                                     {c: m for c, m in values.items() if m}, table in DISTINCT_TABLES)
    return Profile(name, choices.formats, tables) if tables else None


def hidden_columns(choices: Choices, source: Source, health: frozenset[str]) -> set[str]:
    """Source columns whose values are never shown (DESIGN §6): those only health tables use, and
    those named like health data, unless a table without health data uses them too."""
    used = {t: set(c.columns.values()) for t, c in choices.tables.items() if c.use}
    elsewhere = {s for t, columns in used.items() if t not in health for s in columns}
    by_health = {s for t, columns in used.items() if t in health for s in columns}
    by_name = {c for c in source.columns if looks_like_health_column(c)}
    return (by_health | by_name) - elsewhere


def samples(source: Source, column: str, *, count: int = 5) -> list[str]:
    if source.frame is None:
        return []
    values = source.frame.frame.select(pl.col(column).drop_nulls().unique(maintain_order=True).head(count))
    return [v[:40] for v in values[column].to_list()]
