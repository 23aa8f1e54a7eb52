"""Validation of exchange tables: parse raw strings into schema dtypes and check every value.

All checks are vectorised Polars expressions over whole columns, and every failing row becomes a
Problem, so a million-row file with three typos reports exactly those three, quickly. Checks that
span tables (references, spells, unit tree) live in `consistency`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import polars as pl

from levensfase.ingest import plausible
from levensfase.ingest.problems import MAX_LISTED, Problem, problem, problems_from_frame, with_count
from levensfase.ingest.sources import ROW, blank_to_null
from levensfase.model.schema import EXCHANGE_TABLES, FTE_MAX

ISO_DATE = "%Y-%m-%d"
GRADE_RANGE = plausible.NUMBER_RANGES[("jobs", "grade")]
LEVEL_RANGE = plausible.NUMBER_RANGES[("person_skills", "level")]
_LEVEL_COLUMNS = {("job_skills", "level_required"), ("person_skills", "level")}
_NON_NEGATIVE = {("arrangements", "hours"), ("arrangements", "cost_eur")}
_THOUSANDS = r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$"

# Instrument ranges where the instrument defines them (DESIGN §3, reference/domain-facts.md §2-3).
SURVEY_RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("wai", "q1"): (0, 10),
    ("wai", "q2_physical"): (1, 5),
    ("wai", "q2_mental"): (1, 5),
    ("wai", "q3_diseases"): (0, float("inf")),
    ("wai", "q4"): (1, 6),
    ("wai", "q5_sick_days"): (0, 365),
    ("wai", "q6"): (1, 7),
    **{("wai", f"q7_{i}"): (0, 4) for i in (1, 2, 3)},
    ("was", "score"): (0, 10),
    **{("uwes9", str(i)): (0, 6) for i in range(1, 10)},
    **{("uwes17", str(i)): (0, 6) for i in range(1, 18)},
}
SURVEY_SETS: dict[tuple[str, str], tuple[float, ...]] = {("wai", "q6"): (1, 4, 7)}


@dataclass(frozen=True)
class RawTable:
    """One exchange table as read: string columns named as the exchange format, plus `__row`."""

    name: str
    file: str
    frame: pl.DataFrame
    labels: Mapping[str, str] = field(default_factory=dict)  # exchange column -> column name the user sees
    date_format: str = ISO_DATE
    decimal_comma: bool = False
    unstripped: frozenset[str] = frozenset()  # columns not stripped yet (sources._finish `keep`)

    def stripped(self) -> RawTable:
        """The table with every column stripped, blank = null: as the slow path reads it."""
        frame = self.frame.with_columns(blank_to_null(c) for c in self.unstripped if c in self.frame.columns)
        return replace(self, frame=frame, unstripped=frozenset())


@dataclass(frozen=True)
class Parsed:
    """One exchange table parsed to schema dtypes (unparsable cells null), still carrying `__row`."""

    name: str
    file: str
    frame: pl.DataFrame
    labels: Mapping[str, str] = field(default_factory=dict)
    raw: pl.DataFrame | None = None  # the strings as read, row for row, to quote what the user typed

    def label(self, column: str) -> str:
        return self.labels.get(column, column)

    def typed_or_raw(self, bad: pl.DataFrame, column: str) -> pl.DataFrame:
        """`__row` plus `__v`: the raw text of `column` on the rows of `bad` where known."""
        if self.raw is None or column not in self.raw.columns:
            return bad.select(ROW, pl.col(column).cast(pl.String).alias("__v"))
        return bad.select(ROW).join(self.raw.select(ROW, pl.col(column).alias("__v")), on=ROW, how="left",
                                    maintain_order="left")


def _number(raw: pl.Expr, *, decimal_comma: bool) -> pl.Expr:
    if decimal_comma:
        raw = pl.when(raw.str.contains(_THOUSANDS)).then(raw.str.replace_all(".", "", literal=True)).otherwise(raw)
        raw = raw.str.replace(",", ".", literal=True)
    value = raw.cast(pl.Float64, strict=False)
    return pl.when(value.is_finite()).then(value).otherwise(None)


def _date(raw: pl.Expr, *, fmt: str) -> pl.Expr:
    parsed = raw.str.to_date(fmt, strict=False)
    if fmt == ISO_DATE:  # ISO-8601 means zero-padded: 2024-1-5 is rejected, not guessed
        return pl.when(raw.str.contains(r"^\d{4}-\d{2}-\d{2}$")).then(parsed).otherwise(None)
    return parsed


def parse_table(raw: RawTable) -> tuple[Parsed, list[Problem]]:
    """Parse and type-check one raw table; report missing columns, empty required cells, bad values."""
    table = EXCHANGE_TABLES[raw.name]
    problems = [
        problem("missing_column", file=raw.file, row=1, column=raw.labels.get(c, c))
        for c in table.required
        if c not in raw.frame.columns
    ]
    typed: list[pl.Expr] = []
    flags: list[pl.Expr] = []
    checks: list[tuple[str, str, str, dict[str, object]]] = []  # flag column, exchange column, code, fill

    def check(condition: pl.Expr, column: str, code: str, **fill: object) -> None:
        flag = f"__flag{len(checks)}"
        flags.append(condition.fill_null(False).alias(flag))
        checks.append((flag, column, code, fill))

    for col in table.columns:
        if col.name not in raw.frame.columns:
            continue
        src = pl.col(col.name)
        if col.required:
            check(src.is_null(), col.name, "missing_value")
        if col.kind == "date":
            value = _date(src, fmt=raw.date_format)
            iso = raw.date_format == ISO_DATE
            check(src.is_not_null() & value.is_null(), col.name, "bad_date",
                  detail="JJJJ-MM-DD" if iso else raw.date_format, detail_en="YYYY-MM-DD" if iso else raw.date_format)
            if col.name == "end_date":
                value = pl.when(value == plausible.OPEN_END_MARK).then(None).otherwise(value)
            lo, hi = plausible.date_range(raw.name, col.name)
            check(~value.is_between(lo, hi), col.name, "implausible_date", detail=plausible.show_range(lo, hi))
            value = pl.when(value.is_between(lo, hi)).then(value).otherwise(None)
        elif col.kind in ("int", "float"):
            value = _number(src, decimal_comma=raw.decimal_comma)
            check(src.is_not_null() & value.is_null(), col.name, "bad_number")
            if col.kind == "int":
                check(value != value.floor(), col.name, "not_integer")
                value = pl.when(value == value.floor()).then(value).otherwise(None)
            lo, hi = plausible.number_range(raw.name, col.name)
            check(~value.is_between(lo, hi), col.name, "out_of_range", detail=plausible.show_range(lo, hi))
            value = pl.when(value.is_between(lo, hi)).then(value).otherwise(None)
        elif col.kind == "bool":
            lowered = src.str.to_lowercase()
            value = pl.when(lowered == "true").then(True).when(lowered == "false").then(False).otherwise(None)
            check(src.is_not_null() & value.is_null(), col.name, "bad_bool")
        elif col.kind == "enum":
            choices = list(col.choices or ())
            value = pl.when(src.is_in(choices)).then(src).otherwise(None)
            check(src.is_not_null() & value.is_null(), col.name, "bad_enum", detail=" | ".join(choices))
        else:
            value = src
            rule = plausible.bad_id(raw.name, col.name)
            if rule is not None:
                condition, (nl, en) = rule
                check(src.is_not_null() & condition, col.name, "bad_id", detail=nl, detail_en=en)
                value = pl.when(condition).then(None).otherwise(src)
        typed.append(value.cast(col.dtype).alias(col.name))
    # values and checks in one lazy pass: each column is parsed once however many checks read it
    # (common subexpressions), where an eager select parses it again for every check
    both = raw.frame.lazy().select(pl.col(ROW), *typed, *flags).collect()
    if flags:
        found = both.select(pl.col(flag).any() for flag, *_ in checks).row(0)
        for (flag, column, code, fill), any_bad in zip(checks, found, strict=True):
            if any_bad:
                bad = raw.frame.filter(both[flag]).select(ROW, pl.col(column).alias("__v"))
                problems += _located(bad, code, raw=raw, column=column, fill=fill)
    if problems and raw.unstripped:  # a typed cell read as it stands failed: judge the stripped text
        return parse_table(raw.stripped())
    frame = both.select(ROW, *(c.name for c in table.columns if c.name in raw.frame.columns))
    return Parsed(raw.name, raw.file, frame, raw.labels, raw.frame), problems


def _located(bad: pl.DataFrame, code: str, *, raw: RawTable | Parsed, column: str,
             fill: Mapping[str, object]) -> list[Problem]:
    fill = dict(fill)
    detail_en = fill.pop("detail_en", None)
    found = problems_from_frame(bad, code, file=raw.file, column=raw.labels.get(column, column),
                                value_col="__v", **fill)
    if detail_en is not None:
        en = problem(code, file=raw.file, detail=detail_en).reason_en
        found = [Problem(p.file, p.row, p.column, p.value, p.code, p.reason, en) for p in found]
    return found


def check_values(parsed: Parsed) -> list[Problem]:
    """Range rules on typed values: fte, grade and skill levels, amounts, date order, survey items."""
    frame, name, problems = parsed.frame, parsed.name, []

    def flag(condition: pl.Expr, column: str, code: str, **fill: object) -> None:
        if column not in frame.columns:
            return
        bad = parsed.typed_or_raw(frame.filter(condition.fill_null(False)), column)
        problems.extend(_located(bad, code, raw=parsed, column=column, fill=fill))

    if name == "assignments":
        fte = pl.col("fte")
        flag((fte <= 0) | (fte > FTE_MAX), "fte", "fte_out_of_range", detail=str(FTE_MAX))
    if name == "jobs":
        lo, hi = GRADE_RANGE
        flag(~pl.col("grade").is_between(lo, hi), "grade", "out_of_range", detail=f"{lo}–{hi}")
    for table, column in _LEVEL_COLUMNS:
        if name == table:
            lo, hi = LEVEL_RANGE
            flag(~pl.col(column).is_between(lo, hi), column, "out_of_range", detail=f"{lo}–{hi}")
    for table, column in _NON_NEGATIVE:
        if name == table:
            flag(pl.col(column) < 0, column, "negative")
    if {"start_date", "end_date"} <= set(frame.columns):
        flag(pl.col("end_date") < pl.col("start_date"), "end_date", "end_before_start")
    if name == "surveys" and {"instrument", "item", "value"} <= set(frame.columns):
        problems += _survey_ranges(parsed)
    problems += check_keys(parsed)
    return problems


def check_lengths(parsed: Parsed, limits: Mapping[str, int]) -> list[Problem]:
    """Text longer than its column may hold (`limits`: column -> characters, the database's;
    the exchange format sets none), quoted by its first 40 characters."""
    problems = []
    for column, limit in limits.items():
        if column not in parsed.frame.columns or parsed.frame.schema[column] != pl.String():
            continue
        text, length = pl.col(column), pl.col(column).str.len_chars()
        quoted = pl.when(length > 40).then(pl.concat_str([text.str.slice(0, 40), pl.lit("…")])).otherwise(text)
        bad = parsed.frame.filter(length > limit).select(ROW, quoted.alias("__v"))
        problems += problems_from_frame(bad, "too_long", file=parsed.file, column=parsed.label(column),
                                        value_col="__v", detail=str(limit))
    return problems


def _survey_ranges(parsed: Parsed) -> list[Problem]:
    bounds = pl.DataFrame(
        [(i, item, lo, hi) for (i, item), (lo, hi) in SURVEY_RANGES.items()],
        schema={"instrument": pl.String, "item": pl.String, "__lo": pl.Float64, "__hi": pl.Float64},
        orient="row",
    )
    outside = ~pl.col("value").is_between(pl.col("__lo"), pl.col("__hi"))
    for (instrument, item), allowed in SURVEY_SETS.items():
        in_item = (pl.col("instrument") == instrument) & (pl.col("item") == item)
        outside = outside | (in_item & ~pl.col("value").is_in([float(a) for a in allowed]))
    problems = []
    # streamed: the join's rows (every answer with its bounds: gigabytes for a sector) are never all held
    outside = (parsed.frame.lazy().join(bounds.lazy(), on=["instrument", "item"], how="inner")
               .filter(outside.fill_null(False)).collect(engine="streaming").sort(ROW))
    bad = outside.head(MAX_LISTED)
    bad = bad.join(parsed.typed_or_raw(bad, "value"), on=ROW, how="left")
    for row, value, instrument, item, lo, hi in bad.select(ROW, "__v", "instrument", "item", "__lo", "__hi").iter_rows():
        allowed = SURVEY_SETS.get((instrument, item))
        detail = " | ".join(f"{a:g}" for a in allowed) if allowed else f"{lo:g}–{hi:g}"
        problems.append(problem("out_of_range", file=parsed.file, row=row, column=parsed.label("value"),
                                value=value, detail=f"{detail} ({instrument} {item})"))
    return with_count(problems, outside.height)


def check_keys(parsed: Parsed) -> list[Problem]:
    """Every row after the first with the same natural key (Table.key) is a duplicate."""
    key = list(EXCHANGE_TABLES[parsed.name].key)
    if not set(key) <= set(parsed.frame.columns):
        return []
    frame = parsed.frame
    if any(frame[k].null_count() for k in key):
        frame = frame.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in key))
    if frame.height > 1:  # equal keys hash equal: distinct sorted hashes prove every key distinct, cheaply
        hashes = frame.select(pl.struct(key).hash()).to_series().sort()
        if not (hashes.slice(1) == hashes.slice(0, hashes.len() - 1)).any():
            return []
    dup = frame.filter(~pl.struct(key).is_first_distinct()).select(
        ROW, pl.concat_str([pl.col(k).cast(pl.String) for k in key], separator=" / ").alias("__v")
    )
    labels = ", ".join(parsed.label(k) for k in key)
    return problems_from_frame(dup, "duplicate_key", file=parsed.file, column=labels, value_col="__v", detail=labels)


def typed_table(parsed: Parsed) -> pl.DataFrame:
    """The frame without `__row`, with every exchange column at its schema dtype."""
    from levensfase.model.workforce import conform

    return conform(parsed.name, parsed.frame.drop(ROW))
