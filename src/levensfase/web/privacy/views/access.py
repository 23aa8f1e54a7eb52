"""The right of access (AVG art. 15): an employee downloads everything held about them.

Only for their own record: any other person id gets a 404, so nobody learns who exists.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.accounts import access
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.privacy.presentation import cell, table
from levensfase.web.privacy.access_export import (
    OH_NOTE,
    PERSON_FIELDS,
    ROLE_LABELS,
    SECTION_TITLES,
    personal_data,
)


def _own_data(request: HttpRequest, person_id: str) -> dict:
    profile = access.profile_of(request.user)
    if profile is None or not profile.person_id or profile.person_id != person_id:
        raise Http404
    data = personal_data(person_id=person_id)
    if data is None:
        raise Http404
    return data


@login_required
def access_page(request: HttpRequest, person_id: str) -> HttpResponse:
    data = _own_data(request, person_id)
    record(user=request.user, action=Action.ACCESS, person_id=person_id, detail={"format": "html"})
    for view in data["record_views"]:
        view["role_label"] = ROLE_LABELS.get(view["by_role"], view["by_role"] or "–")
    sections = [{"title": title, **table(data[key], leave_out=("by_role",))} for key, title in SECTION_TITLES.items()]
    person = [(label, cell(data["person"].get(key), field=key)) for key, label in PERSON_FIELDS if key in data["person"]]
    return render(request, "privacy/access.html", {"person": person, "sections": sections, "oh_note": OH_NOTE,
                                                   "person_id": person_id})


@login_required
def access_json(request: HttpRequest, person_id: str) -> HttpResponse:
    data = _own_data(request, person_id)
    record(user=request.user, action=Action.ACCESS, person_id=person_id, detail={"format": "json"})
    body = json.dumps({**data, "occupational_health_notes": str(OH_NOTE)}, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{person_id}.json"'
    return response
