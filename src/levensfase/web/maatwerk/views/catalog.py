"""The arrangement catalog as offered (switched-off entries hidden); HR admin also sees the WGBL flag,
the legal notes, switched-off and changed entries, and the links to change them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from levensfase.web.maatwerk import access, selectors
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
    return render(request, "maatwerk/catalog.html",
                  {"rows": rows, "legal": access.sees_legal_notes(user=request.user), "admin": admin})
