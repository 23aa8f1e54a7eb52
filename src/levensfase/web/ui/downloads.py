"""CSV downloads: one panel's table — shared by every page built from panels (dashboards,
competencies, planning), so the file name and the message for an unknown table are the same —
and `csv_download` for pages that write rows of their own (policy scan, survey dashboard).

Every cell goes through `levensfase.spreadsheet.safe_row`, so no name in a download is evaluated
as a formula when the file is opened in a spreadsheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from levensfase.spreadsheet import safe_row
from levensfase.web.ui.tables import Panel


def csv_download(*, rows: Iterable[Sequence[object]], filename: str) -> HttpResponse:
    """Rows (header first) as a UTF-8 CSV attachment, every text cell safe to open."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows(safe_row(row) for row in rows)
    return response


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
