"""The analysis document in each format it leaves the program in: JSON, HTML, PDF and Excel.

One function for the command line (`analyse --format`) and the web downloads alike, so both give
the same file for the same report dict.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CONTENT_TYPES", "render_analysis", "unit_names"]

CONTENT_TYPES = {
    "json": "application/json", "html": "text/html; charset=utf-8", "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render_analysis(report: dict[str, Any], *, format: str, lang: str = "nl",
                    unit_names: dict[str, str] | None = None) -> str | bytes:
    """JSON or HTML text, or PDF or xlsx bytes (the documents kit); `unit_names` (unit id → name)
    names units in the tables of the documents people read (the JSON keeps the ids)."""
    from levensfase.analytics.report import report_json

    if format == "json":
        return report_json(report)
    from levensfase.analytics.report_html import render_html, report_document

    if format == "html":
        return render_html(report, lang=lang, unit_names=unit_names)
    if format == "pdf":
        from levensfase.documents.pdf import render_pdf

        return render_pdf(report_document(report, lang=lang, unit_names=unit_names))
    if format == "xlsx":
        from levensfase.documents.workbook import render_workbook

        return render_workbook(report_document(report, lang=lang, unit_names=unit_names))
    raise ValueError(f"unknown format {format!r}; choose json, html, pdf or xlsx")



def unit_names(units: Any) -> dict[str, str]:
    """unit id → name from a Workforce's `units` table."""
    return dict(zip(units.get_column("unit_id").to_list(), units.get_column("name").to_list()))
