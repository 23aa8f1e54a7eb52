"""levensfase.spreadsheet: formula-like text is neutralised, numbers (negative ones too) are not."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from levensfase.spreadsheet import is_formula_like, safe_cell, safe_row

ATTACKS = ['=HYPERLINK("x")', "@SUM(1)", "-2+3+cmd|' /C calc'!A0", "+1+1", "\t=1+1", "\r=1+1", "=1"]
NUMBERS = ["-3", "-1,5", "-1.234,5", "+2.5", "-12,5%", "0", "1.234", "-0,0"]
PLAIN_TEXT = ["Team Noord", "Zorg & welzijn", "< 5", "–", "", "x=1", "a-b"]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_gets_an_apostrophe(text):
    assert is_formula_like(text)
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", NUMBERS + PLAIN_TEXT)
def test_numbers_and_plain_text_pass_unchanged(text):
    assert not is_formula_like(text)
    assert safe_cell(text) == text


@pytest.mark.parametrize("value", [-2, -1.5, 0, 3, None, True])
def test_non_text_values_pass_unchanged(value):
    assert safe_cell(value) is value


def test_safe_row_round_trips_through_the_csv_module():
    out = io.StringIO()
    csv.writer(out).writerow(safe_row(["=HYPERLINK(\"x\")", -2, "-1,5", "Team"]))
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=HYPERLINK(\"x\")", "-2", "-1,5", "Team"]


def test_exchange_workbook_keeps_formula_like_names_as_text(tmp_path):
    """The xlsx export writes the name as a string cell (t="s" / inlineStr), never a <f> formula."""
    import zipfile

    from openpyxl import load_workbook

    from levensfase.ingest.writer import write_exchange

    units = pl.DataFrame({"unit_id": ["U1", "U2", "U3"], "name": ATTACKS[:3], "parent_id": [None, None, None]})
    [path] = write_exchange({"units": units}, tmp_path, format="xlsx")
    with zipfile.ZipFile(path) as book:
        sheet = next(n for n in book.namelist() if n.startswith("xl/worksheets/sheet"))
        assert "<f>" not in book.read(sheet).decode()
    names = [row[1] for row in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
    assert names == ATTACKS[:3]
