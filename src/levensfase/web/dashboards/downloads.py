"""One panel's table as a CSV download — shared by every page built from panels (dashboards,
competencies, planning), so the file name and the message for an unknown table are the same."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from levensfase.web.dashboards.tables import Panel


def panel_csv(panels: Sequence[Panel], wanted: str, *, page: str) -> HttpResponse | None:
    """The CSV response for the panel named `wanted`, or None when the page has no such panel."""
    for panel in panels:
        if panel.key == wanted:
            response = HttpResponse(panel.table.csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="levensfase-{page}-{panel.key}.csv"'
            return response
    return None


def unknown_table(wanted: str) -> str:
    return _("There is no table “%(name)s” on this page to download.") % {"name": wanted[:64]}


def csv_response(request: HttpRequest, template: str, context: dict, panels: Sequence[Panel], wanted: str, *,
                 page: str) -> HttpResponse:
    """The CSV, or the page again with a clear message and status 400 for an unknown table."""
    response = panel_csv(panels, wanted, page=page)
    if response is not None:
        return response
    context["errors"] = [unknown_table(wanted)]
    return render(request, template, context, status=400)
