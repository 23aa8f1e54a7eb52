"""The questionnaires page of an employee: consent status, open invitations, the questionnaires."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.surveys import access, selectors
from levensfase.web.surveys.models import Invitation


@login_required
def start(request: HttpRequest) -> HttpResponse:
    person_id = access.own_person_id(user=request.user)
    if person_id is None:
        raise Http404
    open_invitations = Invitation.objects.filter(
        person_id=person_id, responded_on__isnull=True, campaign__closes_on__gte=date.today()
    ).select_related("campaign").order_by("campaign__closes_on")
    return render(request, "surveys/start.html",
                  {"consent": selectors.consent_of(person_id=person_id), "invitations": open_invitations})
