"""The scan's questionnaire as data (issue 19): six dimensions of social innovation, items in Dutch
and English, a 1–5 agreement scale; scoring is the mean per dimension.

The packaged file (`scan/data/instrument.toml`) is an own instrument written for levensfase, not the
validated Erasmus monitor; an organisation may load its own copy with edited or added items. Every
problem in such a file is refused with one clear message (Dutch and English) naming file and field.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from levensfase.model.datafiles import describe, read_data_file
from levensfase.scan.errors import ScanError

__all__ = ["DIMENSIONS", "Dimension", "Instrument", "Item", "load_instrument", "parse_instrument"]

# The six dimensions, in the order every table and chart shows them.
DIMENSIONS = ("dynamisch_management", "flexibel_organiseren", "slimmer_werken", "co_creatie",
              "benutting_competenties", "ontplooiingsruimte")
MIN_ITEMS, MAX_ITEMS = 3, 8
_TOP = {"version", "name_nl", "name_en", "scale_min", "scale_max", "scale_nl", "scale_en", "note_nl", "note_en",
        "source", "dimensions"}
_DIMENSION = {"name_nl", "name_en", "about_nl", "about_en", "items"}
_ITEM = {"code", "nl", "en", "reverse"}


@dataclass(frozen=True)
class Item:
    code: str
    dimension: str
    text_nl: str
    text_en: str
    reverse: bool = False

    def text(self, lang: str = "nl") -> str:
        return self.text_en if lang == "en" else self.text_nl


@dataclass(frozen=True)
class Dimension:
    code: str
    name_nl: str
    name_en: str
    about_nl: str
    about_en: str
    items: tuple[Item, ...]

    def name(self, lang: str = "nl") -> str:
        return self.name_en if lang == "en" else self.name_nl


@dataclass(frozen=True)
class Instrument:
    """The questionnaire: `dimensions` in display order; `note_*` says it is an own instrument."""

    name_nl: str
    name_en: str
    scale_min: int
    scale_max: int
    scale_nl: str
    scale_en: str
    note_nl: str
    note_en: str
    source: str
    dimensions: tuple[Dimension, ...]
    origin: str = "scan/data/instrument.toml"

    @property
    def dimension_codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.dimensions)

    @property
    def items(self) -> dict[str, Item]:
        """item code → item, over all dimensions."""
        return {i.code: i for d in self.dimensions for i in d.items}

    def dimension(self, code: str) -> Dimension:
        for d in self.dimensions:
            if d.code == code:
                return d
        raise KeyError(code)

    def name(self, lang: str = "nl") -> str:
        return self.name_en if lang == "en" else self.name_nl

    def note(self, lang: str = "nl") -> str:
        return self.note_en if lang == "en" else self.note_nl


def load_instrument(path: Path | str | None = None) -> Instrument:
    """The packaged questionnaire, or an organisation's own file at `path` (validated).

    Raises ScanError (Dutch and English message) for a file that cannot be read or used.
    """
    if path is None:
        return _packaged()
    try:
        name, text = read_data_file(path, packaged="instrument.toml", package="levensfase.scan")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScanError(f"{path}: de vragenlijst kan niet worden gelezen ({describe(exc)}).",
                        f"{path}: cannot read the questionnaire ({describe(exc)}).") from None
    return parse_instrument(text, source=name)


@lru_cache(maxsize=1)
def _packaged() -> Instrument:
    name, text = read_data_file(None, packaged="instrument.toml", package="levensfase.scan")
    return parse_instrument(text, source=name)


def parse_instrument(text: str, *, source: str = "instrument.toml") -> Instrument:
    """Parse and check a questionnaire file's text; ScanError names the first wrong field."""

    def fail(where: str, nl: str, en: str) -> ScanError:
        return ScanError(f"{source}: {where}: {nl}", f"{source}: {where}: {en}")

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScanError(f"{source}: geen geldige TOML ({exc}).", f"{source}: not valid TOML ({exc}).") from None
    if raw.get("version") != 1:
        raise fail("version", f"moet 1 zijn, niet {raw.get('version')!r}.", f"must be 1, not {raw.get('version')!r}.")
    _unknown(raw, _TOP, "", fail)
    texts = {key: _text(raw, key, "", fail) for key in ("name_nl", "name_en", "note_nl", "note_en", "source")}
    low, high = _whole(raw, "scale_min", fail), _whole(raw, "scale_max", fail)
    if not low < high:
        raise fail("scale_min", f"moet kleiner zijn dan scale_max ({low} ≥ {high}).",
                   f"must be smaller than scale_max ({low} ≥ {high}).")
    dims = raw.get("dimensions")
    if not isinstance(dims, dict) or set(dims) != set(DIMENSIONS):
        wanted = ", ".join(DIMENSIONS)
        raise fail("dimensions", f"precies deze zes dimensies zijn nodig: {wanted}.",
                   f"exactly these six dimensions are needed: {wanted}.")
    seen: set[str] = set()
    parsed = tuple(_dimension(code, dims[code], seen, fail) for code in DIMENSIONS)
    return Instrument(scale_min=low, scale_max=high, scale_nl=str(raw.get("scale_nl", "")),
                      scale_en=str(raw.get("scale_en", "")), dimensions=parsed, origin=source, **texts)


def _dimension(code: str, body: Any, seen: set[str], fail) -> Dimension:
    where = f"dimensions.{code}"
    if not isinstance(body, dict):
        raise fail(where, "moet een tabel zijn.", "must be a table.")
    _unknown(body, _DIMENSION, where + ".", fail)
    names = {key: _text(body, key, where + ".", fail) for key in ("name_nl", "name_en")}
    items = body.get("items")
    if not isinstance(items, list) or not MIN_ITEMS <= len(items) <= MAX_ITEMS:
        raise fail(where + ".items", f"{MIN_ITEMS} tot {MAX_ITEMS} vragen nodig.",
                   f"{MIN_ITEMS} to {MAX_ITEMS} items needed.")
    parsed = []
    for n, item in enumerate(items, start=1):
        at = f"{where}.items[{n}]"
        if not isinstance(item, dict):
            raise fail(at, "moet een tabel zijn met code, nl en en.", "must be a table with code, nl and en.")
        _unknown(item, _ITEM, at + ".", fail)
        item_code = _text(item, "code", at + ".", fail)
        if item_code in seen:
            raise fail(at + ".code", f"vraagcode {item_code!r} komt twee keer voor.",
                       f"item code {item_code!r} appears twice.")
        seen.add(item_code)
        reverse = item.get("reverse", False)
        if not isinstance(reverse, bool):
            raise fail(at + ".reverse", "moet true of false zijn.", "must be true or false.")
        parsed.append(Item(item_code, code, _text(item, "nl", at + ".", fail), _text(item, "en", at + ".", fail),
                           reverse))
    return Dimension(code, about_nl=str(body.get("about_nl", "")), about_en=str(body.get("about_en", "")),
                     items=tuple(parsed), **names)


def _text(table: dict, key: str, where: str, fail) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(where + key, "ontbreekt of is leeg.", "is missing or empty.")
    return value.strip()


def _whole(table: dict, key: str, fail) -> int:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(key, f"moet een geheel getal zijn, niet {value!r}.", f"must be a whole number, not {value!r}.")
    return value


def _unknown(table: dict, allowed: set[str], where: str, fail) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise fail(where + extra[0], f"onbekend veld (toegestaan: {', '.join(sorted(allowed))}).",
                   f"unknown field (allowed: {', '.join(sorted(allowed))}).")
