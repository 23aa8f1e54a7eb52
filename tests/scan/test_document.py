"""The scan document: the JSON shape of issue 19, nothing about a person in it, and its renderings."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from levensfase.scan.document import scan_document
from levensfase.scan.instrument import load_instrument
from levensfase.scan.render import scan_html, scan_pdf

AS_OF = date(2025, 12, 31)


@pytest.fixture(scope="module")
def scan():
    from levensfase.ingest.generator import generate, generate_scan
    from levensfase.model.workforce import Workforce

    tables = generate(employees=300, years=2, seed=2, as_of=AS_OF)
    made = generate_scan(tables, seed=2, as_of=AS_OF, plant=0.5)
    doc = scan_document(instrument=load_instrument(), units=tables["units"], k=5, as_of=AS_OF,
                        responses=made.responses, workforce=Workforce.from_tables(tables), kpis=made.kpis,
                        programmes=[made.programme])
    return doc, tables, made


def test_json_shape_of_the_issue(scan):
    doc, tables, _ = scan
    assert {"as_of", "k", "dimensions", "units", "organisation", "alignment", "programmes"} <= set(doc)
    assert doc["as_of"] == "2025-12-31" and doc["k"] == 5 and doc["rounds"] == ["2024-12-31", "2025-12-31"]
    assert [d["code"] for d in doc["dimensions"]] == list(load_instrument().dimension_codes)
    assert len(doc["units"]) == tables["units"].height
    for unit in doc["units"]:
        assert {"unit", "respondents", "suppressed", "scores", "hr", "kpis"} <= set(unit)
        assert set(unit["scores"]) == set(load_instrument().dimension_codes)
        if unit["suppressed"]:
            assert all(v is None for v in unit["scores"].values()) and unit["respondents"] is None
    shown = [u for u in doc["units"] if not u["suppressed"] and u["respondents"]]
    assert shown and all(u["respondents"] >= 5 for u in shown)
    assert doc["organisation"]["respondents"] >= 5 and doc["organisation"]["hr"]["population"] > 0
    assert any(u["kpis"] for u in doc["units"])
    [programme] = doc["programmes"]
    assert programme["name"] == "Zelfroosterende teams" and len(programme["rows"]) == 12  # 6 dimensions, 6 indicators
    row = programme["rows"][0]
    assert list(row)[:9] == ["measure", "baseline", "follow_up", "change", "comparison_change", "did", "ci_low",
                             "ci_high", "verdict"]
    assert [f["section"] for f in doc["alignment"]] and all(f["section"] == "scan_alignment" for f in doc["alignment"])
    json.dumps(doc)  # JSON-ready as it is


def test_nothing_in_it_refers_to_a_person_or_a_response(scan):
    doc, tables, made = scan
    text = json.dumps(doc)
    person_ids = set(tables["people"]["person_id"].to_list())
    assert not any(f'"{p}"' in text for p in person_ids)
    assert not re.search(r"R[12]-\d{5}", text)  # no response ids either


def test_html_and_pdf(scan):
    doc, _, _ = scan
    page = scan_html(doc, lang="nl")
    assert "<h1>Sociale-innovatiescan</h1>" in page and "Eigen vragenlijst" in page
    assert "Afdelingen × dimensies" in page and "Veranderingstrajecten: Zelfroosterende teams" in page
    assert re.search(r"<td>\d,\d\d</td>", page)  # Dutch decimals
    assert "<script" not in page  # self-contained, static charts
    assert "Social innovation scan" in scan_html(doc, lang="en")
    pdf = scan_pdf(doc, lang="nl", made=date(2026, 1, 5))
    assert pdf.startswith(b"%PDF")


def test_suppressed_cells_show_as_less_than_k():
    from support.scan_answers import answers, tree

    instrument = load_instrument()
    units = tree([("ORG", None), ("A", "ORG"), ("B", "ORG"), ("C", "ORG")])
    rows = [(f"a{i}", "A", "employee", AS_OF, {}) for i in range(6)] + [("b1", "B", "employee", AS_OF, {})] + \
        [(f"c{i}", "C", "employee", AS_OF, {}) for i in range(7)]
    doc = scan_document(instrument=instrument, units=units, k=5, as_of=AS_OF, responses=answers(instrument, rows))
    by_unit = {u["unit"]: u for u in doc["units"]}
    assert by_unit["B"]["suppressed"] and by_unit["A"]["scores"]["co_creatie"] is None  # B small, A its companion
    assert not by_unit["C"]["suppressed"] and by_unit["C"]["scores"]["co_creatie"] == 3.0
    assert "&lt; 5" in scan_html(doc) or "< 5" in scan_html(doc)
