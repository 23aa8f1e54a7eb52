"""PersonFacts from a Workforce: the bridge from the exchange tables to eligibility and recommendations.

The life-phase axes come from `phases.profiles` (so eligibility uses exactly the profile HR sees),
except a private situation guessed from age (no life events recorded): that is left empty, so no
individual right or recommendation rests on age alone;
the AOW date from the same vectorised rule, service from the employment spells, and the time in
the current job from unbroken runs of assignments in the same job.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import polars as pl

from levensfase.analytics.phase_categories import cached_profiles
from levensfase.model.arrangements.eligibility import PersonFacts
from levensfase.model.lifephase import PhaseRules
from levensfase.model.workforce import Workforce

__all__ = ["person_facts"]


def person_facts(workforce: Workforce, *, on: date, person_ids: Iterable[str] | None = None,
                 rules: PhaseRules | None = None) -> dict[str, PersonFacts]:
    """PersonFacts of everyone employed on `on` (or only of `person_ids`), keyed by person_id.

    People not employed on `on` are absent: no arrangement applies to them.
    """
    if not isinstance(on, date) or isinstance(on, datetime):
        raise TypeError(f"on must be a date, got {on!r}")
    covering = workforce.assignments.filter(
        (pl.col("start_date") <= on) & (pl.col("end_date").is_null() | (pl.col("end_date") >= on))
    )
    wanted = None if person_ids is None else set(person_ids)
    if wanted is not None:
        covering = covering.filter(pl.col("person_id").is_in(sorted(wanted)))
    if covering.height == 0:
        return {}
    profile = cached_profiles(workforce, on=on, rules=rules)
    demand = dict(workforce.jobs.select("job_id", "work_demand").iter_rows())
    spells = workforce.spells.filter(
        (pl.col("start_date") <= on) & (pl.col("end_date").is_null() | (pl.col("end_date") >= on))
    )
    spell_start = dict(spells.select("person_id", "start_date").iter_rows())
    runs = _job_since(workforce.assignments, covering, on)
    current: dict[str, list[dict]] = {}
    for row in covering.iter_rows(named=True):
        current.setdefault(row["person_id"], []).append(row)
    facts = {}
    for p in profile.filter(pl.col("person_id").is_in(list(current))).iter_rows(named=True):
        rows = current[p["person_id"]]
        care = tuple(s for s, flag in (("young_children", p["has_young_children"]),
                                       ("school_age_children", p["has_school_age_children"]),
                                       ("caregiving", p["is_caregiver"])) if flag) or ("no_care_duties",)
        if p["private_life_from_age"]:
            care = ()  # guessed from age: fine for aggregate phases, never for one person's rights
        facts[p["person_id"]] = PersonFacts(
            person_id=p["person_id"], on=on, age=p["age"], aow_date=p["aow_date"],
            spell_start=spell_start[p["person_id"]], job_since=runs[p["person_id"]], fte=round(p["fte"], 4),
            contracts=tuple(sorted({r["contract"] for r in rows if r["contract"]})),
            work_demands=tuple(sorted({demand[r["job_id"]] for r in rows if r["job_id"] in demand})),
            career=p["career"], private_life=care, vitality=p["vitality"], pension_horizon=p["pension_horizon"],
        )
    return facts


def _job_since(assignments: pl.DataFrame, covering: pl.DataFrame, on: date) -> dict[str, date]:
    """Per person: the first day of the unbroken run (adjacent or overlapping assignments) in a job
    held on `on`; with two concurrent jobs, the longer-held one counts."""
    people = covering.get_column("person_id").unique().to_list()
    mine = assignments.filter(pl.col("person_id").is_in(people)).sort("person_id", "job_id", "start_date")
    held = {(p, j) for p, j in covering.select("person_id", "job_id").iter_rows()}
    since: dict[str, date] = {}
    for (person, job), group in mine.group_by(["person_id", "job_id"], maintain_order=True):
        if (person, job) not in held:
            continue
        start, reach = None, None
        for s, e in group.select("start_date", "end_date").iter_rows():
            if s > on:
                break
            if reach is None or (reach != date.max and s > reach + timedelta(days=1)):
                start = s
            reach = date.max if e is None or reach == date.max else max(reach or e, e)
        if start is not None:
            since[person] = min(since.get(person, start), start)
    return since
