"""What a funded arrangement does to exit risk, per arrangement type × category (planner input).

The numbers live in a TOML file (`planning/data/effects.toml`) rather than in code because they are
the weakest link of the planner: the packaged defaults are literature-based guesses flagged
`assumption = true`, and an organisation replaces them with its own evaluation (or the planner takes
the measured hazard ratios of `levensfase.evaluation`, see `planning.evidence`). The loader refuses
anything it cannot use with a message naming file, type and field.

Two parts beyond a reduction per type: `retirement_delay_years` marks a work-longer type (its effect on
early retirement is a later retirement, capped at the AOW date, not a prevented exit), and the
`[returns]` table is the diminishing return of reaching more of one category (`Returns`).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from levensfase.analytics.categories import CATEGORIES
from levensfase.model.arrangements.catalog import BUNDLES
from levensfase.model.datafiles import describe, read_data_file

__all__ = ["ArrangementType", "Effects", "EffectsError", "LINEAR", "Returns", "load_effects", "parse_effects"]

_KEYS = {"bundle", "name_nl", "name_en", "cost_eur", "max_places", "reduction", "assumption", "source", "by_category",
         "retirement_delay_years"}
AXES = (*CATEGORIES, "primary_phase")  # the planner's category axes (primary life phase: a partition)
_REQUIRED = ("bundle", "name_nl", "name_en", "cost_eur", "reduction", "source")


class EffectsError(ValueError):
    """An effects file that cannot be used; the message names file, type and field."""


@dataclass(frozen=True)
class ArrangementType:
    """One fundable arrangement type: cost per place per year and its relative exit-risk reduction."""

    code: str
    bundle: str
    name_nl: str
    name_en: str
    cost_eur: float
    reduction: float
    source: str
    assumption: bool = True
    max_places: int | None = None
    by_category: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = ()
    retirement_delay_years: float | None = None
    interval: tuple[float, float] | None = None  # 95% interval of the measured hazard ratio
    hazard_ratio: float | None = None  # the measured hazard ratio it came from (planning.evidence)
    n_matched: int | None = None

    @property
    def status(self) -> str:
        """"aanname" (assumed) or "gemeten" (measured in this organisation): shown beside every effect."""
        return "aanname" if self.assumption else "gemeten"

    @property
    def works_longer(self) -> bool:
        return self.retirement_delay_years is not None

    def name(self, lang: str = "nl") -> str:
        return self.name_en if lang == "en" else self.name_nl

    def reduction_for(self, axis: str | None, value: str | None) -> float:
        """The reduction for one category of `axis`: its override if the file names it, else the default."""
        for name, overrides in self.by_category:
            if name == axis:
                return dict(overrides).get(value, self.reduction)  # type: ignore[arg-type]
        return self.reduction


@dataclass(frozen=True)
class Returns:
    """Diminishing returns per category: the first `coverage[0]` share of a category reached gets the
    full effect (`weight[0]` = 1), the next people less, … up to everyone (coverage ends at 1).
    Why: an effect is measured (or assumed) on the people who take an arrangement up first; pushing
    it further into the same category reaches people who need it less. Concave, so money spreads."""

    coverage: tuple[float, ...] = (1.0,)
    weight: tuple[float, ...] = (1.0,)

    def widths(self, population: int) -> list[int]:
        """Whole places per segment for a category of `population` people (they add up to it)."""
        bounds = [min(population, math.ceil(c * population - 1e-9)) for c in self.coverage]
        bounds[-1] = population
        return [b - a for a, b in zip([0, *bounds[:-1]], bounds)]


LINEAR = Returns()


@dataclass(frozen=True)
class Effects:
    types: tuple[ArrangementType, ...]
    source: str
    notes: tuple[str, ...] = field(default=())
    returns: Returns = LINEAR

    def __iter__(self):
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)

    @property
    def has_assumptions(self) -> bool:
        return any(t.assumption for t in self.types)


def load_effects(path: str | Path | None = None) -> Effects:
    """The effects from `path`, or the packaged defaults (`planning/data/effects.toml`)."""
    try:
        name, text = read_data_file(path, packaged="effects.toml", package="levensfase.planning")
    except (OSError, UnicodeDecodeError) as exc:
        raise EffectsError(f"{path}: cannot read the effects file ({describe(exc)})") from None
    return parse_effects(text, source=name)


def parse_effects(text: str, *, source: str = "effects.toml") -> Effects:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EffectsError(f"{source}: not valid TOML ({exc})") from None
    if raw.get("version") != 1:
        raise EffectsError(f"{source}: version must be 1, got {raw.get('version')!r}")
    entries = raw.get("types")
    if not isinstance(entries, dict) or not entries:
        raise EffectsError(f"{source}: at least one [types.CODE] table is needed")
    unknown = sorted(set(raw) - {"version", "types", "returns"})
    if unknown:
        raise EffectsError(f"{source}: {unknown[0]}: unknown table (allowed: version, types, returns)")
    types = tuple(_parse_type(source, code, body) for code, body in entries.items())
    return Effects(types, source, returns=_parse_returns(source, raw.get("returns")))


def _parse_returns(source: str, body: Any) -> Returns:
    if body is None:
        return LINEAR
    if not isinstance(body, dict) or set(body) != {"coverage", "weight"}:
        raise EffectsError(f"{source}: returns: needs exactly coverage = [...] and weight = [...]")
    coverage, weight = body["coverage"], body["weight"]
    numbers = lambda xs: isinstance(xs, list) and xs and all(_number(x, low=0, high=1) is not None for x in xs)  # noqa: E731
    if not numbers(coverage) or not numbers(weight) or len(coverage) != len(weight):
        raise EffectsError(f"{source}: returns: coverage and weight must be lists of equal length of numbers 0..1")
    if any(b <= a for a, b in zip(coverage, coverage[1:])) or coverage[-1] != 1 or coverage[0] <= 0:
        raise EffectsError(f"{source}: returns.coverage: must rise from above 0 to exactly 1 (all people reached)")
    if weight[0] != 1 or any(b > a for a, b in zip(weight, weight[1:])) or weight[-1] <= 0:
        raise EffectsError(f"{source}: returns.weight: must start at 1 and never rise (diminishing returns), above 0")
    return Returns(coverage=tuple(float(c) for c in coverage), weight=tuple(float(w) for w in weight))


def _parse_type(source: str, code: str, body: Any) -> ArrangementType:
    def fail(field_name: str, message: str) -> EffectsError:
        return EffectsError(f"{source}: types.{code}: {field_name}: {message}")

    if not isinstance(body, dict):
        raise fail("(entry)", "must be a table")
    unknown = sorted(set(body) - _KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown field (allowed: {', '.join(sorted(_KEYS))})")
    missing = [key for key in _REQUIRED if key not in body]
    if missing:
        raise fail(missing[0], "required field is missing")
    for key in ("name_nl", "name_en", "source"):
        if not isinstance(body[key], str) or not body[key].strip():
            raise fail(key, "must be a non-empty text")
    if body["bundle"] not in BUNDLES:
        raise fail("bundle", f"{body['bundle']!r} is not one of {', '.join(BUNDLES)}")
    cost = _number(body["cost_eur"], low=0.01, high=1_000_000)
    if cost is None:
        raise fail("cost_eur", f"must be a number from 0.01 to 1000000 (euro per place per year), got {body['cost_eur']!r}")
    reduction = _number(body["reduction"], low=0, high=1)
    if reduction is None:
        raise fail("reduction", f"must be a number from 0 to 1 (relative reduction of exit risk), got {body['reduction']!r}")
    max_places = body.get("max_places")
    if max_places is not None and (isinstance(max_places, bool) or not isinstance(max_places, int) or max_places < 0):
        raise fail("max_places", f"must be a whole number of at least 0, got {max_places!r}")
    assumption = body.get("assumption", True)
    if not isinstance(assumption, bool):
        raise fail("assumption", "must be true or false")
    by_category = body.get("by_category", {})
    if not isinstance(by_category, dict):
        raise fail("by_category", "must be a table of axis tables")
    overrides = []
    for axis, table in by_category.items():
        if axis not in AXES:
            raise fail(f"by_category.{axis}", f"unknown category axis (allowed: {', '.join(AXES)})")
        if not isinstance(table, dict):
            raise fail(f"by_category.{axis}", 'must be a table of "category" = reduction')
        values = []
        for value, number in table.items():
            checked = _number(number, low=0, high=1)
            if checked is None:
                raise fail(f"by_category.{axis}.{value}", f"must be a number from 0 to 1, got {number!r}")
            values.append((value, checked))
        overrides.append((axis, tuple(values)))
    delay = body.get("retirement_delay_years")
    if delay is not None and _number(delay, low=0.1, high=10) is None:
        raise fail("retirement_delay_years", f"must be a number of years from 0.1 to 10, got {delay!r}")
    return ArrangementType(
        code=code, bundle=body["bundle"], name_nl=body["name_nl"].strip(), name_en=body["name_en"].strip(),
        cost_eur=cost, reduction=reduction, source=body["source"].strip(), assumption=assumption,
        max_places=max_places, by_category=tuple(overrides),
        retirement_delay_years=None if delay is None else float(delay),
    )


def _number(value: Any, *, low: float, high: float) -> float | None:
    ok = not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)
    return float(value) if ok and low <= value <= high else None
