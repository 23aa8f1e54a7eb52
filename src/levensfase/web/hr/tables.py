"""Conversion between exchange frames (DESIGN §3) and rows of the hr tables.

The database differs from the exchange format in two places only, and both are undone here so a
round trip is exact:

- optional text columns that the models keep as NOT NULL with a blank default (sex, contract,
  end_reason, esco_uri) hold "" in the database and null in a frame;
- survey answers are one row per response with the items as a JSON object, where the exchange
  format is long (one row per item).

Everything else (column names, foreign-key columns such as person_id) is named the same on both
sides, which `_db_table` checks against the Django models instead of trusting a copy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import polars as pl
from django.db import models as dj

from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.model.workforce import conform
from levensfase.web.hr import models

_MODELS: dict[str, type[dj.Model]] = {
    "units": models.Unit,
    "jobs": models.Job,
    "people": models.Person,
    "assignments": models.Assignment,
    "life_events": models.LifeEvent,
    "absences": models.Absence,
    "surveys": models.SurveyResponse,
    "conversations": models.Conversation,
    "arrangements": models.Arrangement,
    "skills": models.Skill,
    "job_skills": models.JobSkill,
    "person_skills": models.PersonSkill,
}

MODELS = _MODELS  # the Django model of each exchange table, for the import's own reads (stored.py, undo.py)
SURVEY_RESPONSE_KEY = ("person_id", "date", "instrument")
ORIGIN = "import_run"  # the import run that last wrote a row; NULL: entered in the app (models.py)
DATE_FORMAT = "%Y-%m-%d"


@dataclass(frozen=True)
class DbTable:
    """How one exchange table is stored: table name, columns, key, blank-for-null columns."""

    name: str
    db_table: str
    columns: tuple[str, ...]  # database columns, in exchange order (surveys: ... answers)
    key: tuple[str, ...]  # natural key in database columns
    blank_for_null: frozenset[str]  # optional text stored as "" (NOT NULL in the database)
    max_lengths: dict[str, int]

    @property
    def values(self) -> tuple[str, ...]:
        """The non-key columns: what an update rewrites."""
        return tuple(c for c in self.columns if c not in self.key)


def _db_table(name: str) -> DbTable:
    model = _MODELS[name]
    table = TABLES[name]
    exchange = table.column_names
    if name == "surveys":
        exchange = [*SURVEY_RESPONSE_KEY, "answers"]
    columns, blank, lengths = [], set(), {}
    for column in exchange:
        field = model._meta.get_field(column)  # accepts the attname of a foreign key (person_id)
        if field.column != column:
            raise RuntimeError(f"hr model {model.__name__}: column {field.column!r} is not {column!r}")
        columns.append(column)
        if isinstance(field, dj.CharField | dj.TextField | dj.ForeignKey) and column in table.column_names:
            if not table.column(column).required and not field.null:
                blank.add(column)
        target = field.target_field if isinstance(field, dj.ForeignKey) else field
        if isinstance(target, dj.CharField) and target.max_length:
            lengths[column] = target.max_length
    key = SURVEY_RESPONSE_KEY if name == "surveys" else table.key
    return DbTable(name, model._meta.db_table, tuple(columns), tuple(key), frozenset(blank), lengths)


DB_TABLES: dict[str, DbTable] = {name: _db_table(name) for name in TABLE_ORDER}


# --- database rows -> exchange frames -------------------------------------------------------
#
# Readers (selectors.py) deliver a *raw* frame: the exchange columns with dates as ISO text and
# booleans as 0/1 integers (surveys: person_id, date, instrument, answers as JSON text). Turning
# text into dates is far faster in Polars than one Python object per value in the driver.

RAW_KINDS = {"date": pl.String(), "bool": pl.Int64(), "int": pl.Int64(), "float": pl.Float64()}
RESPONSE_COLUMNS = (*SURVEY_RESPONSE_KEY, "answers")
_JSON_PAIR = r'("(?:[^"\\]|\\.)*")\s*:\s*([^,}\s]+)'  # "key": number (values are never strings)


def raw_schema(name: str) -> dict[str, pl.DataType]:
    if name == "surveys":
        return {c: pl.String() for c in RESPONSE_COLUMNS}
    return {c.name: RAW_KINDS.get(c.kind, pl.String()) for c in TABLES[name].columns}


def from_raw(name: str, raw: pl.DataFrame) -> pl.DataFrame:
    """A raw frame as the conformed exchange frame, sorted by the natural key."""
    if name == "surveys":
        return surveys_from_raw(raw)
    table = TABLES[name]
    db = DB_TABLES[name]
    fixes = []
    for column in table.columns:
        col = pl.col(column.name)
        if column.kind == "date":
            fixes.append(col.str.to_date(DATE_FORMAT))
        elif column.kind == "bool":
            fixes.append(col.cast(pl.Boolean()))
        elif column.name in db.blank_for_null:
            fixes.append(pl.when(col == "").then(None).otherwise(col).alias(column.name))
    return conform(name, raw.with_columns(fixes) if fixes else raw).sort(list(table.key))


def surveys_from_raw(raw: pl.DataFrame) -> pl.DataFrame:
    """Stored responses (answers as a JSON object of numbers) as long exchange survey rows.

    Objects are split on "," and ":" in Polars, which is several times faster than decoding
    into a struct; that is only right when no item name holds a "," or ":", so any key token
    that is not a clean JSON string sends the whole frame through a JSON-aware regex instead.
    Values are parsed by Polars from their shortest text, which gives back the exact double.
    Dates are parsed and empty objects dropped per response, before the rows multiply by items.
    """
    if raw.height == 0:
        return TABLES["surveys"].empty()
    responses = raw.select(
        "person_id", pl.col("date").str.to_date(DATE_FORMAT), "instrument",
        body=pl.col("answers").str.strip_chars("{} \t\r\n"),  # stops at the quote of the first key
    ).filter(pl.col("body") != "")  # an empty object {}
    pairs = (
        responses.select(*SURVEY_RESPONSE_KEY, pair=pl.col("body").str.split(","))
        .explode("pair")
        .with_columns(pl.col("pair").str.split_exact(":", 1).struct.rename_fields(["key", "value"]))
        .unnest("pair")
    )
    items = _item_names(pairs["key"].unique().to_list())
    if items is None:
        pairs = (
            responses.select(*SURVEY_RESPONSE_KEY, pair=pl.col("body").str.extract_all(_JSON_PAIR))
            .explode("pair")
            .drop_nulls("pair")
            .with_columns(pl.col("pair").str.extract_groups(_JSON_PAIR).struct.rename_fields(["key", "value"]))
            .unnest("pair")
        )
        items = _item_names(pairs["key"].unique().to_list(), split=False)
    try:  # stripping spaces around every value costs more than a failed cast now and then
        value = pairs["value"].cast(pl.Float64())
    except pl.exceptions.InvalidOperationError:
        value = pairs["value"].str.strip_chars().cast(pl.Float64())
    long = pairs.select(
        *SURVEY_RESPONSE_KEY, item=pl.col("key").replace_strict(items, return_dtype=pl.String())
    ).with_columns(value=value)
    return conform("surveys", long).sort(list(TABLES["surveys"].key))


def _item_names(tokens: list[str | None], *, split: bool = True) -> dict[str, str] | None:
    """Quoted key token -> item name; None when a token shows the naive split cut a key apart."""
    names = {}
    for token in tokens:
        try:
            name = json.loads(token) if token is not None else None
        except ValueError:
            name = None
        if not isinstance(name, str) or (split and ("," in name or ":" in name)):
            if split:
                return None
            raise ValueError(f"stored survey answers hold an unreadable item name: {token!r}")
        names[token] = name
    return names


# --- exchange frames -> database rows -------------------------------------------------------


def survey_responses(surveys: pl.DataFrame) -> pl.DataFrame:
    """Long survey rows as one row per response with a JSON `answers` object (items in the order given:
    readers do not depend on it, and sorting 3.5 M rows by item costs a second at 100,000 people).

    Item names go through json.dumps (once per distinct item, so any text is escaped right);
    values through Polars' shortest round-trip float formatting, which JSON reads back exactly.
    """
    if surveys.height == 0:
        return pl.DataFrame(schema={"person_id": pl.String(), "date": pl.Date(), "instrument": pl.String(),
                                    "answers": pl.String()})
    quoted = {item: json.dumps(item) for item in surveys["item"].unique().to_list()}
    pair = pl.concat_str(
        [pl.col("item").replace_strict(quoted, return_dtype=pl.String()), pl.lit(":"), pl.col("value").cast(pl.String())]
    )
    return (
        surveys.group_by(list(SURVEY_RESPONSE_KEY), maintain_order=True)
        .agg(pair.str.join(",").alias("answers"))
        .with_columns(answers=pl.concat_str([pl.lit("{"), pl.col("answers"), pl.lit("}")]))
    )


def to_db_frame(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """An exchange frame in database columns and values, ready to be bound as SQL parameters.

    Dates become ISO text (what Django stores on SQLite and what PostgreSQL casts from), nulls
    in blank-for-null columns become "".
    """
    db = DB_TABLES[name]
    if name == "surveys":
        frame = survey_responses(frame)
    fixes = []
    for column, dtype in frame.schema.items():
        if column not in db.columns:
            continue
        if dtype == pl.Date():
            fixes.append(pl.col(column).dt.to_string(DATE_FORMAT))
        elif column in db.blank_for_null:
            fixes.append(pl.col(column).fill_null(""))
    return frame.select(db.columns).with_columns(fixes) if fixes else frame.select(db.columns)


def key_frame(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Only the natural key columns of an exchange frame, in database form (for deletes)."""
    db = DB_TABLES[name]
    keys = frame.select(db.key).unique(maintain_order=True) if name == "surveys" else frame.select(db.key)
    return keys.with_columns(pl.col(c).dt.to_string(DATE_FORMAT) for c in db.key if keys.schema[c] == pl.Date())


def too_long(name: str, frame: pl.DataFrame) -> list[tuple[str, int, int]]:
    """(column, max_length, rows over it) for text that would not fit the database column."""
    db = DB_TABLES[name]
    over = []
    for column, limit in db.max_lengths.items():
        if column in frame.columns and frame.schema[column] == pl.String():
            n = int(frame.select((pl.col(column).str.len_chars() > limit).sum()).item())
            if n:
                over.append((column, limit, n))
    return over
