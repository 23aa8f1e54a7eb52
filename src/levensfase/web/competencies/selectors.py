"""Reads for the competency screens, over the cached Workforce (hr.selectors.load_workforce)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.web.hr.selectors import load_workforce


@dataclass(frozen=True)
class AssessedSkill:
    """One competency on the assessment form: what the job asks and the latest levels per source."""

    skill_id: str
    name: str
    kind: str
    required: int | None  # the current job's level; None = not used by the job (added by the person)
    self_level: int | None
    manager_level: int | None

    @property
    def differs(self) -> bool:
        return self.self_level is not None and self.manager_level is not None and self.self_level != self.manager_level


def current_job_ids(*, person_id: str, on: date) -> list[str]:
    a = load_workforce().assignments
    now = a.filter((pl.col("person_id") == person_id) & (pl.col("start_date") <= on)
                   & (pl.col("end_date").is_null() | (pl.col("end_date") >= on)))
    return sorted(set(now["job_id"].to_list()))


def job_titles(*, job_ids: list[str] | None = None) -> dict[str, str]:
    jobs = load_workforce().jobs
    if job_ids is not None:
        jobs = jobs.filter(pl.col("job_id").is_in(job_ids))
    return dict(zip(jobs["job_id"].to_list(), jobs["title"].to_list()))


def skill_catalogue() -> dict[str, tuple[str, str]]:
    """skill_id → (name, kind) of every competency in the framework."""
    s = load_workforce().skills.sort("name")
    return {sid: (name, kind) for sid, name, kind in s.select("skill_id", "name", "kind").iter_rows()}


def latest_levels(*, person_id: str) -> dict[tuple[str, str], int]:
    """(skill_id, source) → the level of the most recent assessment from that source."""
    ps = load_workforce().person_skills.filter(pl.col("person_id") == person_id).sort("date")
    latest = ps.group_by("skill_id", "source").agg(pl.col("level").last())
    return {(sid, src): int(level) for sid, src, level in latest.select("skill_id", "source", "level").iter_rows()}


def assessment_skills(*, person_id: str, on: date) -> list[AssessedSkill]:
    """The skills of the person's current job(s) (highest required level if several) plus every
    skill they or their manager assessed before; job skills first, then by name."""
    w = load_workforce()
    required = w.job_skills.filter(pl.col("job_id").is_in(current_job_ids(person_id=person_id, on=on)))
    required = dict(required.group_by("skill_id").agg(pl.col("level_required").max()).iter_rows())
    levels = latest_levels(person_id=person_id)
    catalogue = skill_catalogue()
    ids = set(required) | {sid for sid, _ in levels}
    rows = [AssessedSkill(sid, catalogue[sid][0], catalogue[sid][1], required.get(sid),
                          levels.get((sid, "self")), levels.get((sid, "manager"))) for sid in ids if sid in catalogue]
    return sorted(rows, key=lambda r: (r.required is None, r.name.lower()))


def latest_answer(*, person_id: str, topic: str) -> str | None:
    """The latest answer of a person to one career-conversation topic (e.g. the mobility opt-in)."""
    c = load_workforce().conversations.filter((pl.col("person_id") == person_id) & (pl.col("topic") == topic))
    return None if c.height == 0 else c.sort("date")["value"][-1]


def current_job_titles(*, person_ids: list[str], on: date) -> dict[str, str]:
    """person_id → the titles of the jobs they hold on `on`, comma-separated."""
    a = load_workforce().assignments.filter(pl.col("person_id").is_in(person_ids) & (pl.col("start_date") <= on)
                                            & (pl.col("end_date").is_null() | (pl.col("end_date") >= on)))
    titles = job_titles()
    jobs: dict[str, list[str]] = {}
    for pid, job in a.select("person_id", "job_id").unique().sort("job_id").iter_rows():
        jobs.setdefault(pid, []).append(titles.get(job, job))
    return {pid: ", ".join(names) for pid, names in jobs.items()}


def team_overview(*, person_ids: list[str], on: date) -> list[dict]:
    """Per team member: current job, date of the latest self and manager assessment, and on how
    many competencies the latest self and manager levels differ — one pass over the tables."""
    w = load_workforce()
    jobs = current_job_titles(person_ids=person_ids, on=on)
    ps = w.person_skills.filter(pl.col("person_id").is_in(person_ids) & pl.col("source").is_in(["self", "manager"]))
    last = ps.sort("date").group_by("person_id", "skill_id", "source").agg(pl.col("level").last(), pl.col("date").last())
    dates = {(pid, src): d for pid, src, d in last.group_by("person_id", "source").agg(pl.col("date").max()).iter_rows()}
    wide = last.filter(pl.col("source") == "self").join(last.filter(pl.col("source") == "manager"),
                                                        on=["person_id", "skill_id"], suffix="_m")
    differ = dict(wide.filter(pl.col("level") != pl.col("level_m")).group_by("person_id").len().iter_rows())
    return [{"person_id": pid, "jobs": jobs.get(pid, ""), "self_date": dates.get((pid, "self")),
             "manager_date": dates.get((pid, "manager")), "differences": differ.get(pid, 0)}
            for pid in sorted(person_ids)]

