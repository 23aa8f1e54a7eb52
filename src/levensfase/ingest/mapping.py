"""Mapping profiles: turn a foreign HRIS export into exchange tables (see docs/import-mapping.md).

A profile is a TOML file that names, per exchange table, the source file (or sheet), which source
column feeds each exchange column, constants, value translations and the file's formats. A
*snapshot* profile reads a one-row-per-employee export (age and years at the company instead of
dates) and derives approximate dates, which the read result says in its notes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from levensfase.ingest.problems import Problem, problem
from levensfase.ingest.sources import ROW, RawFrame
from levensfase.ingest.survey_shapes import ITEM, VALUE, melt_wide
from levensfase.ingest.validation import ISO_DATE, RawTable
from levensfase.model.schema import END_REASONS, EXCHANGE_TABLES

PROFILES_DIR = Path(__file__).with_name("profiles")
HALF_YEAR_DAYS = 182  # completed years: the true date lies somewhere in a year; take its middle
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_PROFILE_KEYS = {"name", "description", "source", "delimiter", "encoding", "decimal_comma", "date_format"}
_FORMAT_KEYS = {"source", "delimiter", "encoding", "decimal_comma", "date_format"}
_TABLE_KEYS = _FORMAT_KEYS | {"columns", "constants", "values", "distinct", "wide"}
_SNAPSHOT_KEYS = {"reference_date", "age", "years_at_company", "left", "left_values", "end_reason"}


class ProfileError(ValueError):
    """The profile itself is wrong (not the data): reported as a `bad_profile` problem."""


@dataclass(frozen=True)
class Formats:
    """How a source file is written."""

    source: str | None = None
    delimiter: str = ","
    encoding: str = "utf-8"
    decimal_comma: bool = False
    date_format: str = ISO_DATE


@dataclass(frozen=True)
class TableMapping:
    table: str
    formats: Formats
    columns: Mapping[str, str] = field(default_factory=dict)  # exchange column -> source column or "{A}-{B}"
    constants: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # exchange column -> {from: to}
    distinct: bool = False
    wide: Mapping[str, str] = field(default_factory=dict)  # surveys only: item code -> source column


@dataclass(frozen=True)
class Snapshot:
    """One row per employee at `reference_date`; leavers are marked by `left` in `left_values`."""

    reference_date: date
    age: str
    years_at_company: str
    left: str | None = None
    left_values: tuple[str, ...] = ()
    end_reason: str = "other"


@dataclass(frozen=True)
class Profile:
    name: str
    formats: Formats
    tables: Mapping[str, TableMapping]
    source_values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # source column -> {code: label}
    snapshot: Snapshot | None = None


def _check_keys(section: Mapping[str, object], allowed: set[str], where: str) -> None:
    unknown = set(section) - allowed
    if unknown:
        raise ProfileError(f"unknown key(s) {sorted(unknown)} in [{where}]; allowed: {sorted(allowed)}")


def _formats(section: Mapping[str, object], base: Formats) -> Formats:
    merged = {**base.__dict__, **{k: section[k] for k in _FORMAT_KEYS if k in section}}
    for key in ("source", "delimiter", "encoding", "date_format"):
        if merged[key] is not None and not isinstance(merged[key], str):
            raise ProfileError(f"{key} must be text")
    if not isinstance(merged["decimal_comma"], bool):
        raise ProfileError("decimal_comma must be true or false")
    if len(merged["delimiter"]) != 1:
        raise ProfileError("delimiter must be one character")
    return Formats(**merged)


def _str_map(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(isinstance(v, (str, int, float)) for v in value.values()):
        raise ProfileError(f"[{where}] must map names to text values")
    return {str(k): str(v) for k, v in value.items()}


def parse_profile(data: Mapping[str, object]) -> Profile:
    """Build a Profile from parsed TOML, refusing unknown tables and keys (typos must not pass silently)."""
    _check_keys(data, {"profile", "source_values", "snapshot", "tables"}, "top level")
    head = data.get("profile", {})
    if not isinstance(head, Mapping):
        raise ProfileError("[profile] must be a table")
    _check_keys(head, _PROFILE_KEYS, "profile")
    formats = _formats(head, Formats())
    tables: dict[str, TableMapping] = {}
    for name, section in dict(data.get("tables", {})).items():
        if name not in EXCHANGE_TABLES:
            raise ProfileError(f"[tables.{name}] is not an exchange table; known: {sorted(EXCHANGE_TABLES)}")
        if not isinstance(section, Mapping):
            raise ProfileError(f"[tables.{name}] must be a table")
        _check_keys(section, _TABLE_KEYS, f"tables.{name}")
        columns = _str_map(section.get("columns", {}), f"tables.{name}.columns")
        constants = _str_map(section.get("constants", {}), f"tables.{name}.constants")
        values = {c: _str_map(m, f"tables.{name}.values.{c}") for c, m in dict(section.get("values", {})).items()}
        for target in [*columns, *constants, *values]:
            if target not in EXCHANGE_TABLES[name].column_names:
                raise ProfileError(f"{target!r} is not a column of {name}; columns: {EXCHANGE_TABLES[name].column_names}")
        wide = _str_map(section.get("wide", {}), f"tables.{name}.wide")
        if wide and name not in ("surveys", "scan_responses"):
            raise ProfileError(f"[tables.{name}] cannot have 'wide': only surveys and scan_responses come in a wide shape")
        if wide and {"item", "value"} & set(columns):
            raise ProfileError("[tables.surveys] with 'wide' takes item and value from the wide columns; "
                               "do not map item or value in 'columns'")
        tables[name] = TableMapping(name, _formats(section, formats), columns, constants, values,
                                    bool(section.get("distinct", False)), wide)
    if not tables:
        raise ProfileError("the profile maps no tables: add at least one [tables.<name>] section")
    source_values = {c: _str_map(m, f"source_values.{c}") for c, m in dict(data.get("source_values", {})).items()}
    snapshot = None
    if "snapshot" in data:
        snap = data["snapshot"]
        if not isinstance(snap, Mapping):
            raise ProfileError("[snapshot] must be a table")
        _check_keys(snap, _SNAPSHOT_KEYS, "snapshot")
        try:
            ref = snap["reference_date"]
            ref = ref if isinstance(ref, date) else date.fromisoformat(str(ref))
            snapshot = Snapshot(ref, str(snap["age"]), str(snap["years_at_company"]),
                                None if snap.get("left") is None else str(snap["left"]),
                                tuple(str(v) for v in snap.get("left_values", ())),
                                str(snap.get("end_reason", "other")))
        except KeyError as exc:
            raise ProfileError(f"[snapshot] needs {exc.args[0]!r}") from None
        except ValueError:
            raise ProfileError("[snapshot] reference_date must be a date like 2017-03-31") from None
        if snapshot.end_reason not in END_REASONS:
            raise ProfileError(f"[snapshot] end_reason must be one of {list(END_REASONS)}")
    return Profile(str(head.get("name", "")), formats, tables, source_values, snapshot)


class UnknownProfile(ProfileError):
    """Neither a profile file nor the name of a shipped profile; `shipped` lists the names."""

    def __init__(self, given: Path) -> None:
        self.given = given
        self.shipped = shipped_profiles()
        super().__init__(f"{given} is no file and no shipped profile; shipped: {', '.join(self.shipped)}")


def shipped_profiles() -> list[str]:
    """The names of the profiles that come with levensfase (src/levensfase/ingest/profiles)."""
    return sorted(p.stem for p in PROFILES_DIR.glob("*.toml"))


def resolve_profile(path: Path) -> Path:
    """The profile file `path` names: the file itself, or a shipped profile given by its bare name
    ("ibm_hr_attrition", with or without .toml). Raises UnknownProfile when it is neither."""
    path = Path(path)
    if path.is_file():
        return path
    if path.parent == Path(".") and path.stem in shipped_profiles() and path.suffix in ("", ".toml"):
        return PROFILES_DIR / f"{path.stem}.toml"
    raise UnknownProfile(path)


def load_profile(path: Path) -> Profile:
    """Read a profile file; a bare name like "ibm_hr_attrition" finds a shipped profile."""
    try:
        path = resolve_profile(path)
    except UnknownProfile:
        pass  # reading it says why it cannot be read
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"cannot read {path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path.name} is not valid TOML: {exc}") from None
    return parse_profile(data)


def _snapshot_columns(snapshot: Snapshot, frame: pl.DataFrame, fmt: str) -> tuple[list[pl.Expr], list[str]]:
    """Approximate dates from completed years, written in the profile's date format."""
    ref = pl.lit(snapshot.reference_date)

    def years_back(column: str) -> pl.Expr:
        years = pl.col(column).cast(pl.Int64, strict=False)
        shifted = ref.dt.offset_by(pl.format("-{}y", years)).dt.offset_by(f"-{HALF_YEAR_DAYS}d")
        return pl.when(years >= 0).then(shifted.dt.strftime(fmt)).otherwise(None)

    exprs, missing = [], []
    for target, column in (("__birth_date", snapshot.age), ("__start_date", snapshot.years_at_company)):
        if column in frame.columns:
            exprs.append(years_back(column).alias(target))
        else:
            missing.append(column)
    left = pl.lit(False)
    if snapshot.left is not None:
        if snapshot.left in frame.columns:
            left = pl.col(snapshot.left).is_in(list(snapshot.left_values)).fill_null(False)
        else:
            missing.append(snapshot.left)
    exprs.append(pl.when(left).then(ref.dt.strftime(fmt)).otherwise(None).alias("__end_date"))
    exprs.append(pl.when(left).then(pl.lit(snapshot.end_reason)).otherwise(None).alias("__end_reason"))
    return exprs, missing


_SNAPSHOT_TARGETS = {
    "people": {"birth_date": "__birth_date"},
    "assignments": {"start_date": "__start_date", "end_date": "__end_date", "end_reason": "__end_reason"},
}


def apply_profile(profile: Profile, sources: Mapping[str, RawFrame]) -> tuple[list[RawTable], list[Problem]]:
    """Map source frames (keyed by the profile's source names) onto exchange tables of raw strings."""
    tables, problems = [], []
    for name, mapping in profile.tables.items():
        source = sources.get(mapping.formats.source or "")
        if source is None:
            continue  # the reader reports the missing source once
        frame = source.frame.with_columns(
            pl.col(c).replace(m) for c, m in profile.source_values.items() if c in source.frame.columns
        )
        columns: dict[str, pl.Expr] = {}
        labels: dict[str, str] = {}
        if mapping.wide:
            frame, absent = melt_wide(frame, mapping.wide)
            problems += [problem("missing_column", file=source.file, row=1, column=c) for c in absent]
            columns.update(item=pl.col(ITEM), value=pl.col(VALUE))
            labels.update(item="item", value="value")
        for target, spec in mapping.columns.items():
            used = _PLACEHOLDER.findall(spec) or [spec]
            absent = [c for c in used if c not in frame.columns]
            labels[target] = spec if len(used) == 1 and not _PLACEHOLDER.search(spec) else target
            if absent:
                if not EXCHANGE_TABLES[name].column(target).required:  # required ones are reported by validation
                    problems += [problem("missing_column", file=source.file, row=1, column=c) for c in absent]
                continue
            if _PLACEHOLDER.search(spec):
                columns[target] = pl.format(_PLACEHOLDER.sub("{}", spec), *[pl.col(c) for c in used])
            else:
                columns[target] = pl.col(spec)
        for target, value in mapping.constants.items():
            columns[target] = pl.lit(value, dtype=pl.String)
        if profile.snapshot is not None and name in _SNAPSHOT_TARGETS:
            derived, missing = _snapshot_columns(profile.snapshot, frame, mapping.formats.date_format)
            problems += [problem("missing_column", file=source.file, row=1, column=c) for c in missing]
            frame = frame.with_columns(derived)
            sources_of = {"__birth_date": profile.snapshot.age, "__start_date": profile.snapshot.years_at_company,
                          "__end_date": profile.snapshot.left or "end_date",
                          "__end_reason": profile.snapshot.left or "end_reason"}
            for target, helper in _SNAPSHOT_TARGETS[name].items():
                if target not in columns and helper in frame.columns:
                    columns[target] = pl.col(helper)
                    labels[target] = sources_of[helper]
        out = frame.select(
            pl.col(ROW),
            *[expr.cast(pl.String).str.strip_chars().alias(t) for t, expr in columns.items()],
        ).with_columns(
            pl.col(t).replace(m) for t, m in mapping.values.items() if t in columns
        ).with_columns(pl.when(pl.col(t) == "").then(None).otherwise(pl.col(t)).alias(t) for t in columns)
        if mapping.distinct:
            out = out.unique(subset=list(columns), keep="first", maintain_order=True)
        tables.append(RawTable(name, source.file, out, labels, mapping.formats.date_format,
                               mapping.formats.decimal_comma))
    return tables, problems


def snapshot_notes(profile: Profile) -> tuple[list[str], list[str]]:
    """What a snapshot import guessed, in Dutch and English, for the read result's notes."""
    snap = profile.snapshot
    if snap is None:
        return [], []
    ref = snap.reference_date.isoformat()
    nl = [
        f"Geboortedata benaderd uit leeftijd ({snap.age}) op peildatum {ref}: midden van het mogelijke jaar.",
        f"Begindata benaderd uit dienstjaren ({snap.years_at_company}) op peildatum {ref}: midden van het mogelijke jaar.",
    ]
    en = [
        f"Birth dates approximated from age ({snap.age}) at reference date {ref}: middle of the possible year.",
        f"Start dates approximated from years at company ({snap.years_at_company}) at reference date {ref}: "
        "middle of the possible year.",
    ]
    if snap.left:
        nl.append(f"Vertrokken medewerkers ({snap.left}) krijgen einddatum {ref} en reden uit dienst '{snap.end_reason}'.")
        en.append(f"Leavers ({snap.left}) get end date {ref} and end_reason '{snap.end_reason}'.")
    return nl, en
