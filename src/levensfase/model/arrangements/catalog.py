"""The arrangement catalog (regelingen): the instruments an organisation offers, read from TOML.

Each arrangement is typed by one of the four HR bundles of Kooij et al. (2014) so the policy scan
can weigh development against sparing (ontzie), names the life-phase axes it serves (never ages),
and carries its eligibility rules, cost model and legal note. The data file is
`model/data/catalog.toml`; an organisation edits its own copy and passes the path to `load_catalog`.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from levensfase.model.datafiles import describe, read_data_file
from levensfase.model.lifephase import AXES
from levensfase.model.schema import CONTRACTS, WORK_DEMANDS

__all__ = [
    "BUNDLES", "FUNDERS", "Arrangement", "Catalog", "CatalogError", "Cost", "Eligibility",
    "load_catalog", "parse_catalog",
]

# Ranked: development first, sparing last (DESIGN: development before sparing).
BUNDLES = ("development", "utilisation", "maintenance", "accommodative")
FUNDERS = ("employer", "plb", "ikb", "own_budget", "training_budget")
_ENTRY_KEYS = {"name_nl", "name_en", "description_nl", "description_en", "bundle", "serves", "eligibility",
               "cost", "legal_note", "source", "wgbl_justification_required", "wgbl_justification", "active"}
_REQUIRED = ("name_nl", "name_en", "description_nl", "description_en", "bundle", "legal_note", "source")
_COST_KEYS = {"hours", "eur", "salary_pct", "per", "funded_by", "job_required"}
_ELIGIBILITY_KEYS = {"contracts", "min_service_years", "min_fte", "max_fte", "work_demand", "within_years_before_aow",
                     "within_months_before_aow", "min_age", *AXES}
# Conditions that distinguish by (calendar or pension) age: the WGBL demands a justification.
AGE_CONDITIONS = ("min_age", "within_years_before_aow", "within_months_before_aow", "pension_horizon")


class CatalogError(ValueError):
    """A catalog file that cannot be used; the message names file, entry and field."""


@dataclass(frozen=True)
class Eligibility:
    """Conditions that must all hold; None / empty = no condition."""

    contracts: tuple[str, ...] = ()
    min_service_years: float | None = None
    min_fte: float | None = None
    max_fte: float | None = None
    work_demand: tuple[str, ...] = ()
    within_years_before_aow: int | None = None
    within_months_before_aow: int | None = None
    min_age: int | None = None
    axes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (axis, allowed states)


@dataclass(frozen=True)
class Cost:
    """What one take-up costs, per year or once; `funded_by` names the budget that pays."""

    hours: float = 0.0
    eur: float = 0.0
    salary_pct: float = 0.0
    per: str = "once"
    funded_by: str = "employer"
    # Training the job requires: the employer pays it and it takes place in working time
    # (art. 7:611a BW); never from a personal budget (the loader refuses that).
    job_required: bool = False


@dataclass(frozen=True)
class Arrangement:
    code: str
    name_nl: str
    name_en: str
    description_nl: str
    description_en: str
    bundle: str
    serves: tuple[tuple[str, tuple[str, ...]], ...]
    eligibility: Eligibility
    cost: Cost
    legal_note: str
    source: str
    wgbl_justification_required: bool = False
    wgbl_justification: str = ""  # the organisation's objective justification (aim, appropriate, necessary)
    active: bool = True  # inactive: never recommended or requested, but past use still counts

    @property
    def age_conditions(self) -> list[str]:
        """The eligibility conditions that distinguish by age (the WGBL asks a justification for each)."""
        return [c for c in AGE_CONDITIONS if _uses(self.eligibility, c)]

    def name(self, lang: str = "nl") -> str:
        return self.name_en if lang == "en" else self.name_nl

    @property
    def bundle_rank(self) -> int:
        return BUNDLES.index(self.bundle)


@dataclass(frozen=True)
class Catalog:
    arrangements: tuple[Arrangement, ...]
    source: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {a.code: a for a in self.arrangements})

    def __getitem__(self, code: str) -> Arrangement:
        try:
            return self._by_code[code]  # type: ignore[attr-defined]
        except KeyError:
            raise KeyError(f"unknown arrangement code {code!r} (not in {self.source})") from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code  # type: ignore[attr-defined]

    def __iter__(self):
        return iter(self.arrangements)

    def __len__(self) -> int:
        return len(self.arrangements)

    def bundle_of(self) -> dict[str, str]:
        """code → bundle, for joining onto arrangement records."""
        return {a.code: a.bundle for a in self.arrangements}


def load_catalog(path: str | Path | None = None) -> Catalog:
    """The catalog from `path`, or the packaged default (`model/data/catalog.toml`)."""
    try:
        name, text = read_data_file(path, packaged="catalog.toml")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: cannot read the catalog ({describe(exc)})") from None
    return parse_catalog(text, source=name)


def parse_catalog(text: str, *, source: str = "catalog.toml") -> Catalog:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{source}: not valid TOML ({exc})") from None
    if raw.get("version") != 1:
        raise CatalogError(f"{source}: version must be 1, got {raw.get('version')!r}")
    entries = raw.get("arrangements")
    if not isinstance(entries, dict) or not entries:
        raise CatalogError(f"{source}: at least one [arrangements.CODE] table is needed")
    return Catalog(tuple(_Entry(source, code).parse(body) for code, body in entries.items()), source)


class _Entry:
    """Checks one [arrangements.CODE] table, failing with file, entry and field in the message."""

    def __init__(self, source: str, code: str) -> None:
        self.source, self.code = source, code

    def fail(self, field: str, message: str) -> CatalogError:
        return CatalogError(f"{self.source}: arrangements.{self.code}: {field}: {message}")

    def parse(self, body: Any) -> Arrangement:
        if not self.code.replace("_", "").isalnum() or not self.code.isascii() or self.code != self.code.lower():
            raise self.fail("code", "use lower-case letters, digits and underscores only")
        if not isinstance(body, dict):
            raise self.fail("(entry)", "must be a table")
        unknown = sorted(set(body) - _ENTRY_KEYS)
        if unknown:
            raise self.fail(unknown[0], f"unknown field (allowed: {', '.join(sorted(_ENTRY_KEYS))})")
        for key in _REQUIRED:
            if not isinstance(body.get(key), str) or not body[key].strip():
                raise self.fail(key, "required text is missing or empty")
        if body["bundle"] not in BUNDLES:
            raise self.fail("bundle", f"{body['bundle']!r} is not one of {', '.join(BUNDLES)}")
        wgbl = body.get("wgbl_justification_required", False)
        for key in ("wgbl_justification_required", "active"):
            if not isinstance(body.get(key, False), bool):
                raise self.fail(key, "must be true or false")
        justification = body.get("wgbl_justification", "")
        if not isinstance(justification, str):
            raise self.fail("wgbl_justification", "must be text")
        eligibility = self.eligibility(body.get("eligibility", {}))
        used = [c for c in AGE_CONDITIONS if _uses(eligibility, c)]
        if used and not wgbl:
            raise self.fail("wgbl_justification_required",
                            f"must be true: eligibility distinguishes by age ({', '.join(used)})")
        return Arrangement(
            code=self.code, name_nl=body["name_nl"].strip(), name_en=body["name_en"].strip(),
            description_nl=body["description_nl"].strip(), description_en=body["description_en"].strip(),
            bundle=body["bundle"], serves=self.axes(body.get("serves", {}), "serves"), eligibility=eligibility,
            cost=self.cost(body.get("cost", {})), legal_note=body["legal_note"].strip(),
            source=body["source"].strip(), wgbl_justification_required=wgbl,
            wgbl_justification=justification.strip(), active=body.get("active", True),
        )

    def axes(self, node: Any, field: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if not isinstance(node, dict):
            raise self.fail(field, "must be a table of axis = [states]")
        out = []
        for axis, states in node.items():
            if axis not in AXES:
                raise self.fail(f"{field}.{axis}", f"unknown axis (allowed: {', '.join(AXES)}); ages are not an axis")
            out.append((axis, self.choices(states, f"{field}.{axis}", AXES[axis])))
        return tuple(out)

    def choices(self, value: Any, field: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.fail(field, "must be a non-empty list of names")
        wrong = [v for v in value if v not in allowed]
        if wrong:
            raise self.fail(field, f"{wrong[0]!r} is not one of {', '.join(allowed)}")
        return tuple(value)

    def number(self, node: dict, key: str, field: str, low: float, high: float, whole: bool = False) -> float | None:
        if key not in node:
            return None
        value = node[key]
        ok = not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)
        if not ok or not low <= value <= high or (whole and not isinstance(value, int)):
            kind = "a whole number" if whole else "a number"
            raise self.fail(f"{field}.{key}", f"must be {kind} from {low:g} to {high:g}, got {value!r}")
        return value

    def eligibility(self, node: Any) -> Eligibility:
        if not isinstance(node, dict):
            raise self.fail("eligibility", "must be a table")
        unknown = sorted(set(node) - _ELIGIBILITY_KEYS)
        if unknown:
            raise self.fail(f"eligibility.{unknown[0]}", f"unknown condition (allowed: {', '.join(sorted(_ELIGIBILITY_KEYS))})")
        n = lambda key, low, high, whole=False: self.number(node, key, "eligibility", low, high, whole)  # noqa: E731
        low, high = n("min_fte", 0, 1.2), n("max_fte", 0, 1.2)
        if low is not None and high is not None and low > high:
            raise self.fail("eligibility.min_fte", f"{low} is above max_fte {high}")
        return Eligibility(
            contracts=self.choices(node["contracts"], "eligibility.contracts", CONTRACTS) if "contracts" in node else (),
            min_service_years=n("min_service_years", 0, 60),
            min_fte=low, max_fte=high,
            work_demand=self.choices(node["work_demand"], "eligibility.work_demand", WORK_DEMANDS)
            if "work_demand" in node else (),
            within_years_before_aow=n("within_years_before_aow", 1, 20, True),
            within_months_before_aow=n("within_months_before_aow", 1, 240, True),
            min_age=n("min_age", 15, 80, True),
            axes=self.axes({a: node[a] for a in AXES if a in node}, "eligibility"),
        )

    def cost(self, node: Any) -> Cost:
        if not isinstance(node, dict):
            raise self.fail("cost", "must be a table")
        unknown = sorted(set(node) - _COST_KEYS)
        if unknown:
            raise self.fail(f"cost.{unknown[0]}", f"unknown field (allowed: {', '.join(sorted(_COST_KEYS))})")
        per = node.get("per", "once")
        if per not in ("year", "once"):
            raise self.fail("cost.per", f"must be 'year' or 'once', got {per!r}")
        funded_by = node.get("funded_by", "employer")
        if funded_by not in FUNDERS:
            raise self.fail("cost.funded_by", f"{funded_by!r} is not one of {', '.join(FUNDERS)}")
        job_required = node.get("job_required", False)
        if not isinstance(job_required, bool):
            raise self.fail("cost.job_required", f"must be true or false, got {job_required!r}")
        if job_required and funded_by != "employer":
            raise self.fail("cost.funded_by", "training the job requires is paid by the employer in working time "
                            f"(art. 7:611a BW), never from a personal budget; got {funded_by!r}")
        return Cost(
            hours=float(self.number(node, "hours", "cost", 0, 10_000) or 0.0),
            eur=float(self.number(node, "eur", "cost", 0, 1_000_000) or 0.0),
            salary_pct=float(self.number(node, "salary_pct", "cost", 0, 100) or 0.0),
            per=per, funded_by=funded_by, job_required=job_required,
        )


def _uses(eligibility: Eligibility, condition: str) -> bool:
    if condition in AXES:
        return any(axis == condition for axis, _ in eligibility.axes)
    return getattr(eligibility, condition) is not None
