"""The management report as a download (PDF for the agenda, Excel to check the numbers) for the roles
that see organisation-wide aggregates: HR, analysts and the works council (DESIGN §1)."""

from __future__ import annotations

import io
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import get_language

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.ui.reads import k as privacy_k

REPORT_ROLES = frozenset({Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL})
DOWNLOADS = ("pdf", "xlsx")


@login_required
def download(request: HttpRequest, kind: str) -> FileResponse:
    """The whole analysis of today in the UI language, streamed as levensfase-rapport-<date>.<kind>."""
    if kind not in DOWNLOADS:
        raise Http404
    if access.role_of(request.user) not in REPORT_ROLES:
        raise PermissionDenied
    from levensfase.analytics.report import build_report
    from levensfase.analytics.report_files import CONTENT_TYPES, render_analysis, unit_names
    from levensfase.web.hr.selectors import load_workforce

    today = date.today()
    lang = "en" if (get_language() or "nl").startswith("en") else "nl"
    workforce = load_workforce()
    from levensfase.web.surveys.rounds import answer_rounds

    report = build_report(workforce, as_of=today, k=privacy_k(), survey_rounds=answer_rounds())
    data = render_analysis(report, format=kind, lang=lang, unit_names=unit_names(workforce.units))
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=f"levensfase-rapport-{today.isoformat()}.{kind}",
                        content_type=CONTENT_TYPES[kind])
