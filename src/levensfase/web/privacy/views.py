"""The AVG rights: access to one's own data (page and JSON), erasure, and occupational health's records."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from levensfase.web.accounts import access
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.privacy.access_export import OH_NOTE, PERSON_FIELDS, ROLE_LABELS, SECTION_TITLES, personal_data
from levensfase.web.privacy.erasure import UnknownPerson, erase_person, erasure_preview, for_hr
from levensfase.web.privacy.forgotten import hash_of
from levensfase.web.privacy.models import OccupationalHealthRecord
from levensfase.web.privacy.presentation import cell, table
from levensfase.web.surveys import access as survey_access


# The right of access (AVG art. 15): an employee downloads everything held about them. Only for their own
# record: any other person id gets a 404, so nobody learns who exists.
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


# Erasure of one person by HR admin (AVG art. 17): a preview of what goes, then a typed confirmation.
def _hr_admin_only(request: HttpRequest) -> None:
    if not access.can_import(user=request.user):  # the HR administrator, who manages the data
        raise PermissionDenied


@login_required
def erase_start(request: HttpRequest) -> HttpResponse:
    """Ask which person to erase; go on to their preview."""
    _hr_admin_only(request)
    person_id = request.GET.get("person", "").strip()[:64]
    if person_id:
        return redirect("privacy:erase", person_id=person_id)
    return render(request, "privacy/erase_start.html")


@login_required
def erase(request: HttpRequest, person_id: str) -> HttpResponse:
    _hr_admin_only(request)
    try:
        counts = erasure_preview(person_id=person_id)
    except UnknownPerson:
        raise Http404 from None
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() == person_id:
            removed = erase_person(person_id=person_id, user=request.user)
            return render(request, "privacy/erase_done.html", {"removed": for_hr(removed)})
        error = _("Type the person id exactly to confirm; nothing was erased.")
    return render(request, "privacy/erase.html", {"person_id": person_id, "counts": for_hr(counts), "error": error},
                  status=400 if error else 200)


# The bedrijfsarts's lookup of occupational-health records kept after a leaver's data went (WGBO). Only
# occupational health may open it. The bedrijfsarts enters the person id they know from their own dossier;
# the records are found by its keyed hash, so the page never lists who is in the table.
@login_required
def oh_records(request: HttpRequest) -> HttpResponse:
    if not survey_access.can_follow_up(user=request.user):  # the bedrijfsarts only
        raise PermissionDenied
    person_id = request.GET.get("person", "").strip()[:64]
    rows = None
    if person_id:
        found = OccupationalHealthRecord.objects.filter(person_hash=hash_of(person_id))
        rows = [(r.date, r.instrument, cell(r.answers), r.keep_until) for r in found]
        record(user=request.user, action=Action.VIEW_PERSON, person_id="",
               detail={"view": "occupational_health_records", "health": True, "found": len(rows)})
    return render(request, "privacy/oh_records.html", {"person_id": person_id, "rows": rows})
