"""The audit log, filterable by person: the privacy officer reads all of it, HR admin all but the
entries about health-data access, occupational health only those (accounts.access.audit_scope)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.accounts import access
from levensfase.web.audit.selectors import audit_entries


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not access.can_view_audit_log(user=request.user):
        raise PermissionDenied
    person_id = request.GET.get("person", "").strip()[:64]
    page = Paginator(audit_entries(user=request.user, person_id=person_id), 50).get_page(request.GET.get("page", 1))
    return render(request, "audit/audit_log.html", {
        "page": page, "person_id": person_id, "scope": access.audit_scope(user=request.user)})
