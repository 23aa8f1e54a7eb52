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
from levensfase.web.pages.person_links import person_links
from levensfase.web.surveys.questions import BAND_TEXT, UWES_BAND_TEXT
from levensfase.web.surveys.access import own_person_id
from levensfase.web.surveys.selectors import own_trajectory


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
    return render(request, "pages/person.html", {"record": data, "with_health": with_health, "profile": profile,
                                                 "scores": _scores(person_id) if with_health else [],
                                                 "own": own_person_id(user=request.user) == person_id,
                                                 "links": person_links(user=request.user, person_id=person_id)})


def _scores(person_id: str) -> list[dict]:
    """Each questionnaire as its score and band, scored as the core scores it (never the raw items:
    those say little to a reader and more than needed)."""
    rows = []
    for reading in own_trajectory(person_id=person_id):
        band = BAND_TEXT[reading.band][0] if reading.instrument == "wai" else UWES_BAND_TEXT.get(reading.band, reading.band)
        rows.append({"date": reading.date, "instrument": reading.instrument, "score": reading.score, "band": band})
    return rows
