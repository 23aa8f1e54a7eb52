"""The instruments' reference numbers (scoring tables, bands, norms), read from a TOML file.

The numbers live in `model/data/instruments.toml` so an organisation can correct them (for
example once the UWES-9 norms are checked against the manual) without touching code; each
number group carries its source and a `verified` flag that turns into a result footnote.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from levensfase.model.schema import WORK_DEMANDS

UWES_SCALES = ("vigor", "dedication", "absorption")
UWES_VERSIONS = {"uwes9": 9, "uwes17": 17}


class ReferenceDataError(ValueError):
    """The instruments reference file is unreadable or inconsistent; the message says where."""


@dataclass(frozen=True)
class NumberGroup:
    """Provenance of one group of numbers: unverified groups add `note` as a footnote."""

    verified: bool
    source: str
    note: str


@dataclass(frozen=True)
class WaiReference:
    total_min: int
    total_max: int
    item2_weights: dict[str, tuple[Fraction, Fraction]]  # work_demand -> (physical, mental) weight
    item3_points: tuple[tuple[int, int], ...]
    item5_points: tuple[tuple[int, int], ...]
    item7_points: tuple[tuple[int, int], ...]
    bands: tuple[tuple[str, int, int], ...]
    scoring: NumberGroup
    categories: NumberGroup


@dataclass(frozen=True)
class WasReference:
    score_min: int
    score_max: int
    bands: tuple[tuple[str, int, int], ...]
    categories: NumberGroup


@dataclass(frozen=True)
class UwesReference:
    version: str
    n_items: int
    answer_min: int
    answer_max: int
    band_names: tuple[str, ...]
    items: dict[str, tuple[int, ...]]  # scale -> 1-based item numbers
    norms: dict[str, tuple[Fraction, ...]]  # scale or "total" -> upper bounds of the first four bands
    item_map: NumberGroup
    norm_table: NumberGroup


@dataclass(frozen=True)
class InstrumentReference:
    wai: WaiReference
    was: WasReference
    uwes: dict[str, UwesReference]  # "uwes9" / "uwes17"


def load_reference(path: Path | None = None) -> InstrumentReference:
    """Read and check an instruments TOML file; without `path`, the packaged default (cached)."""
    if path is None:
        return _default_reference()
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReferenceDataError(f"cannot read instruments reference file {path}: {exc}") from None
    return _parse(raw, origin=str(path))


@lru_cache(maxsize=1)
def _default_reference() -> InstrumentReference:
    text = resources.files("levensfase.model").joinpath("data/instruments.toml").read_text(encoding="utf-8")
    return _parse(tomllib.loads(text), origin="levensfase/model/data/instruments.toml")


def _parse(raw: dict[str, Any], *, origin: str) -> InstrumentReference:
    def fail(where: str, reason: str) -> ReferenceDataError:
        return ReferenceDataError(f"{origin}: [{where}] {reason}")

    def table(where: str) -> dict[str, Any]:
        node: Any = raw
        for part in where.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            raise fail(where, "table is missing")
        return node

    def integer(where: str, key: str) -> int:
        value = table(where).get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(where, f"{key} must be a whole number")
        return value

    def group(where: str) -> NumberGroup:
        node = table(where)
        verified, source, note = node.get("verified"), node.get("source"), node.get("note", "")
        if not isinstance(verified, bool) or not isinstance(source, str) or not isinstance(note, str):
            raise fail(where, "needs verified = true|false, source = text (and note = text)")
        if not verified and not note:
            raise fail(where, "an unverified number group needs a note for the footnote")
        return NumberGroup(verified=verified, source=source, note=note)

    def thresholds(where: str, key: str) -> tuple[tuple[int, int], ...]:
        rows = table(where).get(key)
        ok = isinstance(rows, list) and rows and all(
            isinstance(r, list) and len(r) == 2 and all(type(v) is int for v in r) for r in rows
        )
        if not ok or rows[0][0] != 0 or any(a[0] >= b[0] for a, b in zip(rows, rows[1:])):
            raise fail(where, f"{key} must be [[from, points], ...] starting at 0 with ascending from")
        return tuple((r[0], r[1]) for r in rows)

    def bands(where: str, low: int, high: int) -> tuple[tuple[str, int, int], ...]:
        rows = table(where).get("bands")
        ok = isinstance(rows, list) and rows and all(
            isinstance(r, list) and len(r) == 3 and isinstance(r[0], str) and all(type(v) is int for v in r[1:])
            for r in rows
        )
        if not ok:
            raise fail(where, "bands must be [[name, lowest, highest], ...]")
        expected = low
        for _name, lowest, highest in rows:
            if lowest != expected or highest < lowest:
                raise fail(where, f"bands must cover {low}-{high} without gaps or overlaps")
            expected = highest + 1
        if expected != high + 1:
            raise fail(where, f"bands must cover {low}-{high} without gaps or overlaps")
        return tuple((r[0], r[1], r[2]) for r in rows)

    wai_total_min, wai_total_max = integer("wai", "total_min"), integer("wai", "total_max")
    weights_raw = table("wai.scoring").get("item2_weights")
    weights: dict[str, tuple[Fraction, Fraction]] = {}
    for demand in WORK_DEMANDS:
        pair = weights_raw.get(demand) if isinstance(weights_raw, dict) else None
        values = [pair.get(k) for k in ("physical", "mental")] if isinstance(pair, dict) else [None]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in values):
            raise fail("wai.scoring", f"item2_weights.{demand} needs physical and mental weights >= 0")
        weights[demand] = (Fraction(str(values[0])), Fraction(str(values[1])))
    wai = WaiReference(
        total_min=wai_total_min,
        total_max=wai_total_max,
        item2_weights=weights,
        item3_points=thresholds("wai.scoring", "item3_points"),
        item5_points=thresholds("wai.scoring", "item5_points"),
        item7_points=thresholds("wai.scoring", "item7_points"),
        bands=bands("wai.categories", wai_total_min, wai_total_max),
        scoring=group("wai.scoring"),
        categories=group("wai.categories"),
    )
    was_min, was_max = integer("was", "score_min"), integer("was", "score_max")
    was = WasReference(
        score_min=was_min, score_max=was_max, bands=bands("was.categories", was_min, was_max),
        categories=group("was.categories"),
    )
    answer_min, answer_max = integer("uwes", "answer_min"), integer("uwes", "answer_max")
    band_names = table("uwes").get("band_names")
    if not (isinstance(band_names, list) and len(band_names) == 5 and all(isinstance(n, str) for n in band_names)):
        raise fail("uwes", "band_names must list five band names")
    uwes = {
        version: _parse_uwes(version, n_items, table, group, fail, answer_min, answer_max, tuple(band_names))
        for version, n_items in UWES_VERSIONS.items()
    }
    return InstrumentReference(wai=wai, was=was, uwes=uwes)


def _parse_uwes(version, n_items, table, group, fail, answer_min, answer_max, band_names) -> UwesReference:
    items_node, norms_node = table(f"{version}.items"), table(f"{version}.norms")
    items: dict[str, tuple[int, ...]] = {}
    for scale in UWES_SCALES:
        numbers = items_node.get(scale)
        if not (isinstance(numbers, list) and numbers and all(type(n) is int for n in numbers)):
            raise fail(f"{version}.items", f"{scale} must list item numbers")
        items[scale] = tuple(numbers)
    every = sorted(n for scale in UWES_SCALES for n in items[scale])
    if every != list(range(1, n_items + 1)):
        raise fail(f"{version}.items", f"the scales must use items 1-{n_items} exactly once each")
    norms: dict[str, tuple[Fraction, ...]] = {}
    for scale in (*UWES_SCALES, "total"):
        bounds = norms_node.get(scale)
        ok = isinstance(bounds, list) and len(bounds) == 4 and all(
            isinstance(b, (int, float)) and not isinstance(b, bool) for b in bounds
        )
        exact = [Fraction(str(b)) for b in bounds] if ok else []
        if not ok or any(a >= b for a, b in zip(exact, exact[1:])):
            raise fail(f"{version}.norms", f"{scale} must list four ascending upper bounds")
        norms[scale] = tuple(exact)
    return UwesReference(
        version=version, n_items=n_items, answer_min=answer_min, answer_max=answer_max,
        band_names=band_names, items=items, norms=norms,
        item_map=group(f"{version}.items"), norm_table=group(f"{version}.norms"),
    )
