"""Write a mapping profile as the TOML text `mapping.load_profile` reads (docs/import-mapping.md).

The mapping builder of the web app saves profiles through this one writer, so a profile built in
the browser and downloaded is the same file the CLI takes with `--mapping`. Format keys are written
once in [profile] and repeated in a table only where that table differs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from levensfase.ingest.mapping import Formats, Profile, TableMapping

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_FORMAT_FIELDS = ("source", "delimiter", "encoding", "decimal_comma", "date_format")


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except that TOML also forbids a raw DEL."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return toml_string(str(value))


def _format_lines(formats: Formats, base: Formats | None) -> list[str]:
    lines = []
    for name in _FORMAT_FIELDS:
        value = getattr(formats, name)
        if value is None or (base is not None and getattr(base, name) == value):
            continue
        lines.append(f"{name} = {_value(value)}")
    return lines


def _section(header: str, pairs: Mapping[str, str]) -> list[str]:
    return ["", f"[{header}]", *(f"{toml_key(k)} = {toml_string(v)}" for k, v in pairs.items())]


def _table_lines(table: TableMapping, base: Formats) -> list[str]:
    where = f"tables.{toml_key(table.table)}"
    lines = ["", f"[{where}]", *_format_lines(table.formats, base)]
    if table.distinct:
        lines.append("distinct = true")
    if table.columns:
        lines += _section(f"{where}.columns", table.columns)
    if table.constants:
        lines += _section(f"{where}.constants", table.constants)
    for column, translations in table.values.items():
        lines += _section(f"{where}.values.{toml_key(column)}", translations)
    if table.wide:
        lines += _section(f"{where}.wide", table.wide)
    return lines


def profile_to_toml(profile: Profile) -> str:
    """The profile as TOML; `parse_profile(tomllib.loads(profile_to_toml(p))) == p`."""
    lines = ["[profile]"]
    if profile.name:
        lines.append(f"name = {toml_string(profile.name)}")
    lines += _format_lines(profile.formats, None)
    for column, codes in profile.source_values.items():
        lines += _section(f"source_values.{toml_key(column)}", codes)
    snap = profile.snapshot
    if snap is not None:
        lines += ["", "[snapshot]", f"reference_date = {snap.reference_date.isoformat()}",
                  f"age = {toml_string(snap.age)}", f"years_at_company = {toml_string(snap.years_at_company)}"]
        if snap.left is not None:
            lines.append(f"left = {toml_string(snap.left)}")
        if snap.left_values:
            lines.append(f"left_values = [{', '.join(toml_string(v) for v in snap.left_values)}]")
        lines.append(f"end_reason = {toml_string(snap.end_reason)}")
    for table in profile.tables.values():
        lines += _table_lines(table, profile.formats)
    return "\n".join(lines) + "\n"
