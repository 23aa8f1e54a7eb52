"""The exchange format (v1, with the additive v1.1 skill tables and v1.2 columns): DESIGN §3, the public contract.

One declaration serves the reader, the validator, the generator, the writer, the database
loader and the `Workforce`, so a column can never mean two things in two places.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

FORMAT_VERSION = "1.2"

WORK_DEMANDS = ("physical", "mental", "mixed")
SEXES = ("f", "m", "x")
CONTRACTS = ("permanent", "fixed_term", "temporary", "intern")
END_REASONS = ("voluntary", "involuntary", "retirement", "disability", "death", "other")
LIFE_EVENTS = ("partner", "child", "caregiving", "study", "health_limitation")
INSTRUMENTS = ("wai", "was", "uwes9", "uwes17")
SKILL_KINDS = ("knowledge", "attitude", "skill")
SKILL_SOURCES = ("self", "manager", "certified")
SCAN_ROLES = ("employee", "manager")

FTE_MAX = 1.2


@dataclass(frozen=True)
class Column:
    """One column of an exchange file.

    kind is one of: str, int, float, date, bool, enum (then `choices` lists the allowed values).
    """

    name: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] | None = None
    description: str = ""

    @property
    def dtype(self) -> pl.DataType:
        return _DTYPES[self.kind]


_DTYPES: dict[str, pl.DataType] = {
    "str": pl.String(),
    "enum": pl.String(),
    "int": pl.Int64(),
    "float": pl.Float64(),
    "date": pl.Date(),
    "bool": pl.Boolean(),
}


@dataclass(frozen=True)
class Table:
    """One exchange file: its columns, its natural key and the references it makes."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[tuple[str, str], ...] = ()  # (column, referenced table)
    version: str = "1"

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def polars_schema(self) -> dict[str, pl.DataType]:
        return {c.name: c.dtype for c in self.columns}

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema)


def _c(name: str, kind: str, required: bool = False, choices: tuple[str, ...] | None = None,
       description: str = "") -> Column:
    return Column(name, kind, required, choices, description)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "units",
            (_c("unit_id", "str", True), _c("name", "str", True), _c("parent_id", "str")),
            key=("unit_id",),
            references=(("parent_id", "units"),),
        ),
        Table(
            "jobs",
            (
                _c("job_id", "str", True),
                _c("title", "str", True),
                _c("job_family", "str", True),
                _c("work_demand", "enum", True, WORK_DEMANDS),
                _c("grade", "int"),
            ),
            key=("job_id",),
        ),
        Table(
            "people",
            (_c("person_id", "str", True), _c("birth_date", "date", True), _c("sex", "enum", False, SEXES),
             # v1.2: shown only to who may see the person's record (DESIGN §6), never in aggregates
             _c("display_name", "str", description="name as colleagues know it (v1.2)")),
            key=("person_id",),
        ),
        Table(
            "assignments",
            (
                _c("person_id", "str", True),
                _c("start_date", "date", True),
                _c("end_date", "date"),
                _c("unit_id", "str", True),
                _c("job_id", "str", True),
                _c("fte", "float", True),
                _c("contract", "enum", False, CONTRACTS),
                _c("end_reason", "enum", False, END_REASONS),
                _c("assignment_id", "str", description="v1.2: the HRIS's contract number; when given, the key"),
            ),
            key=("person_id", "start_date", "unit_id", "job_id"),
            references=(("person_id", "people"), ("unit_id", "units"), ("job_id", "jobs")),
        ),
        Table(
            "life_events",
            (
                _c("person_id", "str", True),
                _c("event", "enum", True, LIFE_EVENTS),
                _c("start_date", "date", True),
                _c("end_date", "date"),
            ),
            key=("person_id", "event", "start_date"),
            references=(("person_id", "people"),),
        ),
        Table(
            "absences",
            (
                _c("person_id", "str", True),
                _c("start_date", "date", True),
                _c("end_date", "date"),
                _c("pregnancy", "bool"),
            ),
            key=("person_id", "start_date"),
            references=(("person_id", "people"),),
        ),
        Table(
            "surveys",
            (
                _c("person_id", "str", True),
                _c("date", "date", True),
                _c("instrument", "enum", True, INSTRUMENTS),
                _c("item", "str", True),
                _c("value", "float", True),
            ),
            key=("person_id", "date", "instrument", "item"),
            references=(("person_id", "people"),),
        ),
        Table(
            "conversations",
            (
                _c("person_id", "str", True),
                _c("date", "date", True),
                _c("topic", "str", True),
                _c("value", "str", True),
            ),
            key=("person_id", "date", "topic"),
            references=(("person_id", "people"),),
        ),
        Table(
            "arrangements",
            (
                _c("person_id", "str", True),
                _c("code", "str", True),
                _c("start_date", "date", True),
                _c("end_date", "date"),
                _c("hours", "float"),
                _c("cost_eur", "float"),
            ),
            key=("person_id", "code", "start_date"),
            references=(("person_id", "people"),),
        ),
        Table(
            "skills",
            (
                _c("skill_id", "str", True),
                _c("name", "str", True),
                _c("kind", "enum", True, SKILL_KINDS),
                _c("esco_uri", "str"),
            ),
            key=("skill_id",),
            version="1.1",
        ),
        Table(
            "job_skills",
            (_c("job_id", "str", True), _c("skill_id", "str", True), _c("level_required", "int", True)),
            key=("job_id", "skill_id"),
            references=(("job_id", "jobs"), ("skill_id", "skills")),
            version="1.1",
        ),
        Table(
            "person_skills",
            (
                _c("person_id", "str", True),
                _c("skill_id", "str", True),
                _c("level", "int", True),
                _c("source", "enum", True, SKILL_SOURCES),
                _c("date", "date", True),
            ),
            key=("person_id", "skill_id", "source", "date"),
            references=(("person_id", "people"), ("skill_id", "skills")),
            version="1.1",
        ),
    )
}

# Files in an order in which every reference points backwards: the order to validate and load.
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)


# v1.2 optional files read only by the social-innovation scan (`levensfase scan`, issue 19): kept out of
# TABLES (the Workforce, the HR import and the database tables) so existing reads stay as they are.
SCAN_TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "scan_responses",  # anonymous: never a person reference (DESIGN §3, §6)
            (_c("response_id", "str", True), _c("unit_id", "str", True), _c("role", "enum", True, SCAN_ROLES),
             _c("date", "date", True, description="the round's date, never the moment of answering"),
             _c("item", "str", True), _c("value", "float", True)),
            key=("date", "response_id", "item"),
            version="1.2",
        ),
        Table(
            "unit_kpis",
            (_c("unit_id", "str", True), _c("period_end", "date", True), _c("kpi", "str", True),
             _c("value", "float", True)),
            key=("unit_id", "period_end", "kpi"),
            version="1.2",
        ),
    )
}
EXCHANGE_TABLES: dict[str, Table] = {**TABLES, **SCAN_TABLES}  # every file the exchange format names


def empty_tables() -> dict[str, pl.DataFrame]:
    """An empty frame for every exchange table, with the exact dtypes."""
    return {name: t.empty() for name, t in TABLES.items()}
