"""The matching request from the query string: a job, or an ad-hoc list of competencies with the
level wanted. Bad values get a message and no search is run."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from levensfase.web.competencies.levels import LEVELS

MAX_SKILLS = 15


@dataclass(frozen=True)
class MatchRequest:
    job_id: str | None
    skills: dict[str, int] | None  # skill_id → level wanted

    @property
    def empty(self) -> bool:
        return self.job_id is None and not self.skills


def parse(params: QueryDict, *, jobs: dict[str, str], catalogue: dict[str, tuple[str, str]]
          ) -> tuple[MatchRequest, list[str]]:
    """(request, errors). Nothing asked yet (a first visit) is an empty request without errors."""
    errors: list[str] = []
    job = (params.get("job") or "").strip()
    chosen = [s.strip() for s in params.getlist("skill") if s.strip()]
    raw_level = (params.get("level") or "3").strip()
    if job and chosen:
        errors.append(_("Choose either a job or competencies, not both."))
    if job and job not in jobs:
        errors.append(_("Job “%(job)s” does not exist; choose one from the list.") % {"job": job[:64]})
    unknown = [s for s in chosen if s not in catalogue]
    if unknown:
        errors.append(_("Unknown competency “%(skill)s”; choose from the list.") % {"skill": unknown[0][:64]})
    if len(chosen) > MAX_SKILLS:
        errors.append(_("Choose at most %(n)s competencies.") % {"n": MAX_SKILLS})
    if raw_level not in {str(n) for n in LEVELS}:
        errors.append(_("Choose a level from 1 to 4."))
    if params.get("search") and not job and not chosen:
        errors.append(_("Choose a job or at least one competency."))
    if errors:
        return MatchRequest(None, None), errors
    level = int(raw_level)
    return MatchRequest(job or None, {s: level for s in dict.fromkeys(chosen)} or None), []
