"""Internal matching (doorstroom): HR admin and managers pick a job or a few competencies and get
the internal candidates ranked, each with the reason. A manager only ever sees people who opted
in to internal vacancies; HR admin sees everyone, the opt-in marked."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from levensfase.web.accounts.access import visible_names, visible_people
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.competencies import access, analysis, match_form, selectors
from levensfase.web.competencies.levels import level_choices
from levensfase.web.competencies.views.common import forbidden, lang, page
from levensfase.web.ui.tables import fmt

SHOWN = 25  # the best candidates; a longer list is not read, and shows more personal data than needed


@login_required
def match(request: HttpRequest) -> HttpResponse:
    if not access.can_match(user=request.user):
        return forbidden(request, _("Internal matching is for HR administrators and line managers."))
    today = date.today()
    jobs = dict(sorted(selectors.job_titles().items(), key=lambda item: item[1].lower()))
    catalogue = selectors.skill_catalogue()
    wanted, errors = match_form.parse(request.GET, jobs=jobs, catalogue=catalogue)
    everyone = access.sees_everyone_in_match(user=request.user)
    rows = None
    found = None
    if not wanted.empty:
        try:
            found = analysis.matches(on=today, job_id=wanted.job_id, skills=wanted.skills, everyone=everyone)
        except analysis.MatchRefused:
            errors = [_("This job has no competencies in the framework yet, so there is nothing to match on.")]
    total = 0
    if found is not None:
        total, found = len(found), found[:SHOWN]
        titles = selectors.current_job_titles(person_ids=[r["person_id"] for r in found], on=today)
        linked = _profiles_visible(request, [r["person_id"] for r in found], everyone=everyone)
        names = visible_names(user=request.user, person_ids=[r["person_id"] for r in found], on=today)
        rows = [{**_row(r), "jobs": titles.get(r["person_id"], ""), "linked": r["person_id"] in linked,
                 "name": names.get(r["person_id"], "")} for r in found]
        record(user=request.user, action=Action.VIEW_PERSON, detail={
            "view": "competency_match", "job": wanted.job_id, "skills": sorted(wanted.skills or {}),
            "candidates": [r["person_id"] for r in found]})
    return page(request, "competencies/match.html", {
        "jobs": jobs.items(), "catalogue": catalogue.items(), "levels": level_choices(), "errors": errors,
        "job": wanted.job_id or "", "chosen": set(wanted.skills or ()),
        "level": next(iter((wanted.skills or {}).values()), 3), "rows": rows, "everyone": everyone, "total": total,
        "asked": jobs.get(wanted.job_id, "") if wanted.job_id else ", ".join(catalogue[s][0] for s in wanted.skills or {}),
    }, tab="match", status=400 if errors else 200)


def _profiles_visible(request: HttpRequest, ids: list[str], *, everyone: bool) -> set[str]:
    """The candidates whose skills profile this user may open: HR admin all, a manager their own team."""
    if everyone:
        return set(ids)
    own = access.own_person_id(user=request.user)
    return set(visible_people(user=request.user).filter(person_id__in=ids).values_list("person_id", flat=True)) - {own}


def _row(r: dict) -> dict:
    percent = lambda v: "–" if v is None else fmt(100 * v, 1) + "%"  # noqa: E731
    return {"rank": r["rank"], "person_id": r["person_id"], "score": percent(r["score"]),
            "skill_fit": percent(r["skill_fit"]), "ambition_fit": percent(r["ambition_fit"]),
            "mobility_fit": percent(r["mobility_fit"]), "opted_in": r["opted_in"],
            "reason": r["reason_en"] if lang() == "en" else r["reason_nl"]}
