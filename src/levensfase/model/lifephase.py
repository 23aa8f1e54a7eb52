"""Life-phase rules (levensfasen): the four axes of a profile and the named phases over them.

DESIGN §5: a life-phase profile is not an age band. It has four independent axes, each derived
from data (career, private life, vitality, pension horizon), and named phases such as *spitsuur*
(rush hour) are rules over those axes. The thresholds and the phases live in
`data/lifephases.toml`, with their sources, so an organisation can edit them; this module reads
and checks that file. The derivation over a Workforce is `levensfase.analytics.phases`.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "AXES",
    "CAREER_STATES",
    "PENSION_HORIZON_STATES",
    "PRIVATE_LIFE_STATES",
    "VITALITY_STATES",
    "CareerRules",
    "PensionHorizonRules",
    "Phase",
    "PhaseRules",
    "PhaseRulesError",
    "PrivateLifeRules",
    "VitalityRules",
    "load_rules",
    "parse_rules",
]

CAREER_STATES = ("starter", "growing", "established", "late_career")
PRIVATE_LIFE_STATES = ("no_care_duties", "young_children", "school_age_children", "caregiving")
CARE_SITUATIONS = ("caregiving", "young_children", "school_age_children")  # the ones with a boolean
VITALITY_STATES = ("excellent", "good", "moderate", "poor", "unknown")
PENSION_HORIZON_STATES = ("distant", "approaching", "window")
AXES: dict[str, tuple[str, ...]] = {
    "career": CAREER_STATES,
    "private_life": PRIVATE_LIFE_STATES,
    "vitality": VITALITY_STATES,
    "pension_horizon": PENSION_HORIZON_STATES,
}


class PhaseRulesError(ValueError):
    """A life-phase rules file that cannot be used; the message names the file, table and key."""


@dataclass(frozen=True)
class CareerRules:
    """Career axis (loopbaan): tenure and promotion thresholds in years, plus the age fallback."""

    starter_years: int = 2
    growing_years: int = 10
    promotion_window_years: int = 3
    censored_history: bool = True
    starter_below_age: int = 30
    growing_below_age: int = 45


@dataclass(frozen=True)
class PrivateLifeRules:
    """Private-life axis (privésituatie): child-age limits, the priority and the age fallback."""

    young_children_below_age: int = 4
    school_age_below_age: int = 18
    priority: tuple[str, ...] = CARE_SITUATIONS
    age_fallback: tuple[tuple[int, int, str], ...] = ((30, 35, "young_children"), (35, 50, "school_age_children"))


@dataclass(frozen=True)
class VitalityRules:
    """Vitality axis (werkvermogen, work ability): how old a WAI/WAS answer may be."""

    window_years: int = 3


@dataclass(frozen=True)
class PensionHorizonRules:
    """Pension-horizon axis: years before the AOW date at which the late career and the window start."""

    approaching_years: int = 10
    window_years: int = 5


@dataclass(frozen=True)
class Phase:
    """A named phase: all its conditions must hold; `conditions` maps an axis to its allowed states."""

    name: str
    label_nl: str
    label_en: str
    conditions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    min_fte: float | None = None
    max_fte: float | None = None

    def allowed(self, axis: str) -> tuple[str, ...] | None:
        """The states this phase allows on `axis`, or None when it does not look at that axis."""
        return dict(self.conditions).get(axis)


@dataclass(frozen=True)
class PhaseRules:
    """Everything needed to derive profiles: axis thresholds, named phases and the primary priority."""

    career: CareerRules
    private_life: PrivateLifeRules
    vitality: VitalityRules
    pension_horizon: PensionHorizonRules
    phases: tuple[Phase, ...]
    primary_priority: tuple[str, ...]
    origin: str = "lifephases.toml"

    @property
    def phase_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.phases)

    def phase(self, name: str) -> Phase:
        for p in self.phases:
            if p.name == name:
                return p
        raise KeyError(f"no phase named {name!r}; phases: {', '.join(self.phase_names)}")


def load_rules(path: Path | str | None = None) -> PhaseRules:
    """Read and check a life-phase rules TOML; without `path`, the shipped defaults."""
    if path is None:
        text = resources.files("levensfase.model").joinpath("data/lifephases.toml").read_text(encoding="utf-8")
        return parse_rules(text, origin="levensfase/model/data/lifephases.toml")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PhaseRulesError(f"cannot read life-phase rules file {path}: {exc}") from None
    return parse_rules(text, origin=str(path))


def parse_rules(text: str, *, origin: str = "lifephases.toml") -> PhaseRules:
    """Check the TOML text of a rules file; every problem names the table and key it is about."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PhaseRulesError(f"{origin}: not valid TOML: {exc}") from None
    return _Parser(origin).rules(raw)


_TOP_KEYS = ("version", "career", "private_life", "vitality", "pension_horizon", "phases", "primary")
_PHASE_KEYS = ("label_nl", "label_en", *AXES, "min_fte", "max_fte")


class _Parser:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, where: str, reason: str) -> PhaseRulesError:
        place = f" [{where}]" if where else ""
        return PhaseRulesError(f"{self.origin}:{place} {reason}")

    def table(self, raw: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        path = f"{where}.{key}" if where else key
        node = raw.get(key)
        if not isinstance(node, dict):
            raise self.fail(path, "table is missing" if node is None else "must be a table")
        self.known(node, path, allowed)
        return node

    def known(self, node: dict[str, Any], where: str, allowed: tuple[str, ...]) -> None:
        for key in node:
            if key not in allowed:
                raise self.fail(where, f"unknown key {key!r}; allowed keys: {', '.join(allowed)}")

    def integer(self, node: dict[str, Any], key: str, where: str, *, low: int, high: int) -> int:
        value = node.get(key)
        if type(value) is not int or not low <= value <= high:
            got = "nothing" if value is None else repr(value)
            raise self.fail(where, f"{key} must be a whole number from {low} to {high}, got {got}")
        return value

    def boolean(self, node: dict[str, Any], key: str, where: str) -> bool:
        value = node.get(key)
        if not isinstance(value, bool):
            raise self.fail(where, f"{key} must be true or false, got {'nothing' if value is None else repr(value)}")
        return value

    def text(self, node: dict[str, Any], key: str, where: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{key} must be a non-empty text")
        return value

    def states(self, value: Any, key: str, where: str, choices: tuple[str, ...]) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.fail(where, f"{key} must be a non-empty list of states ({', '.join(choices)})")
        for v in value:
            if v not in choices:
                raise self.fail(where, f"{key}: unknown state {v!r}; choose from {', '.join(choices)}")
        if len(set(value)) != len(value):
            raise self.fail(where, f"{key} lists a state twice")
        return tuple(value)

    def rules(self, raw: dict[str, Any]) -> PhaseRules:
        self.known(raw, "", _TOP_KEYS)
        if raw.get("version") != 1:
            raise self.fail("", f"version must be 1, got {raw.get('version')!r}")
        phases = self.phases(raw)
        return PhaseRules(
            career=self.career(raw),
            private_life=self.private_life(raw),
            vitality=self.vitality(raw),
            pension_horizon=self.pension_horizon(raw),
            phases=phases,
            primary_priority=self.primary(raw, phases),
            origin=self.origin,
        )

    def career(self, raw: dict[str, Any]) -> CareerRules:
        keys = ("starter_years", "growing_years", "promotion_window_years", "censored_history", "age_fallback")
        node = self.table(raw, "career", "", keys)
        fallback = self.table(node, "age_fallback", "career", ("starter_below_age", "growing_below_age"))
        starter = self.integer(node, "starter_years", "career", low=0, high=60)
        growing = self.integer(node, "growing_years", "career", low=starter, high=60)
        young = self.integer(fallback, "starter_below_age", "career.age_fallback", low=0, high=120)
        return CareerRules(
            starter_years=starter,
            growing_years=growing,
            promotion_window_years=self.integer(node, "promotion_window_years", "career", low=0, high=60),
            censored_history=self.boolean(node, "censored_history", "career"),
            starter_below_age=young,
            growing_below_age=self.integer(fallback, "growing_below_age", "career.age_fallback", low=young, high=120),
        )

    def private_life(self, raw: dict[str, Any]) -> PrivateLifeRules:
        keys = ("young_children_below_age", "school_age_below_age", "priority", "age_fallback")
        node = self.table(raw, "private_life", "", keys)
        young = self.integer(node, "young_children_below_age", "private_life", low=1, high=30)
        school = self.integer(node, "school_age_below_age", "private_life", low=young, high=30)
        priority = self.states(node.get("priority"), "priority", "private_life", CARE_SITUATIONS)
        if set(priority) != set(CARE_SITUATIONS):
            raise self.fail("private_life", f"priority must list each of {', '.join(CARE_SITUATIONS)} once")
        fallback = self.table(node, "age_fallback", "private_life", ("bands",))
        rows = fallback.get("bands")
        where = "private_life.age_fallback"
        if not isinstance(rows, list):
            raise self.fail(where, "bands must be a list of [from_age, below_age, state]")
        bands: list[tuple[int, int, str]] = []
        for row in rows:
            ok = isinstance(row, list) and len(row) == 3 and type(row[0]) is int and type(row[1]) is int
            if not ok or not 0 <= row[0] < row[1] <= 130 or not isinstance(row[2], str):
                raise self.fail(where, f"bands: {row!r} must be [from_age, below_age, state] with from_age < below_age")
            self.states([row[2]], "bands", where, PRIVATE_LIFE_STATES)
            if bands and row[0] < bands[-1][1]:
                raise self.fail(where, "bands must be in ascending age order without overlaps")
            bands.append((row[0], row[1], row[2]))
        return PrivateLifeRules(young, school, priority, tuple(bands))

    def vitality(self, raw: dict[str, Any]) -> VitalityRules:
        node = self.table(raw, "vitality", "", ("window_years",))
        return VitalityRules(window_years=self.integer(node, "window_years", "vitality", low=1, high=50))

    def pension_horizon(self, raw: dict[str, Any]) -> PensionHorizonRules:
        node = self.table(raw, "pension_horizon", "", ("approaching_years", "window_years"))
        window = self.integer(node, "window_years", "pension_horizon", low=0, high=50)
        approaching = self.integer(node, "approaching_years", "pension_horizon", low=window, high=50)
        return PensionHorizonRules(approaching_years=approaching, window_years=window)

    def phases(self, raw: dict[str, Any]) -> tuple[Phase, ...]:
        node = raw.get("phases")
        if not isinstance(node, dict) or not node:
            raise self.fail("phases", "at least one [phases.NAME] table is needed")
        phases = []
        for name, body in node.items():
            where = f"phases.{name}"
            if not name.replace("_", "").isalnum() or not name.isascii():
                raise self.fail(where, "a phase name may hold only letters, digits and underscores")
            if not isinstance(body, dict):
                raise self.fail(where, "must be a table")
            self.known(body, where, _PHASE_KEYS)
            conditions = tuple(
                (axis, self.states(body[axis], axis, where, states)) for axis, states in AXES.items() if axis in body
            )
            low, high = self.fte(body, "min_fte", where), self.fte(body, "max_fte", where)
            if low is not None and high is not None and low > high:
                raise self.fail(where, f"min_fte {low} is above max_fte {high}")
            if not conditions and low is None and high is None:
                raise self.fail(where, "needs at least one condition (an axis, min_fte or max_fte)")
            phases.append(Phase(name, self.text(body, "label_nl", where), self.text(body, "label_en", where),
                                conditions, low, high))
        return tuple(phases)

    def fte(self, body: dict[str, Any], key: str, where: str) -> float | None:
        if key not in body:
            return None
        value = body[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or not 0 <= value <= 1.2:
            raise self.fail(where, f"{key} must be a number from 0 to 1.2, got {value!r}")
        return float(value)

    def primary(self, raw: dict[str, Any], phases: tuple[Phase, ...]) -> tuple[str, ...]:
        node = self.table(raw, "primary", "", ("priority",))
        names = [p.name for p in phases]
        priority = self.states(node.get("priority"), "priority", "primary", tuple(names))
        missing = [n for n in names if n not in priority]
        if missing:
            raise self.fail("primary", f"priority must list every phase once; missing: {', '.join(missing)}")
        return priority
