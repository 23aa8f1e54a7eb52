"""The analysis document in each format it leaves the program in: JSON, HTML, PDF and Excel.

One function for the command line (`analyse --format`) and the web downloads alike, so both give
the same file for the same report dict.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CONTENT_TYPES", "render_analysis"]

CONTENT_TYPES = {
    "json": "application/json", "html": "text/html; charset=utf-8", "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render_analysis(report: dict[str, Any], *, format: str, lang: str = "nl") -> str | bytes:
    """JSON or HTML text, or PDF or xlsx bytes (the documents kit)."""
    from levensfase.analytics.report import report_json

    if format == "json":
        return report_json(report)
    from levensfase.analytics.report_html import render_html, report_document

    if format == "html":
        return render_html(report, lang=lang)
    if format == "pdf":
        from levensfase.documents.pdf import render_pdf

        return render_pdf(report_document(report, lang=lang))
    if format == "xlsx":
        from levensfase.documents.workbook import render_workbook

        return render_workbook(report_document(report, lang=lang))
    raise ValueError(f"unknown format {format!r}; choose json, html, pdf or xlsx")

