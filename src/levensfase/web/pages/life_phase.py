"""One person's life-phase profile today and per year (DESIGN §5), for the person page.

The vitality axis comes from work-ability surveys (health data, GDPR art. 9): it is filled in
only for viewers who may see health data; for everyone else it is None and the page says "not
shown". Named phases that look at vitality are hidden the same way, so they cannot leak it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levensfase.analytics.phases import profile_history
from levensfase.model.lifephase import PhaseRules, load_rules
from levensfase.web.hr.selectors import load_workforce

HISTORY_YEARS = 10  # each date costs a profile pass; ten years cover the demo's whole history

STATE_LABELS = {
    "starter": _("starter"), "growing": _("growing"), "established": _("established"),
    "late_career": _("late career"),
    "no_care_duties": _("no care duties"), "young_children": _("young children (under 4)"),
    "school_age_children": _("school-age children (4–17)"), "caregiving": _("informal caregiving (mantelzorg)"),
    "excellent": _("excellent work ability"), "good": _("good work ability"), "moderate": _("moderate work ability"),
    "poor": _("poor work ability"), "unknown": _("unknown"),
    "distant": _("more than 10 years to AOW"), "approaching": _("5 to 10 years to AOW"),
    "window": _("less than 5 years to AOW (generatiepact / RVU window)"),
}


@dataclass(frozen=True)
class ProfileRow:
    day: date
    career: str
    private_life: str
    vitality: str | None  # None: not shown to this viewer
    pension_horizon: str
    phases: tuple[str, ...]
    primary_phase: str | None
    career_from_age: bool
    private_life_from_age: bool


@dataclass(frozen=True)
class LifePhaseProfile:
    today: ProfileRow | None  # None: not employed today
    history: tuple[ProfileRow, ...]  # in the last HISTORY_YEARS: the first 1 January employed, then each change
    vitality_shown: bool


def _label(rules: PhaseRules, name: str) -> str:
    phase = rules.phase(name)
    return phase.label_en if (get_language() or "nl").startswith("en") else phase.label_nl


def life_phase_profile(*, person_id: str, with_health: bool, today: date) -> LifePhaseProfile:
    workforce = load_workforce()
    rules = load_rules()
    mine = workforce.assignments.filter(pl.col("person_id") == person_id)
    if mine.height == 0:
        return LifePhaseProfile(today=None, history=(), vitality_shown=with_health)
    first = max(mine["start_date"].min().year, today.year - HISTORY_YEARS)
    days = [date(y, 1, 1) for y in range(first, today.year + 1) if date(y, 1, 1) <= today] + [today]
    history = profile_history(workforce, person_id=person_id, dates=days, rules=rules)
    vitality_phases = {p.name for p in rules.phases if p.allowed("vitality") is not None}
    rows = []
    for r in history.iter_rows(named=True):
        phases = [p for p in r["phases"] if with_health or p not in vitality_phases]
        primary = r["primary_phase"] if with_health or r["primary_phase"] not in vitality_phases else None
        rows.append(ProfileRow(
            day=r["date"], career=STATE_LABELS[r["career"]], private_life=STATE_LABELS[r["private_life"]],
            vitality=STATE_LABELS[r["vitality"]] if with_health else None,
            pension_horizon=STATE_LABELS[r["pension_horizon"]],
            phases=tuple(_label(rules, p) for p in phases), primary_phase=_label(rules, primary) if primary else None,
            career_from_age=bool(r["career_from_age"]), private_life_from_age=bool(r["private_life_from_age"]),
        ))
    current = rows[-1] if rows and rows[-1].day == today else None
    yearly = [r for r in rows if r.day != today or today == date(today.year, 1, 1)]
    changes = tuple(r for i, r in enumerate(yearly) if i == 0 or _facts(r) != _facts(yearly[i - 1]))
    return LifePhaseProfile(today=current, history=changes, vitality_shown=with_health)


def _facts(row: ProfileRow) -> tuple:
    return (row.career, row.private_life, row.vitality, row.pension_horizon, row.phases, row.primary_phase,
            row.career_from_age, row.private_life_from_age)
