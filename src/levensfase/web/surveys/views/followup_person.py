"""One person's work ability trajectory, for the bedrijfsarts only; 404 for everyone else. Audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.accounts.access import visible_names
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.surveys import access, selectors
from levensfase.web.surveys.presentation import result_context


@login_required
def followup_person(request: HttpRequest, person_id: str) -> HttpResponse:
    # 404 rather than 403: someone who may not look must not learn whether answers exist.
    if not access.can_follow_up(user=request.user) or not selectors.person_exists(person_id=person_id):
        raise Http404
    readings = selectors.own_trajectory(person_id=person_id)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"view": "survey_trajectory", "health": True})
    context = result_context(readings)
    context.update(person_id=person_id, consent=selectors.consent_of(person_id=person_id),
                   name=visible_names(user=request.user, person_ids=[person_id]).get(person_id, ""))
    return render(request, "surveys/followup_person.html", context)
