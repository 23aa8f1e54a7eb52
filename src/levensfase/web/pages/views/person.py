"""One person's record: timeline, spells, life events and — for themself and the bedrijfsarts
(occupational physician) only — absences, survey answers, health-limitation life events and the
vitality axis. The selectors decide; every view is audited."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.pages import selectors
from levensfase.web.pages.life_phase import life_phase_profile


@login_required
def person(request: HttpRequest, person_id: str) -> HttpResponse:
    today = date.today()
    # 404, not 403: a user who may not see a person must not learn that the person exists.
    data = selectors.person_record(user=request.user, person_id=person_id, today=today)
    if data is None:
        raise Http404
    with_health = data.with_health
    record(
        user=request.user,
        action=Action.VIEW_PERSON,
        person_id=person_id,
        detail={"health": with_health},
    )
    profile = life_phase_profile(person_id=person_id, with_health=with_health, today=today)
    return render(request, "pages/person.html", {"record": data, "with_health": with_health, "profile": profile})
