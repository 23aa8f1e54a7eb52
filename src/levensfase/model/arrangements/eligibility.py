"""Who may use an arrangement on a date: a pure function of a person's facts, with its reasons.

The facts (`PersonFacts`) are gathered from a Workforce by `analytics.person_facts`; here they
are plain values, so the web shell, the recommender and the tests can call `check` directly.
Each condition of the catalog entry yields one `Check` with a sentence in Dutch and English, so
an employee sees *why* (not) — and an age condition is always named as one.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from levensfase.model.arrangements.catalog import Arrangement, Catalog
from levensfase.model.labels import code_word, day_text

__all__ = ["Check", "PersonFacts", "Verdict", "check", "eligible_codes", "months_before", "completed_years"]

_AXIS_NL = {"career": "loopbaanfase", "private_life": "privésituatie", "vitality": "werkvermogen",
            "pension_horizon": "pensioenhorizon"}
_AXIS_EN = {"career": "career phase", "private_life": "private situation", "vitality": "work ability",
            "pension_horizon": "pension horizon"}


@dataclass(frozen=True)
class PersonFacts:
    """What eligibility and recommendations need to know about one employee on one day.

    `private_life` holds every care situation that applies (a parent can also be a caregiver),
    or ("no_care_duties",); empty when unknown (never guessed from age for one person). `spell_start` begins the current continuous employment spell;
    `job_since` the unbroken period in the same job. `age` is used only by age-based entries.
    """

    person_id: str
    on: date
    age: int
    aow_date: date
    spell_start: date
    job_since: date
    fte: float
    contracts: tuple[str, ...]
    work_demands: tuple[str, ...]
    career: str
    private_life: tuple[str, ...]
    vitality: str
    pension_horizon: str

    def state(self, axis: str) -> tuple[str, ...]:
        value = getattr(self, axis)
        return value if isinstance(value, tuple) else (value,)

    @property
    def service_years(self) -> int:
        return completed_years(self.spell_start, self.on)

    @property
    def years_in_job(self) -> int:
        return completed_years(self.job_since, self.on)


@dataclass(frozen=True)
class Check:
    condition: str
    ok: bool
    text_nl: str
    text_en: str

    def text(self, lang: str = "nl") -> str:
        return self.text_en if lang == "en" else self.text_nl


@dataclass(frozen=True)
class Verdict:
    code: str
    eligible: bool
    checks: tuple[Check, ...]

    def reasons(self, lang: str = "nl", *, failed_only: bool = False) -> list[str]:
        return [c.text(lang) for c in self.checks if not (failed_only and c.ok)]


def months_before(day: date, months: int) -> date:
    """The same calendar day `months` earlier; a day that does not exist clamps to the month end
    (the window of 5 years before a 29 February AOW date opens on 28 February), as in phases."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def completed_years(start: date, on: date) -> int:
    """Whole years from `start` to `on` (a 29 February start completes a year on 28 February)."""
    years = on.year - start.year
    return years - 1 if months_before(on, 12 * years) < start else years


def check(arrangement: Arrangement, facts: PersonFacts) -> Verdict:
    """Every condition of the entry against the facts; eligible when all hold."""
    e = arrangement.eligibility
    checks: list[Check] = []
    add = lambda cond, ok, nl, en: checks.append(Check(cond, ok, nl, en))  # noqa: E731
    if e.contracts:
        ok = any(c in e.contracts for c in facts.contracts)
        add("contracts", ok, f"contractsoort: {_words(e.contracts, 'nl')} vereist",
            f"contract type: {_words(e.contracts, 'en')} required")
    if e.min_service_years is not None:
        needed = round(e.min_service_years * 12)
        ok = months_before(facts.on, needed) >= facts.spell_start
        add("min_service_years", ok, f"minstens {e.min_service_years:g} jaar onafgebroken in dienst "
            f"(nu {facts.service_years})", f"at least {e.min_service_years:g} years' continuous service "
            f"(now {facts.service_years})")
    if e.min_fte is not None:
        add("min_fte", facts.fte >= e.min_fte - 1e-9, f"minstens {e.min_fte:g} fte (nu {facts.fte:g})",
            f"at least {e.min_fte:g} FTE (now {facts.fte:g})")
    if e.max_fte is not None:
        add("max_fte", facts.fte <= e.max_fte + 1e-9, f"hoogstens {e.max_fte:g} fte (nu {facts.fte:g})",
            f"at most {e.max_fte:g} FTE (now {facts.fte:g})")
    if e.work_demand:
        ok = any(d in e.work_demand for d in facts.work_demands)
        add("work_demand", ok, f"werkbelasting: {_words(e.work_demand, 'nl')}",
            f"work demand: {_words(e.work_demand, 'en')}")
    for key, months, nl, en in (
        ("within_years_before_aow", (e.within_years_before_aow or 0) * 12,
         f"binnen {e.within_years_before_aow} jaar voor de AOW-datum", f"within {e.within_years_before_aow} years before the AOW date"),
        ("within_months_before_aow", e.within_months_before_aow or 0,
         f"binnen {e.within_months_before_aow} maanden voor de AOW-datum",
         f"within {e.within_months_before_aow} months before the AOW date"),
    ):
        if months:
            ok = months_before(facts.aow_date, months) <= facts.on < facts.aow_date
            add(key, ok, f"{nl} ({day_text(facts.aow_date, 'nl')}; leeftijdsonderscheid)",
                f"{en} ({day_text(facts.aow_date, 'en')}; an age distinction)")
    if e.min_age is not None:
        add("min_age", facts.age >= e.min_age, f"leeftijd {e.min_age}+ (leeftijdsregeling, WGBL)",
            f"age {e.min_age}+ (age-based scheme, WGBL)")
    for axis, states in e.axes:
        ok = any(s in states for s in facts.state(axis))
        add(axis, ok, f"{_AXIS_NL[axis]}: {_words(states, 'nl')}", f"{_AXIS_EN[axis]}: {_words(states, 'en')}")
    return Verdict(arrangement.code, all(c.ok for c in checks), tuple(checks))


def _words(codes, lang: str) -> str:
    return ", ".join(code_word(c, lang) for c in codes)


def eligible_codes(catalog: Catalog, facts: PersonFacts) -> list[str]:
    """Codes of every arrangement the person may use on `facts.on`, in catalog order."""
    return [a.code for a in catalog if check(a, facts).eligible]
