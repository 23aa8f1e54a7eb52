"""Erasure of one person by HR admin (AVG art. 17): a preview of what goes, then a typed confirmation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from levensfase.web.accounts import access
from levensfase.web.privacy.erasure import UnknownPerson, erase_person, erasure_preview, for_hr


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
