"""Data coverage per section (DESIGN §6a): what a page or report section rests on and what is
missing, so a reader never takes "no data" for "nothing happened".

One function per coverage kind — the records a section rests on, an absent input, a life-phase
axis derived from age, a partial first or last year, leavers' data removed by retention — and
`section_coverage`, which strings the kinds a section needs together for one workforce and period.
Counts of people below k are written as "fewer than k" (the privacy rule of DESIGN §6).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.numbers import day, number, percent
from levensfase.analytics.privacy import is_small
from levensfase.model.data_retention import TOKEN_PREFIX
from levensfase.model.lifephase import PhaseRules
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["SECTIONS", "age_derived_finding", "anonymised_leavers_finding", "missing_input_finding",
           "partial_year_findings", "resting_on_finding", "section_coverage", "unknown_reason_finding"]

# Input table → (Dutch and English words for "no … recorded").
MISSING = {
    "absences": ("geen verzuimgegevens", "no absence data"),
    "surveys": ("geen vragenlijsten (werkvermogen, bevlogenheid)", "no surveys (work ability, engagement)"),
    "arrangements": ("geen regelingen geregistreerd", "no arrangements recorded"),
    "conversations": ("geen loopbaangesprekken geregistreerd", "no career conversations recorded"),
    "life_events": ("geen levensgebeurtenissen (kinderen, mantelzorg)", "no life events (children, caregiving)"),
    "person_skills": ("geen competentiebeoordelingen", "no skill assessments"),
}
# Section → (inputs it needs, whether it reads life phases, whether it counts over whole years).
SECTIONS: dict[str, tuple[tuple[str, ...], bool, bool]] = {
    "composition": ((), True, False),
    "flows": ((), False, True),
    "retention": ((), True, False),
    "categories": ((), True, True),
    "employability": (("surveys", "absences"), False, False),
    "policy_scan": (("arrangements", "conversations"), True, False),
    "competencies": (("person_skills",), False, False),
}
_LOST = {  # what retention of leavers takes from a section (model.data_retention.REMOVED)
    "employability": ("hun vragenlijsten en verzuim", "their surveys and absences"),
    "policy_scan": ("hun regelingen en gesprekken", "their arrangements and conversations"),
    "competencies": ("hun vaardigheden", "their skills"),
}


def _count(n: int, k: int, lang: str) -> str:
    """A count of people as a sentence may write it: "minder dan 5" below k (never the small number)."""
    if is_small(n, k):
        return f"minder dan {k}" if lang == "nl" else f"fewer than {k}"
    return number(n, lang)


def missing_input_finding(table: str, *, section: str) -> Finding:
    """An input with no records: the section says so and draws no conclusion from it (missing is not zero)."""
    nl, en = MISSING[table]
    return Finding(section=section, kind="missing_data", numbers={"input": table, "records": 0},
                   text_nl=f"Gegevensdekking: {nl}; hierover trekken we geen conclusie.",
                   text_en=f"Data coverage: {en}; no conclusion is drawn about it.")


def resting_on_finding(*, section: str, people: int, records: list[tuple[int, str, str]], start: date, end: date,
                       k: int) -> Finding:
    """What the section's numbers rest on: the people employed in the period and the records the
    section reads, each (count, Dutch words, English words)."""
    when_nl = f"op {day(end, 'nl')}" if start == end else f"van {day(start, 'nl')} tot en met {day(end, 'nl')}"
    when_en = f"on {day(end, 'en')}" if start == end else f"from {day(start, 'en')} to {day(end, 'en')}"
    parts_nl = "; ".join(f"{_count(n, k, 'nl')} {nl}" for n, nl, _en in records)
    parts_en = "; ".join(f"{_count(n, k, 'en')} {en}" for n, _nl, en in records)
    return Finding(section=section, kind="coverage", n=None if is_small(people, k) else people,
                   numbers={"people": None if is_small(people, k) else people, "from": start.isoformat(),
                            "to": end.isoformat(), "records": {en: None if is_small(n, k) else n
                                                               for n, _nl, en in records}},
                   text_nl=f"Gegevensbasis: {_count(people, k, 'nl')} medewerkers in dienst {when_nl}"
                           + (f"; {parts_nl}." if records else "."),
                   text_en=f"Data basis: {_count(people, k, 'en')} employees {when_en}"
                           + (f"; {parts_en}." if records else "."))


def age_derived_finding(*, section: str, axis: str, people: int, total: int, no_records: bool, k: int,
                        phases: list[tuple[str, str, int]] = ()) -> Finding | None:
    """A life-phase axis derived from age for `people` of `total` (DESIGN §5: flagged wherever a
    phase rests on it); `phases`: (name nl, name en, people) of named phases resting on it."""
    if not people or not total:
        return None
    share = people / total
    axis_nl, axis_en = {"private_life": ("de privésituatie", "the private-life situation"),
                        "career": ("de loopbaanfase", "the career phase")}[axis]
    cause_nl, cause_en = ("geen levensgebeurtenissen; ", "no life events; ") if no_records else ("", "")
    small = is_small(total, k) or is_small(people, k)  # a share of a few would tell who they are
    if small:
        few_nl, few_en = _count(min(people, total), k, "nl"), _count(min(people, total), k, "en")
        nl = f"Gegevensdekking: {cause_nl}{axis_nl} is bij {few_nl} medewerkers afgeleid uit de leeftijd."
        en = f"Data coverage: {cause_en}{axis_en} was derived from age for {few_en} employees."
    else:
        nl = (f"Gegevensdekking: {cause_nl}{axis_nl} is bij {percent(share, 'nl')} van de medewerkers "
              f"({_count(people, k, 'nl')}) afgeleid uit de leeftijd.")
        en = (f"Data coverage: {cause_en}{axis_en} was derived from age for {percent(share, 'en')} of employees "
              f"({_count(people, k, 'en')}).")
    shown = [(a, b, n) for a, b, n in phases if n and not is_small(n, k)]  # a phase of fewer than k: not named
    if shown and not small:
        nl += " Daardoor valt " + ", ".join(f"{percent(n / total, 'nl')} op leeftijd alleen in {a.lower()}"
                                            for a, b, n in shown) + "."
        en += " So " + ", ".join(f"{percent(n / total, 'en')} are in {b.lower()} on age alone" for a, b, n in shown) + "."
    return Finding(section=section, kind="coverage", n=None if small else total, interval=None,
                   numbers={"axis": axis, "share": None if small else round(share, 4), "people": None if small else people,
                            "phases": {a: n for a, _b, n in shown} if not small else {}},
                   text_nl=nl, text_en=en)


def partial_year_findings(*, section: str, first_data: date | None, start: date, end: date) -> list[Finding]:
    """A first year whose records begin after 1 January, and a last year that is still running,
    both named (a yearly rate over part of a year is not a yearly rate)."""
    out = []
    if first_data is not None and start < first_data <= end and (first_data.month, first_data.day) != (1, 1):
        out.append(Finding(section=section, kind="partial_year", numbers={"year": first_data.year,
                                                                          "from": first_data.isoformat()},
                           text_nl=f"{first_data.year} is een onvolledig jaar: de gegevens beginnen op "
                                   f"{day(first_data, 'nl')}.",
                           text_en=f"{first_data.year} is a partial year: the records begin on {day(first_data, 'en')}."))
    if end < date(end.year, 12, 31):
        out.append(Finding(section=section, kind="partial_year", numbers={"year": end.year, "to": end.isoformat()},
                           text_nl=f"{end.year} is een onvolledig jaar: de cijfers lopen tot en met {day(end, 'nl')}.",
                           text_en=f"{end.year} is a partial year: the figures run to {day(end, 'en')}."))
    return out


def unknown_reason_finding(*, section: str, unknown: int, exits: int, k: int) -> Finding | None:
    """Exits in the period without a known reason: how much was influenceable cannot be told for them."""
    if not unknown:
        return None
    return Finding(section=section, kind="coverage", numbers={"unknown": None if is_small(unknown, k) else unknown,
                                                              "exits": None if is_small(exits, k) else exits},
                   text_nl=f"Gegevensdekking: van {_count(unknown, k, 'nl')} van de {_count(exits, k, 'nl')} vertrekkers "
                           "is de vertrekreden onbekend.",
                   text_en=f"Data coverage: for {_count(unknown, k, 'en')} of the {_count(exits, k, 'en')} leavers the "
                           "reason for leaving is unknown.")


def anonymised_leavers_finding(*, section: str, anonymised: int, k: int) -> Finding | None:
    """Leavers whose personal data were removed after the retention period (DESIGN §6): what the section lacks."""
    if not anonymised:
        return None
    lost_nl, lost_en = _LOST.get(section, ("hun levensgebeurtenissen (hun levensfase volgt uit de leeftijd)",
                                           "their life events (their life phase follows from age)"))
    return Finding(section=section, kind="coverage", numbers={"anonymised": None if is_small(anonymised, k)
                                                              else anonymised},
                   text_nl=f"Gegevensdekking: van {_count(anonymised, k, 'nl')} vertrokken medewerkers zijn de gegevens "
                           f"na de bewaartermijn geanonimiseerd; bezetting en stromen blijven volledig, maar {lost_nl} "
                           "ontbreken.",
                   text_en=f"Data coverage: the data of {_count(anonymised, k, 'en')} former employees were anonymised "
                           f"after the retention period; headcount and flows stay complete, but {lost_en} are missing.")


def section_coverage(workforce: Workforce, *, section: str, start: date, end: date, k: int,
                     rules: PhaseRules | None = None) -> list[Finding]:
    """The coverage lines of one section for the period [start, end] (start == end: one day)."""
    if section not in SECTIONS:
        raise ValueError(f"unknown section {section!r} (known: {', '.join(SECTIONS)})")
    inputs, uses_phases, yearly = SECTIONS[section]
    a = workforce.assignments
    inside = a.filter((pl.col("start_date") <= end) & (pl.col("end_date").fill_null(OPEN_END) >= start))
    people = inside.get_column("person_id").n_unique()
    out = [resting_on_finding(section=section, people=people, records=_records(workforce, section, start, end),
                              start=start, end=end, k=k)]
    out += [missing_input_finding(t, section=section) for t in inputs if getattr(workforce, t).height == 0]
    if uses_phases and people:
        out += _age_lines(workforce, section=section, on=end, k=k, rules=rules)
    if yearly:
        first = a.get_column("start_date").min()
        out += partial_year_findings(section=section, first_data=first, start=start, end=end)
        exits = workforce.spells.filter(pl.col("end_date").is_between(start, end))
        out.append(unknown_reason_finding(section=section, k=k, exits=exits.height,
                                          unknown=exits.filter(pl.col("end_reason").is_null()
                                                               | (pl.col("end_reason") == "other")).height))
    # leavers pseudonymised after the retention period who worked in this period (not all of them)
    anonymised = inside.filter(pl.col("person_id").str.starts_with(TOKEN_PREFIX)).get_column("person_id").n_unique()
    out.append(anonymised_leavers_finding(section=section, anonymised=anonymised, k=k))
    return [f for f in out if f is not None]


def _records(workforce: Workforce, section: str, start: date, end: date) -> list[tuple[int, str, str]]:
    """The records a section reads in the period, counted: spells, questionnaires, arrangements …"""
    def on(frame: pl.DataFrame, column: str = "date") -> pl.DataFrame:
        return frame.filter(pl.col(column).is_between(start, end))

    def running(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.filter((pl.col("start_date") <= end) & (pl.col("end_date").fill_null(OPEN_END) >= start))

    if section == "employability":
        answered = on(workforce.surveys).select("person_id", "date", "instrument").unique().height
        return [(answered, "ingevulde vragenlijsten", "completed questionnaires"),
                (running(workforce.absences).height, "verzuimmeldingen", "absence reports")]
    if section == "policy_scan":
        return [(running(workforce.arrangements).height, "regelingen", "arrangements"),
                (on(workforce.conversations).get_column("person_id").n_unique(), "medewerkers met een loopbaangesprek",
                 "employees with a career conversation")]
    if section == "competencies":
        return [(workforce.person_skills.filter(pl.col("date") <= end).get_column("person_id").n_unique(),
                 "medewerkers met een competentiebeoordeling", "employees with a skill assessment")]
    if section == "composition":
        return []
    spells = workforce.spells.filter((pl.col("start_date") <= end) & (pl.col("end_date").fill_null(OPEN_END) >= start))
    return [(spells.height, "dienstverbanden", "employment spells")]


def _age_lines(workforce: Workforce, *, section: str, on: date, k: int, rules: PhaseRules | None) -> list[Finding]:
    from levensfase.analytics.phase_categories import cached_profiles
    from levensfase.model.lifephase import load_rules

    profile = cached_profiles(workforce, on=on, rules=rules)
    total = profile.height
    names = rules or load_rules()
    out: list[Finding | None] = []
    for axis in ("private_life", "career"):
        flag = f"{axis}_from_age"
        guessed = profile.filter(pl.col(flag))
        phases = [(p.label_nl, p.label_en, guessed.filter(pl.col("phases").list.contains(p.name)).height)
                  for p in names.phases if p.allowed(axis) is not None]
        out.append(age_derived_finding(section=section, axis=axis, people=guessed.height, total=total, k=k,
                                       no_records=axis == "private_life" and workforce.life_events.is_empty(),
                                       phases=phases))
    return [f for f in out if f is not None]


def as_lines(findings: list[Finding], lang: str) -> list[dict[str, Any]]:
    """What a page renders: the kind (for styling) and the text in the UI language."""
    return [{"kind": f.kind, "text": f.text(lang)} for f in findings]
