"""The manager's open requests (own team only) and HR admin's approved plans to register."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from levensfase.web.accounts.access import visible_names
from levensfase.web.maatwerk import access, presentation, selectors
from levensfase.web.maatwerk.views.common import forbidden, lang


@login_required
def requests(request: HttpRequest) -> HttpResponse:
    if not access.can_decide_requests(user=request.user):
        return forbidden(request, _("Only line managers decide on plan requests."))
    plans = selectors.team_requests(user=request.user)
    names = visible_names(user=request.user, person_ids={p.person_id for p in plans})
    rows = presentation.plan_rows(plans, lang(), names)
    return render(request, "maatwerk/plan_list.html", {
        "rows": rows, "title": _("Plan requests of my team"),
        "empty": _("There are no open requests from your team.")})


@login_required
def register(request: HttpRequest) -> HttpResponse:
    if not access.can_register(user=request.user):
        return forbidden(request, _("Only HR administrators register plans."))
    plans = selectors.plans_to_register()
    names = visible_names(user=request.user, person_ids={p.person_id for p in plans})
    rows = presentation.plan_rows(plans, lang(), names)
    return render(request, "maatwerk/plan_list.html", {
        "rows": rows, "title": _("Approved plans to register"),
        "empty": _("There are no approved plans waiting to be registered.")})
