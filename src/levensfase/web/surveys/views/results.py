"""Your own results: the latest score with what its band means and what could help, and your
trajectory over time. Only ever your own; every view is audited."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.maatwerk.presentation import recommendation_rows
from levensfase.web.maatwerk.selectors import maatwerk_of
from levensfase.web.maatwerk.views.common import lang
from levensfase.web.surveys import access, selectors
from levensfase.web.surveys.presentation import result_context


RECOMMENDED = 3  # the first few; the rest are one click away


@login_required
def my_results(request: HttpRequest) -> HttpResponse:
    person_id = access.own_person_id(user=request.user)
    if person_id is None:
        raise Http404
    readings = selectors.own_trajectory(person_id=person_id)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"view": "survey_results", "health": True, "own": True})
    context = result_context(readings)
    context["consent"] = selectors.consent_of(person_id=person_id)
    context["recommendations"] = _recommendations(person_id)
    return render(request, "surveys/mine.html", context)


def _recommendations(person_id: str) -> list[dict]:
    """The arrangements recommended to this person today (the recommender reads the work ability
    band among the other axes), so the result page points at what could help, not at nothing."""
    result = maatwerk_of(person_id=person_id, on=date.today())
    return recommendation_rows(result, lang())[:RECOMMENDED] if result is not None else []
