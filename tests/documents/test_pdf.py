"""The PDF management report of a demo-like organisation, read back as text: the verdict first, every
section title, suppressed cells as "< k", and a page number on every page.

Laying out a PDF takes seconds, so this runs once per CI run (on SQLite; skipped on PostgreSQL like
tests/attacks): the document does not touch the database.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date

import pytest

from levensfase.analytics.report import build_report
from levensfase.analytics.report_html import report_document
from levensfase.documents.model import Heading, Section
from levensfase.documents.pdf import render_pdf

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                                                   reason="the PDF is checked once per CI run (on SQLite)")]
AS_OF = date(2025, 6, 30)


def _flat(text: str) -> str:
    """Text without whitespace: line breaks fall anywhere in a laid-out paragraph."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf():
    import pypdf

    from levensfase.ingest.generator import generate
    from levensfase.model.workforce import Workforce

    workforce = Workforce.from_tables(generate(employees=150, years=4, seed=11, as_of=AS_OF))
    report = build_report(workforce, as_of=AS_OF, k=5)
    document = report_document(report, lang="nl")
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render_pdf(document, made=date(2025, 7, 1)))).pages]
    return report, document, pages


def test_front_page_has_the_date_k_coverage_and_the_verdict_first(pdf):
    report, _, pages = pdf
    front = pages[0]
    assert "Levensfase-analyse" in front and "Peildatum: 30 juni 2025" in front and "Gemaakt op: 1 juli 2025" in front
    assert "Kleinste getoonde groep: 5" in front and "Gegevensdekking" in front
    assert "Medewerkers" in front and f"{report['coverage']['people']}" in front
    text = _flat("".join(pages[:2]))
    assert "Oordeelinhetkort" in text
    for answer in report["executive"].values():
        assert _flat(answer["answer_nl"]) in text, answer["answer_nl"][:60]
    assert front.index("Oordeel in het kort") < front.index("Gegevensdekking")


def test_every_section_title_is_in_the_contents_and_the_body(pdf):
    _, document, pages = pdf
    titles = [p.title for p in document.parts if isinstance(p, Section) and p.title]
    titles += [p.text for p in document.parts if isinstance(p, Heading) and p.level == 2]
    assert {"Samenstelling", "Behoud", "Levensfasen", "Duurzame inzetbaarheid"} <= set(titles)
    contents = next(p for p in pages if p.startswith("Inhoud"))
    body = _flat("".join(pages[2:]))
    for title in titles:
        assert _flat(title) in _flat(contents) and _flat(title) in body, title


def test_suppressed_cells_and_page_numbers(pdf):
    _, _, pages = pdf
    assert any("< 5" in page for page in pages[2:])
    total = len(pages)
    assert total > 5
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van {total}" in page


def test_a_missing_pdf_engine_is_named(monkeypatch):
    import sys

    from levensfase.documents.model import Document
    from levensfase.documents.pdf import PdfEngineMissing

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when the package or Pango is missing
    with pytest.raises(PdfEngineMissing) as caught:
        render_pdf(Document(title="T", lang="nl", as_of="2025-01-01", k=5, parts=[]))
    assert "libpango-1.0-0" in caught.value.nl and "--format html" in caught.value.en
