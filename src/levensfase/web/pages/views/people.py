"""The people list: only the people the signed-in user may see, searchable, 50 per page."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.accounts import access
from levensfase.web.pages import selectors


@login_required
def people(request: HttpRequest) -> HttpResponse:
    if not access.can_list_people(user=request.user):
        raise PermissionDenied  # analysts and the works council see aggregates only
    query = request.GET.get("q", "")[:100]
    unit_id = request.GET.get("unit", "")[:64]
    units = selectors.unit_choices(user=request.user)
    if unit_id and unit_id not in {u.unit_id for u in units}:
        unit_id = ""  # an unknown or foreign unit filters nothing rather than failing
    page, rows = selectors.people_page(
        user=request.user, query=query, unit_id=unit_id, page=request.GET.get("page", 1), today=date.today()
    )
    return render(
        request,
        "pages/people.html",
        {"page": page, "rows": rows, "query": query, "unit_id": unit_id, "units": units},
    )
