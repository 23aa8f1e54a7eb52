"""The team list: the manager's own team (HR admin: any unit) with the last career conversation,
a flag when it is more than 12 months ago or never held, open plan requests, and the way to start one."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.maatwerk import team
from levensfase.web.maatwerk.views.common import forbidden


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    if not team.can_view_team(user=request.user):
        return forbidden(request, _("The team list is for line managers and HR administrators."))
    units = team.unit_choices(user=request.user)
    unit_id = request.GET.get("unit", "")[:64]
    if unit_id and unit_id not in {u.unit_id for u in units}:
        unit_id = ""  # an unknown or foreign unit filters nothing rather than failing
    page, rows = team.team_page(user=request.user, unit_id=unit_id, today=date.today(),
                                page=request.GET.get("page", 1))
    record(user=request.user, action=Action.VIEW_PERSON,
           detail={"view": "team", "unit": unit_id, "people": [r.person_id for r in rows]})
    return render(request, "maatwerk/team.html", {
        "rows": rows, "page": page, "units": units, "unit_id": unit_id,
        "manager": access.role_of(request.user) == Role.MANAGER,
    })
