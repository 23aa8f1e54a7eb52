"""'Mijn competenties': links to the own assessment and profile, the toggle "Open voor interne
vacatures" (a career-conversation answer) and the internal roles that fit (core `roles_for`)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.competencies import access, analysis, selectors, services
from levensfase.web.competencies.views.common import forbidden, lang, page
from levensfase.web.ui.tables import fmt


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    person_id = access.own_person_id(user=request.user)
    if person_id is None:
        return forbidden(request, _("This page is for employees with their own personnel record."))
    today = date.today()
    if request.method == "POST":
        choice = request.POST.get("opt_in", "")
        if choice not in ("true", "false"):
            return page(request, "competencies/mine.html", _context(person_id, today) | {
                "errors": [_("Choose whether you are open to internal vacancies.")]}, tab="mine", status=400)
        services.set_mobility_opt_in(user=request.user, person_id=person_id, on=today, opt_in=choice == "true")
        messages.success(request, _("You are open to internal vacancies.") if choice == "true"
                         else _("You are no longer shown for internal vacancies."))
        return redirect("competencies:mine")
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id, detail={"view": "competencies_mine"})
    return page(request, "competencies/mine.html", _context(person_id, today), tab="mine")


def _context(person_id: str, today: date) -> dict:
    return {"person_id": person_id, "errors": [],
            "opted_in": selectors.latest_answer(person_id=person_id, topic=services.OPT_IN_TOPIC) == "true",
            "roles": [_role(r) for r in analysis.roles(person_id=person_id, on=today)]}


def _role(r: dict) -> dict:
    return {"job_id": r["job_id"], "title": r["title"],
            "score": fmt(100 * r["score"], 1) + "%", "reason": r["reason_en"] if lang() == "en" else r["reason_nl"]}
