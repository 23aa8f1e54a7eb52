"""The scan overview as a download through the documents kit (`levensfase.documents`): Excel to
check the numbers, PDF for the agenda. Rows are built from the core's published frames only; a
withheld value is written as the text "< k" (never a number), and the workbook writes every text
cell as text, so no unit name is evaluated as a formula."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import polars as pl
from django.http import FileResponse
from django.utils.translation import gettext as _

from levensfase.analytics.report_files import CONTENT_TYPES
from levensfase.documents.model import Document, Html, Section, Table
from levensfase.scan.scoring import ALL

DOCUMENT_KINDS = ("xlsx", "pdf")


def _value(row: dict | None, *, k: int) -> object:
    if row is None:
        return None
    return f"< {k}" if row["suppressed"] else row["score"] if "score" in row else row["value"]


def score_rows(*, scores: pl.DataFrame, round_date: date, units: Sequence[tuple[str, str]],
               dimensions: Sequence[str], k: int) -> list[dict]:
    everyone = scores.filter((pl.col("date") == round_date) & (pl.col("role") == ALL))
    rows = []
    for unit_id, name in [(None, _("Whole organisation")), *units]:
        mine = {r["dimension"]: r for r in everyone.filter(
            pl.col("unit_id").is_null() if unit_id is None else pl.col("unit_id") == unit_id).iter_rows(named=True)}
        shown = [r["respondents"] for r in mine.values() if not r["suppressed"] and r["respondents"] is not None]
        respondents = max(shown) if shown else (f"< {k}" if mine else None)
        rows.append({"unit": name, "respondents": respondents, **{d: _value(mine.get(d), k=k) for d in dimensions}})
    return rows


def hr_rows(*, indicators: pl.DataFrame, units: Sequence[tuple[str, str]], measures: Sequence[str], k: int
            ) -> list[dict]:
    rows = []
    for unit_id, name in [(None, _("Whole organisation")), *units]:
        mine = {r["measure"]: r for r in indicators.filter(
            pl.col("unit_id").is_null() if unit_id is None else pl.col("unit_id") == unit_id).iter_rows(named=True)}
        if mine:
            rows.append({"unit": name, **{m: _value(mine.get(m), k=k) for m in measures}})
    return rows


def kpi_document_rows(*, kpis: pl.DataFrame, units: Sequence[tuple[str, str]]) -> list[dict]:
    """The business results as rows (unit, KPI, period end, latest value, change): unit figures, not
    personal data, so written as they are. ("latest", not "value": the documents kit writes a
    column named "value" as a label.)"""
    from levensfase.web.scan.kpi_presentation import kpi_rows

    return [{"unit": name, "kpi": row["kpi"], "period_end": row["period_end"].isoformat(), "latest": row["value"],
             "change": row["change"]} for name, row in kpi_rows(summary=kpis, units=units)]


def overview_document(*, scores: pl.DataFrame, indicators: pl.DataFrame, round_date: date,
                      units: Sequence[tuple[str, str]], dimensions: Sequence[tuple[str, str]],
                      measures: dict[str, str], alignment: Sequence[str], coverage: Sequence[dict], k: int,
                      lang: str, kpis: pl.DataFrame | None = None,
                      kpi_units: Sequence[tuple[str, str]] = ()) -> Document:
    words = {"unit": _("Unit"), "respondents": _("Respondents"), **dict(dimensions), **measures}
    heat = Table(rows=score_rows(scores=scores, round_date=round_date, units=units,
                                 dimensions=[c for c, _ in dimensions], k=k),
                 columns=["unit", "respondents", *(c for c, _ in dimensions)], words=words, k=k)
    hr = Table(rows=hr_rows(indicators=indicators, units=units, measures=list(measures), k=k),
               columns=["unit", *measures], words=words, k=k)
    from html import escape

    parts = [Section(title=_("Where do the units stand?"), takeaway=_("Mean score per dimension (1–5)."), table=heat,
                     plain=True),
             Section(title=_("Does the HR policy develop people?"), takeaway=_("HR indicators per unit."), table=hr,
                     plain=True)]
    business = kpi_document_rows(kpis=kpis, units=kpi_units) if kpis is not None else []
    if business:
        words.update({"kpi": _("KPI"), "period_end": _("Period ending"), "latest": _("Value"), "change": _("Change")})
        parts.append(Section(title=_("Business results"), takeaway=_("Latest value per unit and KPI, and the change "
                                                                     "since the period before."),
                             table=Table(rows=business, columns=["unit", "kpi", "period_end", "latest", "change"],
                                         words=words, k=k), plain=True))
    if alignment:
        parts.append(Html("<ul>" + "".join(f"<li>{escape(s)}</li>" for s in alignment) + "</ul>"))
    return Document(title=_("Social innovation scan"), lang=lang, as_of=round_date.isoformat(), k=k, parts=parts,
                    notes=[line["text"] for line in coverage])


def document_response(*, document: Document, kind: str) -> FileResponse:
    from levensfase.documents.pdf import render_pdf
    from levensfase.documents.workbook import render_workbook

    data = render_workbook(document) if kind == "xlsx" else render_pdf(document)
    return FileResponse(io.BytesIO(data), as_attachment=True, content_type=CONTENT_TYPES[kind],
                        filename=f"levensfase-scan-{document.as_of}.{kind}")
