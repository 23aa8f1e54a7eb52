"""The manager's team: who assessed themself, who still needs the manager's view, where the two
differ — with links to each member's assessment and skills profile."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from levensfase.web.accounts.access import visible_names, visible_people
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.competencies import access, selectors
from levensfase.web.competencies.views.common import forbidden, page


@login_required
def team(request: HttpRequest) -> HttpResponse:
    if not access.is_manager(user=request.user):
        return forbidden(request, _("Only line managers have a team overview."))
    today = date.today()
    own = access.own_person_id(user=request.user)
    ids = [pid for pid in visible_people(user=request.user, on=today).values_list("person_id", flat=True) if pid != own]
    record(user=request.user, action=Action.VIEW_PERSON, detail={"view": "competency_team", "people": len(ids)})
    names = visible_names(user=request.user, person_ids=ids, on=today)
    rows = [{**row, "name": names.get(row["person_id"], "")} for row in selectors.team_overview(person_ids=ids, on=today)]
    return page(request, "competencies/team.html", {"rows": rows}, tab="team")
