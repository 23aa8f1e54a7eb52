"""The Excel workbook read back with openpyxl: the numbers of the JSON as real numbers, "< k" where hidden,
frozen headers, a contents sheet with k, and text that no spreadsheet runs as a formula."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from levensfase.analytics.report import build_report
from levensfase.analytics.report_html import report_document
from levensfase.documents.model import Document, Section, Table
from levensfase.documents.workbook import render_workbook

AS_OF = date(2024, 12, 31)


@pytest.fixture(scope="module")
def report():
    from support.handbuilt import hand_built_workforce

    return build_report(hand_built_workforce(), as_of=AS_OF, k=2)


@pytest.fixture(scope="module")
def book(report):
    return openpyxl.load_workbook(io.BytesIO(render_workbook(report_document(report))))


def _sheet(book, section: str, part: str = ""):
    """The sheet the contents sheet lists for a section (and part)."""
    for name, title, what, _rows in book["Inhoud"].iter_rows(min_row=7, values_only=True):
        if title == section and (what or "") == part:
            return book[name]
    raise KeyError((section, part))


def test_flows_sheet_equals_the_json(book, report):
    sheet = _sheet(book, "Instroom, doorstroom en uitstroom")
    columns = ["year", "opening", "inflow", "outflow", "transfers_net", "closing", "internal_mobility", "promotions",
               "outflow_rate"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(report["flows"]["total"])
    for got, want in zip(rows, report["flows"]["total"]):
        expected = [want["year"]] + [("< 2" if want["suppressed"] else want[c]) for c in columns[1:]]
        assert list(got) == expected
    # At k = 2 the eight people's flow rows are withheld whole (each year's few joiners and leavers
    # are people the other tables name; the 2024 row by hand is in tests/analytics/test_report_html.py)
    assert rows[-1] == (2024, *["< 2"] * 8)
    from support.handbuilt import hand_built_workforce

    open_book = openpyxl.load_workbook(io.BytesIO(render_workbook(report_document(
        build_report(hand_built_workforce(), as_of=AS_OF, k=1)))))
    shown = _sheet(open_book, "Instroom, doorstroom en uitstroom")
    last = shown.max_row
    assert [c.value for c in shown[last]] == [2024, 5, 3, 3, 0, 5, 2, 1, 60.0]
    assert shown.cell(last, 2).data_type == "n" and shown.cell(last, 2).number_format == "#,##0"
    assert shown.cell(last, 9).number_format == "#,##0.0"  # shown as 60,0 in a Dutch Excel
    assert sheet.freeze_panes == "A2"


def test_retention_sheets_per_category_equal_the_json(book, report):
    """At k = 2 every row by spell start is withheld (the flow tables are, and these rows count
    their starts and leavers: protected_report_starts), so the numbers are read at k = 1."""
    from support.handbuilt import hand_built_workforce

    assert set(list(_sheet(book, "Behoud", "hele organisatie").iter_rows(min_row=2, values_only=True))[0][2:]) == {
        "< 2"} and report["retention"][0]["suppressed"]
    report = build_report(hand_built_workforce(), as_of=AS_OF, k=1)
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(report_document(report))))
    overall = list(_sheet(book, "Behoud", "hele organisatie").iter_rows(min_row=2, values_only=True))
    whole = report["retention"][0]
    assert overall[0][2:5] == (whole["n"], whole["events"], whole["median_years"])
    assert overall[0][-1] == 0.4375  # five-year survival, by hand in tests/cli/test_analyse.py
    by_age = [r for r in report["retention"] if r["by"] == "age_band"]
    sheet = _sheet(book, "Behoud", "leeftijdsgroep")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [r["value"] for r in by_age]
    for got, want in zip(rows, by_age):
        if want["suppressed"]:
            assert set(got[2:]) == {f"< {report['k']}"}
        else:
            assert got[2:] == tuple(want[c] for c in ("n", "events", "median_years", "survival_1y", "survival_2y",
                                                      "survival_5y"))
    assert sheet.cell(1, 1).value == "Groep" and sheet.cell(1, 8).value == "Na 5 jaar"


def test_policy_scan_sheet_per_category(book, report):
    for by, part in (("unit", "afdeling"), ("generation", "generatie")):
        rows = list(_sheet(book, "Beleidsscan: wie krijgt ontwikkeling?", part).iter_rows(min_row=2, values_only=True))
        want = [r for r in report["policy_scan"]["rows"] if r["by"] == by]
        assert [r[0] for r in rows] == [r["value"] for r in want]
        for got, row in zip(rows, want):
            assert got[1] == ("< 2" if row["suppressed"] else row["population"])
            assert got[2] == ("< 2" if row["suppressed"] else row["with_conversation_share"])


def test_contents_sheet_names_every_sheet_and_k(book):
    contents = book["Inhoud"]
    assert book.sheetnames[0] == "Inhoud"
    assert (contents["A3"].value, contents["B3"].value) == ("Kleinste getoonde groep (k)", 2)
    assert contents["B2"].value == "31 december 2024"
    listed = [r[0] for r in contents.iter_rows(min_row=7, values_only=True) if r[0] and r[0][:2].isdigit()]
    assert listed == book.sheetnames[1:] and all(len(name) <= 31 for name in listed)


def test_formula_like_text_stays_text():
    texts = ["=HYPERLINK(\"http://x\",\"klik\")", "+31 6 1234", "-2+3+cmd|' /C calc'!A0", "@SUM(1)"]
    rows = [{"value": text, "headcount": 7, "suppressed": False} for text in texts]
    document = Document(title="T", lang="nl", as_of="2025-01-01", k=5,
                        parts=[Section("Sectie", "", table=Table(rows, ["value", "headcount"], {}, 5))])
    sheet = openpyxl.load_workbook(io.BytesIO(render_workbook(document)))["01 Sectie"]
    cells = [sheet.cell(r, 1) for r in range(2, 6)]
    assert [c.value for c in cells] == texts and {c.data_type for c in cells} == {"s"}
    assert [sheet.cell(r, 2).value for r in range(2, 6)] == [7] * 4


def test_english_workbook(report):
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(report_document(report, lang="en"))))
    assert book.sheetnames[0] == "Contents" and book["Contents"]["A3"].value == "Smallest group shown (k)"
    assert any(name.endswith("Retention age band") for name in book.sheetnames)


def test_days_are_real_dates(book, report):
    sheet = _sheet(book, "Samenstelling", "Aantal medewerkers")
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value.date() for c in cells] == [date.fromisoformat(d) for d in report["composition"]["over_time"]["days"]]
    assert cells[0].number_format == "d mmmm yyyy"  # 31 december 2015 in a Dutch Excel


def test_cells_write_days_the_readers_way():
    from levensfase.documents.cells import cell_text

    assert cell_text("2024-12-31", "day", hidden=False, k=5, lang="nl") == "31 december 2024"
    assert cell_text("2024-12-31", "to", hidden=False, k=5, lang="en") == "31 December 2024"
    assert cell_text("indiensttreding", "measured_from", hidden=False, k=5, lang="nl") == "indiensttreding"


def test_every_category_of_composition_and_flows_has_a_sheet(book, report):
    units = list(_sheet(book, "Samenstelling", "afdeling").iter_rows(min_row=2, values_only=True))
    want = report["composition"]["by_category"]["unit"]
    assert [r[0] for r in units] == [r["value"] for r in want]
    assert [r[1] for r in units] == [("< 2" if r["suppressed"] else r["headcount"]) for r in want]
    flows = list(_sheet(book, "Instroom, doorstroom en uitstroom", "geslacht").iter_rows(min_row=2, values_only=True))
    want = report["flows"]["by_category"]["sex"]
    assert [(r[0], r[1]) for r in flows] == [(r["value"], r["year"]) for r in want]
    assert [r[4] for r in flows] == [("< 2" if r["suppressed"] else r["outflow"]) for r in want]


def test_contents_sheet_carries_the_verdict(book, report):
    answers = {row[1] for row in book["Inhoud"].iter_rows(values_only=True)}
    assert all(a["answer_nl"] in answers for a in report["executive"].values())


def test_an_organisation_without_data_still_gives_a_workbook():
    from levensfase.model.workforce import Workforce

    report = build_report(Workforce.from_tables({}), as_of=date(2025, 1, 1), k=5)
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(report_document(report))))
    coverage = {row[0]: row[1] for row in book["Inhoud"].iter_rows(values_only=True) if row[0] in report["coverage"]}
    assert coverage == {name: 0 for name in report["coverage"]}
    with pytest.raises(KeyError):  # no year has flows: the section has no table, so no sheet
        _sheet(book, "Instroom, doorstroom en uitstroom")
    assert _sheet(book, "Samenstelling")["A1"].value == "Groep"


def test_units_by_name_when_names_are_given(report):
    from levensfase.documents.workbook import sheets_of

    document = report_document(report, unit_names={"U1": "Team <Noord>", "U2": "=Zuid"})
    units = [t for section, part, t in sheets_of(document) if section.startswith("Beleidsscan") and part == "afdeling"]
    ids = [r["value"] for r in report["policy_scan"]["rows"] if r["by"] == "unit"]
    assert [r["value"] for r in units[0].rows] == [{"U1": "Team <Noord>", "U2": "=Zuid"}.get(i, i) for i in ids]
    assert "U1" in ids and "U2" in ids
