"""The bedrijfsarts's lookup of occupational-health records kept after a leaver's data went (WGBO).

Only occupational health may open it. The bedrijfsarts enters the person id they know from their
own dossier; the records are found by its keyed hash, so the page never lists who is in the table.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.privacy.forgotten import hash_of
from levensfase.web.privacy.models import OccupationalHealthRecord
from levensfase.web.privacy.presentation import cell
from levensfase.web.surveys import access


@login_required
def oh_records(request: HttpRequest) -> HttpResponse:
    if not access.can_follow_up(user=request.user):  # the bedrijfsarts only
        raise PermissionDenied
    person_id = request.GET.get("person", "").strip()[:64]
    rows = None
    if person_id:
        found = OccupationalHealthRecord.objects.filter(person_hash=hash_of(person_id))
        rows = [(r.date, r.instrument, cell(r.answers), r.keep_until) for r in found]
        record(user=request.user, action=Action.VIEW_PERSON, person_id="",
               detail={"view": "occupational_health_records", "health": True, "found": len(rows)})
    return render(request, "privacy/oh_records.html", {"person_id": person_id, "rows": rows})
