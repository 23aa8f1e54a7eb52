"""A document as a PDF for the board and the works council, laid out by WeasyPrint (Debian's pango).

Front page: title, as-of date, the day it was made and the smallest group shown, the executive verdict,
then the data coverage; a table of contents with page numbers, and every section on a new page
with its static chart (`svg`), its table and its findings. Every page carries "Pagina n van m".
"""

from __future__ import annotations

from datetime import date
from html import escape

from levensfase.analytics.findings.numbers import day, number
from levensfase.documents.html import part_html
from levensfase.documents.model import Document, Heading, Section
from levensfase.documents.svg import chart_svg

__all__ = ["PDF_WORDS", "PdfEngineMissing", "render_pdf"]


class PdfEngineMissing(RuntimeError):
    """WeasyPrint or the Pango library it draws text with is not installed: say what to install."""

    nl = ("Voor een pdf-rapport zijn WeasyPrint en Pango nodig (Debian: apt-get install libpango-1.0-0 "
          "libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core). Kies anders --format html of xlsx.")
    en = ("A PDF report needs WeasyPrint and Pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
          "libharfbuzz-subset0 fonts-dejavu-core). Otherwise choose --format html or xlsx.")

PDF_WORDS = {
    "nl": {"contents": "Inhoud", "page": "Pagina", "of": "van", "as_of": "Peildatum", "made": "Gemaakt op",
           "k": "Kleinste getoonde groep", "coverage": "Gegevensdekking", "input": "Gegevens", "records": "Records",
           "none": "geen gegevens: de sectie trekt hierover geen conclusie",
           "inputs": {"people": "Medewerkers", "assignments": "Aanstellingen", "absences": "Verzuimmeldingen",
                      "surveys": "Vragenlijsten (WAI/UWES)", "arrangements": "Regelingen",
                      "conversations": "Loopbaangesprekken", "life_events": "Levensgebeurtenissen",
                      "person_skills": "Competentiebeoordelingen"}},
    "en": {"contents": "Contents", "page": "Page", "of": "of", "as_of": "As of", "made": "Made on",
           "k": "Smallest group shown", "coverage": "Data coverage", "input": "Data", "records": "Records",
           "none": "no data: the section draws no conclusion about it",
           "inputs": {"people": "Employees", "assignments": "Assignments", "absences": "Absence records",
                      "surveys": "Questionnaires (WAI/UWES)", "arrangements": "Arrangements",
                      "conversations": "Career conversations", "life_events": "Life events",
                      "person_skills": "Competency assessments"}},
}

PRINT_STYLE = """@page{size:A4;margin:18mm 14mm 20mm 14mm;@bottom-center{content:"%(page)s " counter(page) " %(of)s "
counter(pages);font:8pt "DejaVu Sans",sans-serif;color:#444}@top-right{content:"%(title)s · %(as_of)s";
font:8pt "DejaVu Sans",sans-serif;color:#666}}
body{font-family:"DejaVu Sans",sans-serif;font-size:9pt;color:#1a1a1a}h1{font-size:20pt;margin:0 0 4mm}
h2{font-size:14pt;break-before:page;color:#1f5f8b}h3{font-size:11pt}table{border-collapse:collapse;margin:2mm 0 5mm;
font-size:7pt}th,td{border:.5pt solid #bbb;padding:1pt 3pt;text-align:right}th{background:#eef2f6}
th:first-child,td:first-child{text-align:left}tr{break-inside:avoid}.suppressed{background:#eee;color:#444}
.takeaway{font-size:10pt;font-weight:bold}.note{color:#444}svg.chart{width:80%%;height:auto;break-inside:avoid}
.verdict{border:1.5pt solid #1f5f8b;padding:2mm 4mm;margin:4mm 0}.verdict h2{break-before:auto}
.verdict dt{font-weight:bold;margin-top:2mm}.verdict dd{margin:1mm 0 0 0}nav.toc h2{break-before:page}
nav.toc li{list-style:none;margin:1mm 0}nav.toc a{color:#1a1a1a;text-decoration:none}
nav.toc a::after{content:leader(".") target-counter(attr(href),page)}table.coverage td{min-width:30mm}"""


def render_pdf(document: Document, *, made: date | None = None) -> bytes:
    """The PDF as bytes; `made` is the day printed on the front page (default today)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found no Pango library to load
        raise PdfEngineMissing(PdfEngineMissing.en) from exc
    return HTML(string=pdf_html(document, made=made or date.today())).write_pdf()


def pdf_html(document: Document, *, made: date) -> str:
    """The print-ready HTML the PDF is laid out from (numbered headings for the table of contents)."""
    lang, w = document.lang, PDF_WORDS[document.lang]
    chart = lambda c: chart_svg(c, lang)  # noqa: E731
    body, contents = [], []
    for part in document.parts:
        title = part.title if isinstance(part, Section) else part.text if isinstance(part, Heading) and part.level == 2 else ""
        ident = f"section-{len(contents) + 1}" if title else ""
        if title:
            contents.append(f"<li><a href='#{ident}'>{escape(title)}</a></li>")
        body.append(part_html(part, lang, chart=chart, heading_id=ident))
    style = PRINT_STYLE % {"page": w["page"], "of": w["of"], "title": _css(document.title),
                           "as_of": _css(day(document.as_of, lang))}
    front = [f"<h1>{escape(document.title)}</h1>",
             f"<p>{escape(w['as_of'])}: {escape(day(document.as_of, lang))} · {escape(w['made'])}: "
             f"{escape(day(made, lang))} · {escape(w['k'])}: {document.k}</p>", document.verdict,
             *(f"<p class='note'>{escape(note)}</p>" for note in document.notes), _coverage(document, w)]
    toc = f"<nav class='toc'><h2>{escape(w['contents'])}</h2><ul>{''.join(contents)}</ul></nav>"
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{escape(document.title)}</title>"
            f"<style>{style}</style></head><body>" + "\n".join([*front, toc, *body]) + "</body></html>")


def _coverage(document: Document, w: dict) -> str:
    """Records per input: a section whose input has none says so instead of showing zero (DESIGN §6a)."""
    if not document.coverage:
        return ""
    rows = "".join(f"<tr><td>{escape(w['inputs'].get(name, name))}</td><td>"
                   f"{escape(number(count, document.lang) if count else w['none'])}</td></tr>"
                   for name, count in document.coverage.items())
    return (f"<h3>{escape(w['coverage'])}</h3><table class='coverage'><thead><tr><th>{escape(w['input'])}</th>"
            f"<th>{escape(w['records'])}</th></tr></thead><tbody>{rows}</tbody></table>")


def _css(text: str) -> str:
    """Text inside a CSS string: quotes and backslashes escaped."""
    return text.replace("\\", "\\\\").replace('"', '\\"')
