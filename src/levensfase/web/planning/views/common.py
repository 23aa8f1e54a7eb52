"""What the planning views share: one panel's table as CSV, or a clear 400 for an unknown one."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from levensfase.web.dashboards.tables import Panel


def csv_response(request: HttpRequest, template: str, context: dict, panels: Sequence[Panel], wanted: str, *,
                 page: str) -> HttpResponse:
    for panel in panels:
        if panel.key == wanted:
            response = HttpResponse(panel.table.csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="levensfase-{page}-{panel.key}.csv"'
            return response
    context["errors"] = [_("There is no table “%(name)s” on this page to download.") % {"name": wanted[:64]}]
    return render(request, template, context, status=400)
