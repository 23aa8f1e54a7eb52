"""What the builder page shows, prepared so the template only loops: the export's columns with
samples, one section of dropdowns per exchange table, and the preview (health tables as counts)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from levensfase.ingest.mapping_preview import HEALTH_TABLES, TablePreview
from levensfase.ingest.problems import Problem
from levensfase.ingest.proposals import value_choices
from levensfase.ingest.sources import ROW
from levensfase.model.schema import TABLES
from levensfase.web.mappings.builder import (
    BUILDER_TABLES,
    DATE_FORMATS,
    DELIMITERS,
    ENCODINGS,
    EMPTY,
    KEEP,
    Choices,
    Source,
    distinct_values,
    samples,
    hidden_columns,
)

MAX_PROBLEMS_SHOWN = 50

TABLE_LABELS = {
    "people": pgettext_lazy("exchange table", "people"),
    "units": pgettext_lazy("exchange table", "units"),
    "jobs": pgettext_lazy("exchange table", "jobs"),
    "assignments": pgettext_lazy("exchange table", "assignments"),
    "absences": pgettext_lazy("exchange table", "absences"),
}
COLUMN_LABELS = {
    "person_id": pgettext_lazy("exchange column", "personnel number"),
    "birth_date": pgettext_lazy("exchange column", "date of birth"),
    "sex": pgettext_lazy("exchange column", "sex"),
    "unit_id": pgettext_lazy("exchange column", "unit code"),
    "name": pgettext_lazy("exchange column", "unit name"),
    "parent_id": pgettext_lazy("exchange column", "parent unit code"),
    "job_id": pgettext_lazy("exchange column", "job code"),
    "title": pgettext_lazy("exchange column", "job title"),
    "job_family": pgettext_lazy("exchange column", "job family"),
    "work_demand": pgettext_lazy("exchange column", "work demand"),
    "grade": pgettext_lazy("exchange column", "salary scale"),
    "start_date": pgettext_lazy("exchange column", "start date"),
    "end_date": pgettext_lazy("exchange column", "end date"),
    "fte": pgettext_lazy("exchange column", "FTE"),
    "contract": pgettext_lazy("exchange column", "contract type"),
    "end_reason": pgettext_lazy("exchange column", "reason for leaving"),
    "pregnancy": pgettext_lazy("exchange column", "pregnancy-related"),
    "assignment_id": pgettext_lazy("exchange column", "contract number"),
}


@dataclass
class Option:
    value: str
    label: str
    selected: bool


@dataclass
class SourceColumn:
    name: str
    samples: list[str]
    hidden: bool  # only health tables use it: values not shown


@dataclass
class Field:
    table: str
    column: str
    label: str
    required: bool
    options: list[Option]
    constant: str


@dataclass
class ValueRow:
    index: int
    original: str
    options: list[Option]


@dataclass
class ValueGroup:
    table: str
    column: str
    label: str
    source: str
    rows: list[ValueRow]
    more: int


@dataclass
class Section:
    table: str
    label: str
    use: bool
    fields: list[Field]
    values: list[ValueGroup]


@dataclass
class PreviewTable:
    table: str
    label: str
    total: int
    health: bool
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    problem_kinds: list[tuple[str, int]] = field(default_factory=list)  # health tables: reason, count


def _label(column: str) -> str:
    label = COLUMN_LABELS.get(column)
    return f"{label} ({column})" if label else column


def source_columns(source: Source, choices: Choices) -> list[SourceColumn]:
    hidden = hidden_columns(choices, source, HEALTH_TABLES)
    return [SourceColumn(c, [] if c in hidden else samples(source, c), c in hidden) for c in source.columns]


def _value_options(table: str, column: str, picked: str) -> list[Option]:
    options = [Option(KEEP, _("(unchanged)"), picked == KEEP)]
    options += [Option(v, v, picked == v) for v in value_choices(table, column)]
    options.append(Option(EMPTY, _("(no value)"), picked == ""))
    return options


def sections(source: Source, choices: Choices) -> list[Section]:
    found = []
    for table in BUILDER_TABLES:
        choice = choices.tables[table]
        fields = []
        for spec in TABLES[table].columns:
            chosen = choice.columns.get(spec.name, "")
            options = [Option("", _("(not in the file)"), chosen == "")]
            options += [Option(c, c, c == chosen) for c in source.columns]
            fields.append(Field(table, spec.name, _label(spec.name), spec.required, options,
                                choice.constants.get(spec.name, "")))
        groups = []
        for column, translations in choice.values.items():
            _shown, more = distinct_values(source, choice.columns[column])
            rows = [ValueRow(i, original, _value_options(table, column, picked))
                    for i, (original, picked) in enumerate(translations.items())]
            groups.append(ValueGroup(table, column, _label(column), choice.columns[column], rows, more))
        found.append(Section(table, TABLE_LABELS[table], choice.use, fields, groups))
    return found


def preview_tables(previews: list[TablePreview], *, language: str) -> list[PreviewTable]:
    """Rows and problems per table; for health tables only how many rows and problems of each kind."""
    shown = []
    for preview in previews:
        item = PreviewTable(preview.name, TABLE_LABELS.get(preview.name, preview.name), preview.total,
                            preview.name in HEALTH_TABLES, problem_count=len(preview.problems))
        if item.health:
            kinds = Counter(p.reason_en if language == "en" else p.reason for p in preview.problems)
            item.problem_kinds = sorted(kinds.items())
        else:
            item.header = [c for c in preview.rows.columns if c != ROW]
            item.rows = [[str(row[ROW]), *("" if row[c] is None else str(row[c]) for c in item.header)]
                         for row in preview.rows.iter_rows(named=True)]
            item.problems = preview.problems[:MAX_PROBLEMS_SHOWN]
        shown.append(item)
    return shown


def format_options() -> dict[str, list[tuple[str, str]]]:
    """The choices of the format dropdowns, worded for people who never saw a strftime pattern."""
    delimiters = {";": _("semicolon (;)"), ",": _("comma (,)"), "\t": _("tab"), "|": _("vertical bar (|)")}
    dates = {"%d-%m-%Y": _("dd-mm-yyyy"), "%Y-%m-%d": _("yyyy-mm-dd"), "%d/%m/%Y": _("dd/mm/yyyy"),
             "%d.%m.%Y": _("dd.mm.yyyy")}
    encodings = {"utf-8": "UTF-8", "cp1252": _("Windows-1252 (Excel)")}
    return {"delimiters": [(d, delimiters[d]) for d in DELIMITERS], "encodings": [(e, encodings[e]) for e in ENCODINGS],
            "date_formats": [(f, dates[f]) for f in DATE_FORMATS]}
