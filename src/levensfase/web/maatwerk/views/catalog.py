"""The arrangement catalog as offered (switched-off entries hidden); HR admin also sees the WGBL flag,
the legal notes, switched-off and changed entries, and the links to change them."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.maatwerk import access, presentation, selectors
from levensfase.web.maatwerk.views.common import forbidden, lang


@login_required
def catalog(request: HttpRequest) -> HttpResponse:
    if not access.can_view_catalog(user=request.user):
        return forbidden(request, _("Your account has no role yet."))
    ui = lang()
    admin = access.can_manage_catalog(user=request.user)
    default, changed = selectors.default_catalog(), set(selectors.catalog_overrides())
    rows = [{"code": a.code, "name": a.name(ui), "description": a.description_en if ui == "en" else a.description_nl,
             "bundle": a.bundle, "cost": a.cost, "wgbl": a.wgbl_justification_required, "legal_note": a.legal_note,
             "source": a.source, "active": a.active,
             "status": "own" if a.code not in default else "changed" if a.code in changed else ""}
            for a in selectors.catalog() if admin or a.active]
    context = {"rows": rows, "legal": access.sees_legal_notes(user=request.user), "admin": admin, "own": False}
    if access.has_own_record(user=request.user):
        context.update(_own(request, rows, ui))
    return render(request, "maatwerk/catalog.html", context)


def _own(request: HttpRequest, rows: list[dict], ui: str) -> dict:
    """For someone with their own record: per arrangement whether they can request it today and
    why not; a request goes to the same form handling as "Wat is er voor mij?". Audited: it reads
    the person's own facts."""
    person_id = selectors.own_person_id(user=request.user)
    today = date.today()
    result = selectors.maatwerk_of(person_id=person_id, on=today)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id, detail={"view": "catalog"})
    if result is None:
        return {"own": True, "employed": False}
    verdicts = presentation.requestable(result, ui)
    for row in rows:
        row["can"] = verdicts.get(row["code"], {"ok": False, "why": []})
    return {"own": True, "employed": True, "today": today}
