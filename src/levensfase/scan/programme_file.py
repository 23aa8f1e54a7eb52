"""Programme definitions from a small TOML file (the adviser's CLI; the web app stores its own).

    version = 1
    [[programme]]
    name = "Zelfroosterende teams Thuiszorg"
    start = 2025-03-01
    units = ["U010", "U011"]
    comparison = ["U012", "U013"]        # optional; left out = the rest of the organisation
    rounds = [2025-01-15, 2026-01-15]    # baseline and follow-up: the scan rounds' dates
    targets = { flexibel_organiseren = 3.5 }
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from levensfase.model.datafiles import describe
from levensfase.scan.errors import ScanError
from levensfase.scan.programmes import Programme

__all__ = ["load_programmes", "parse_programmes", "programmes_toml"]

_KEYS = {"name", "start", "units", "comparison", "rounds", "targets"}


def load_programmes(path: Path | str, *, unit_ids: set[str] | None = None,
                    measures: set[str] | None = None) -> list[Programme]:
    """The programmes of a TOML file; ScanError (Dutch and English) names file, programme and field."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScanError(f"{path}: het programmabestand kan niet worden gelezen ({describe(exc)}).",
                        f"{path}: cannot read the programme file ({describe(exc)}).") from None
    return parse_programmes(text, source=str(path), unit_ids=unit_ids, measures=measures)


def parse_programmes(text: str, *, source: str = "programmes.toml", unit_ids: set[str] | None = None,
                     measures: set[str] | None = None) -> list[Programme]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScanError(f"{source}: geen geldige TOML ({exc}).", f"{source}: not valid TOML ({exc}).") from None
    if raw.get("version") != 1:
        raise ScanError(f"{source}: version moet 1 zijn.", f"{source}: version must be 1.")
    entries = raw.get("programme")
    if not isinstance(entries, list) or not entries:
        raise ScanError(f"{source}: minstens één [[programme]] is nodig.", f"{source}: at least one [[programme]] is needed.")
    out = [_programme(source, n, body, unit_ids, measures) for n, body in enumerate(entries, start=1)]
    names = [p.name for p in out]
    if len(set(names)) != len(names):
        raise ScanError(f"{source}: twee programma's hebben dezelfde naam.", f"{source}: two programmes share a name.")
    return out


def _programme(source: str, n: int, body: Any, unit_ids: set[str] | None, measures: set[str] | None) -> Programme:
    def fail(key: str, nl: str, en: str) -> ScanError:
        return ScanError(f"{source}: programma {n}: {key}: {nl}", f"{source}: programme {n}: {key}: {en}")

    if not isinstance(body, dict):
        raise fail("programme", "moet een tabel zijn.", "must be a table.")
    extra = sorted(set(body) - _KEYS)
    if extra:
        raise fail(extra[0], f"onbekend veld (toegestaan: {', '.join(sorted(_KEYS))}).",
                   f"unknown field (allowed: {', '.join(sorted(_KEYS))}).")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("name", "ontbreekt.", "is missing.")
    start = body.get("start")
    if not isinstance(start, date):
        raise fail("start", "moet een datum zijn (JJJJ-MM-DD).", "must be a date (YYYY-MM-DD).")

    def unit_list(key: str) -> tuple[str, ...]:
        value = body.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(u, str) for u in value):
            raise fail(key, "moet een lijst van afdelingscodes zijn.", "must be a list of unit ids.")
        unknown = sorted(set(value) - unit_ids) if unit_ids is not None else []
        if unknown:
            raise fail(key, f"onbekende afdeling(en) {', '.join(unknown)}.", f"unknown unit(s) {', '.join(unknown)}.")
        return tuple(value)

    units = unit_list("units")
    comparison = unit_list("comparison") if "comparison" in body else None
    if comparison is not None and set(comparison) & set(units):
        raise fail("comparison", "een afdeling kan niet in het programma én in de vergelijking zitten.",
                   "a unit cannot be in the programme and in the comparison.")
    rounds = body.get("rounds")
    if not (isinstance(rounds, list) and len(rounds) == 2 and all(isinstance(d, date) for d in rounds)
            and rounds[0] < rounds[1]):
        raise fail("rounds", "twee datums nodig: nulmeting en vervolgmeting, in die volgorde.",
                   "two dates needed: baseline and follow-up, in that order.")
    targets = body.get("targets", {})
    if not isinstance(targets, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in targets.values()):
        raise fail("targets", "moet een tabel zijn van dimensie = doelscore.", "must be a table of dimension = target score.")
    unknown = sorted(set(targets) - measures) if measures is not None else []
    if unknown:
        raise fail("targets", f"onbekende dimensie(s) {', '.join(unknown)}.", f"unknown dimension(s) {', '.join(unknown)}.")
    return Programme(name.strip(), start, units, comparison, (rounds[0], rounds[1]),
                     {k: float(v) for k, v in targets.items()})


def programmes_toml(programmes: list[Programme]) -> str:
    """The TOML text of `programmes` (what `parse_programmes` reads back): the generator writes it."""
    lines = ["version = 1", ""]
    for p in programmes:
        quoted = lambda xs: "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in xs) + "]"  # noqa: E731
        lines += ["[[programme]]", f"name = {json.dumps(p.name, ensure_ascii=False)}", f"start = {p.start.isoformat()}", f"units = {quoted(p.units)}"]
        if p.comparison is not None:
            lines.append(f"comparison = {quoted(p.comparison)}")
        lines.append(f"rounds = [{p.rounds[0].isoformat()}, {p.rounds[1].isoformat()}]")
        if p.targets:
            lines.append("targets = { " + ", ".join(f"{json.dumps(k)} = {v}" for k, v in p.targets.items()) + " }")
        lines.append("")
    return "\n".join(lines)
