"""The bedrijfsarts' case list: people who asked for follow-up with low work ability, current
employees by default, most urgent first, filterable and paginated. Every person shown is audited."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.accounts.access import visible_names
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.hr.models import Unit
from levensfase.web.surveys import access, cases
from levensfase.web.surveys.case_labels import STATUS_TEXT
from levensfase.web.surveys.questions import BAND_TEXT

PER_PAGE = 25
LOW_BANDS = ("poor", "moderate")  # the follow-up list holds scores below 37 only


@login_required
def followup_list(request: HttpRequest) -> HttpResponse:
    if not access.can_follow_up(user=request.user):
        raise PermissionDenied
    which = cases.CaseFilter(
        band=_choice(request.GET.get("band", ""), LOW_BANDS), status=_choice(request.GET.get("status", ""), cases.STATUSES),
        unit=request.GET.get("unit", "").strip()[:64], leavers=request.GET.get("leavers") == "1")
    page = Paginator(cases.cases(today=date.today(), which=which), PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    names = visible_names(user=request.user, person_ids=[row["person_id"] for row in rows])
    for row in rows:
        row["band_label"] = BAND_TEXT[row["band"]][0]
        row["status_label"] = STATUS_TEXT[row["status"]]
        row["name"] = names.get(row["person_id"], "")
        record(user=request.user, action=Action.VIEW_PERSON, person_id=row["person_id"],
               detail={"view": "survey_follow_up_list", "health": True})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "surveys/followup_list.html", {
        "rows": rows, "page": page, "which": which, "query": query.urlencode(),
        "bands": [(b, BAND_TEXT[b][0]) for b in LOW_BANDS], "statuses": list(STATUS_TEXT.items()),
        "units": list(Unit.objects.order_by("name").values_list("unit_id", "name"))})


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    """A filter value from the query string; anything unknown means "no filter"."""
    return value if value in allowed else ""
