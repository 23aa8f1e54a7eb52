"""Reads that go through the core's competency analytics (levensfase.analytics.competencies):
the skills profile and its history, and matching in both directions — as plain rows."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics import competencies as core
from levensfase.web.hr.selectors import load_workforce

STATUSES = ("development_need", "untapped", "used", "other")  # reading order on the page


class MatchRefused(ValueError):
    """The core cannot match this request (e.g. a job without competencies in the framework)."""


def profile(*, person_id: str, on: date) -> dict[str, list[dict]]:
    """status → the person's competencies in that status (core `skills_profile`), by name."""
    frame = core.skills_profile(load_workforce(), person_id=person_id, on=on)
    groups: dict[str, list[dict]] = {s: [] for s in STATUSES}
    for row in frame.sort("name").iter_rows(named=True):
        groups.setdefault(row["status"], []).append(row)
    return groups


def history(*, person_id: str) -> list[dict]:
    """Every assessment of the person, newest first (core `profile_history`)."""
    return list(core.profile_history(load_workforce(), person_id=person_id).iter_rows(named=True))


def matches(*, on: date, job_id: str | None, skills: dict[str, int] | None, everyone: bool) -> list[dict]:
    """Ranked internal candidates. Without `everyone` only opted-in people come back — filtered
    here as well as in the core, so a manager never sees anyone else whatever the core does."""
    try:
        frame = core.match_candidates(load_workforce(), as_of=on, job_id=job_id, skills=skills,
                                      include_not_opted_in=everyone)
    except ValueError as exc:
        raise MatchRefused(str(exc)) from exc
    if not everyone:
        frame = frame.filter(pl.col("opted_in"))
    return list(frame.sort("rank").iter_rows(named=True))


def roles(*, person_id: str, on: date) -> list[dict]:
    """The internal roles that fit the person best (core `roles_for`), best first."""
    return list(core.roles_for(load_workforce(), person_id=person_id, as_of=on, top=5).iter_rows(named=True))
