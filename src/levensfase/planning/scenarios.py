"""Scenarios: what-if settings for a projection, read from TOML files or a form's mapping.

A scenario changes the estimated model in a few well-defined ways (see docs/planning.md):
retirement (work until AOW date + n years), the generatiepact (80-90-100) take-up, young voluntary
turnover, the FTE per person, and the hiring policy and mix. The shipped scenarios live in
`data/scenarios/*.toml`; `scenario_from_mapping` validates a web form's data exactly like a file.
Every problem raises `ScenarioError` naming the field, in Dutch and English.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["HIRING_POLICIES", "Hiring", "Scenario", "ScenarioError", "builtin_scenarios", "load_scenario",
           "scenario_from_mapping"]

HIRING_POLICIES = ("observed", "replace", "target", "fixed")


class ScenarioError(ValueError):
    """A scenario that cannot be used. `field` names the offending key (dotted), `message_nl` and
    `message_en` say why in plain words; str() is the English message."""

    def __init__(self, field_name: str, message_en: str, message_nl: str, *, origin: str = "") -> None:
        prefix = f"{origin}: " if origin else ""
        super().__init__(f"{prefix}{field_name}: {message_en}")
        self.field = field_name
        self.message_en = f"{prefix}{field_name}: {message_en}"
        self.message_nl = f"{prefix}{field_name}: {message_nl}"


@dataclass(frozen=True)
class Hiring:
    """Hiring policy. observed: the yearly number of recruits seen in the history; replace: as many
    as left, per job family; target: enough to reach the demand file's FTE per family; fixed:
    `intake` per year. The mix (who is hired) is the observed one, reweighted by `young_share`
    (share of recruits younger than `young_below_age`) and/or `mix` (shares per life phase or age band)."""

    policy: str = "observed"
    intake: int | None = None
    young_share: float | None = None
    young_below_age: int = 30
    mix: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Scenario:
    """One what-if. Defaults change nothing: `Scenario(name="baseline")` is the observed trend."""

    name: str
    label_nl: str = ""
    label_en: str = ""
    description_nl: str = ""
    description_en: str = ""
    work_until_aow_plus: int | None = None  # retire at AOW date + this many whole years (instead of earlier)
    work_longer_share: float = 1.0          # share of would-be earlier retirees who do so
    generatiepact_take_up: float = 0.0      # share of the eligible who join 80-90-100
    generatiepact_work: float = 0.8         # share of the former hours still worked
    generatiepact_young_hires: bool = True  # freed FTE is filled with young recruits
    young_voluntary_factor: float = 1.0     # multiplies voluntary leaving of the young
    young_below_age: int = 35
    fte_delta: float = 0.0                  # added to the mean FTE per person (capped at 1.0)
    hiring: Hiring = field(default_factory=Hiring)

    def label(self, lang: str) -> str:
        text = self.label_en if lang == "en" else self.label_nl
        return text or self.name


# --- validation -----------------------------------------------------------------------------------

_TOP = {"name", "label_nl", "label_en", "description_nl", "description_en", "retirement", "generatiepact",
        "turnover", "fte", "hiring"}
_SECTIONS = {
    "retirement": {"work_until_aow_plus_years", "share"},
    "generatiepact": {"take_up", "work", "young_hires"},
    "turnover": {"young_voluntary_factor", "young_below_age"},
    "fte": {"part_time_delta"},
    "hiring": {"policy", "intake", "young_share", "young_below_age", "mix"},
}


class _Reader:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, name: str, en: str, nl: str) -> ScenarioError:
        return ScenarioError(name, en, nl, origin=self.origin)

    def text(self, data: Mapping, key: str, *, required: bool = False) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(key, "must be a non-empty text" if required else "must be text",
                            "moet een niet-lege tekst zijn" if required else "moet tekst zijn")
        return value.strip()

    def number(self, data: Mapping, key: str, name: str, *, low: float, high: float, default: Any,
               whole: bool = False) -> Any:
        if key not in data:
            return default
        value = data[key]
        if isinstance(value, str):
            try:
                value = float(value.replace(",", ".")) if not whole else int(value)
            except ValueError:
                value = None
        ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
              and (not whole or float(value).is_integer()) and low <= value <= high)
        if not ok:
            kind_en, kind_nl = ("a whole number", "een heel getal") if whole else ("a number", "een getal")
            raise self.fail(name, f"must be {kind_en} from {low:g} to {high:g}, got {data[key]!r}",
                            f"moet {kind_nl} van {low:g} tot en met {high:g} zijn, niet {data[key]!r}")
        return int(value) if whole else float(value)

    def section(self, data: Mapping, key: str) -> Mapping:
        value = data.get(key, {})
        if not isinstance(value, Mapping):
            raise self.fail(key, "must be a table of settings", "moet een tabel met instellingen zijn")
        unknown = sorted(set(value) - _SECTIONS[key])
        if unknown:
            raise self.fail(f"{key}.{unknown[0]}", f"unknown setting (known: {', '.join(sorted(_SECTIONS[key]))})",
                            f"onbekende instelling (bekend: {', '.join(sorted(_SECTIONS[key]))})")
        return value


def scenario_from_mapping(data: Mapping, *, origin: str = "") -> Scenario:
    """A Scenario from a mapping shaped like the TOML file; raises ScenarioError naming the field."""
    read = _Reader(origin)
    if not isinstance(data, Mapping):
        raise read.fail("scenario", "must be a table of settings", "moet een tabel met instellingen zijn")
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise read.fail(unknown[0], f"unknown setting (known: {', '.join(sorted(_TOP))})",
                        f"onbekende instelling (bekend: {', '.join(sorted(_TOP))})")
    name = read.text(data, "name", required=True)
    if len(name) > 60:
        raise read.fail("name", "must be at most 60 characters", "mag hoogstens 60 tekens zijn")
    retirement = read.section(data, "retirement")
    pact = read.section(data, "generatiepact")
    turnover = read.section(data, "turnover")
    fte = read.section(data, "fte")
    hiring = read.section(data, "hiring")
    young_hires = pact.get("young_hires", True)
    if not isinstance(young_hires, bool):
        raise read.fail("generatiepact.young_hires", "must be true or false", "moet true of false zijn")
    return Scenario(
        name=name,
        label_nl=read.text(data, "label_nl"), label_en=read.text(data, "label_en"),
        description_nl=read.text(data, "description_nl"), description_en=read.text(data, "description_en"),
        work_until_aow_plus=read.number(retirement, "work_until_aow_plus_years", "retirement.work_until_aow_plus_years",
                                        low=0, high=5, default=None, whole=True),
        work_longer_share=read.number(retirement, "share", "retirement.share", low=0, high=1, default=1.0),
        generatiepact_take_up=read.number(pact, "take_up", "generatiepact.take_up", low=0, high=1, default=0.0),
        generatiepact_work=read.number(pact, "work", "generatiepact.work", low=0.5, high=0.95, default=0.8),
        generatiepact_young_hires=young_hires,
        young_voluntary_factor=read.number(turnover, "young_voluntary_factor", "turnover.young_voluntary_factor",
                                           low=0, high=3, default=1.0),
        young_below_age=read.number(turnover, "young_below_age", "turnover.young_below_age", low=20, high=50,
                                    default=35, whole=True),
        fte_delta=read.number(fte, "part_time_delta", "fte.part_time_delta", low=-0.5, high=0.5, default=0.0),
        hiring=_hiring(read, hiring),
    )


def _hiring(read: _Reader, data: Mapping) -> Hiring:
    policy = data.get("policy", "observed")
    if policy not in HIRING_POLICIES:
        raise read.fail("hiring.policy", f"must be one of {', '.join(HIRING_POLICIES)}, got {policy!r}",
                        f"moet een van {', '.join(HIRING_POLICIES)} zijn, niet {policy!r}")
    intake = read.number(data, "intake", "hiring.intake", low=0, high=1_000_000, default=None, whole=True)
    if policy == "fixed" and intake is None:
        raise read.fail("hiring.intake", "is needed with policy = \"fixed\"", "is nodig bij policy = \"fixed\"")
    if policy != "fixed" and intake is not None:
        raise read.fail("hiring.intake", "only goes with policy = \"fixed\"", "hoort alleen bij policy = \"fixed\"")
    mix = data.get("mix", {})
    if not isinstance(mix, Mapping):
        raise read.fail("hiring.mix", "must be a table of shares per life phase or age band",
                        "moet een tabel met aandelen per levensfase of leeftijdsklasse zijn")
    shares = tuple((str(k), read.number(mix, k, f"hiring.mix.{k}", low=0, high=1, default=0.0)) for k in sorted(mix))
    if shares and abs(sum(s for _, s in shares) - 1) > 0.001:
        raise read.fail("hiring.mix", "shares must add up to 1", "de aandelen moeten samen 1 zijn")
    return Hiring(
        policy=policy, intake=intake,
        young_share=read.number(data, "young_share", "hiring.young_share", low=0, high=1, default=None),
        young_below_age=read.number(data, "young_below_age", "hiring.young_below_age", low=20, high=50, default=30,
                                    whole=True),
        mix=shares,
    )


def load_scenario(path: Path | str) -> Scenario:
    """Read and validate one scenario file (TOML)."""
    origin = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ScenarioError("file", "does not exist", "bestaat niet", origin=origin) from None
    except (OSError, UnicodeDecodeError):
        raise ScenarioError("file", "cannot be read as UTF-8 text", "is niet te lezen als UTF-8-tekst",
                            origin=origin) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError("file", f"is not valid TOML ({exc})", f"is geen geldige TOML ({exc})", origin=origin) from None
    return scenario_from_mapping(data, origin=origin)


def builtin_scenarios() -> dict[str, Scenario]:
    """The shipped scenarios by name, "baseline" first."""
    folder = resources.files("levensfase.planning").joinpath("data/scenarios")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            scenario = scenario_from_mapping(tomllib.loads(entry.read_text("utf-8")), origin=entry.name)
            found[scenario.name] = scenario
    return {"baseline": found.pop("baseline"), **found}
