"""The bedrijfsarts' list: people who asked for follow-up and whose latest work ability is low."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.accounts.access import visible_names
from levensfase.web.surveys import access, selectors
from levensfase.web.surveys.questions import BAND_TEXT


@login_required
def followup_list(request: HttpRequest) -> HttpResponse:
    if not access.can_follow_up(user=request.user):
        raise PermissionDenied
    rows = selectors.followups(today=date.today())
    names = visible_names(user=request.user, person_ids=[row["person_id"] for row in rows])
    for row in rows:
        row["band_label"] = BAND_TEXT[row["band"]][0]
        row["name"] = names.get(row["person_id"], "")
        record(user=request.user, action=Action.VIEW_PERSON, person_id=row["person_id"],
               detail={"view": "survey_follow_up_list", "health": True})
    return render(request, "surveys/followup_list.html", {"rows": rows})
