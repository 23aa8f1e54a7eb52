"""A document's tables as an Excel workbook a works council can check: one sheet per section and category.

Numbers stay numbers (with a number format that Excel shows as 1.234,5 in a Dutch locale), hidden
cells say "< k" on a grey background, the header row is frozen, and the first sheet says what each
sheet holds and which k was used. Text is written as text, never as a formula (spreadsheet.py).
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from levensfase.analytics.findings.numbers import day
from levensfase.documents.cells import LABELS, is_hidden, iso_day, number_format
from levensfase.documents.model import Document, Heading, Section, Table
from levensfase.spreadsheet import WORKBOOK_OPTIONS

__all__ = ["BOOK_WORDS", "CATEGORY_WORDS", "render_workbook", "sheets_of"]

BOOK_WORDS = {
    "nl": {"contents": "Inhoud", "sheet": "Blad", "section": "Sectie", "part": "Onderdeel", "rows": "Rijen",
           "as_of": "Peildatum", "k": "Kleinste getoonde groep (k)",
           "k_note": "Een cel met “< {k}” is verborgen: de groep telt minder dan {k} personen (of er is een tweede "
                     "groep mee verborgen zodat niets terug te rekenen is).",
           "coverage": "Gegevensdekking (records per invoer)", "verdict": "Oordeel in het kort"},
    "en": {"contents": "Contents", "sheet": "Sheet", "section": "Section", "part": "Part", "rows": "Rows",
           "as_of": "As of", "k": "Smallest group shown (k)",
           "k_note": "A cell saying “< {k}” is hidden: the group has fewer than {k} people (or a second group is "
                     "hidden with it so that nothing can be worked out by subtraction).",
           "coverage": "Data coverage (records per input)", "verdict": "The verdict in brief"},
}
CATEGORY_WORDS = {
    "nl": {"all": "hele organisatie", "age_band": "leeftijdsgroep", "generation": "generatie", "unit": "afdeling",
           "job_family": "functiefamilie", "contract": "contractsoort", "sex": "geslacht", "life_phase": "levensfase",
           "career": "loopbaan", "private_life": "privésituatie", "vitality": "werkvermogen",
           "pension_horizon": "pensioenhorizon"},
    "en": {"all": "whole organisation", "age_band": "age band", "generation": "generation", "unit": "unit",
           "job_family": "job family", "contract": "contract type", "sex": "sex", "life_phase": "life phase",
           "career": "career", "private_life": "private life", "vitality": "work ability",
           "pension_horizon": "pension horizon"},
}
_NOT_IN_NAME = re.compile(r"[\[\]:*?/\\']")


def sheets_of(document: Document) -> list[tuple[str, str, Table]]:
    """(section, part, table) per sheet: every table of the document, split by its `by` column."""
    words = CATEGORY_WORDS[document.lang]
    out: list[tuple[str, str, Table]] = []
    section, part = "", ""
    for item in [*document.parts, *document.appendix]:
        table = None
        if isinstance(item, Heading):
            section, part = (item.text, "") if item.level == 2 else (section, item.text)
        elif isinstance(item, Section):  # a continuation (no title) is named by its chart
            section, part = (item.title, "") if item.title else (section, item.chart.title if item.chart else part)
            table = item.table if isinstance(item.table, Table) else None
        elif isinstance(item, Table):
            table = item
        if table is None:
            continue
        if "by" not in table.columns:
            out.append((section, part, table))
            continue
        columns = [c for c in table.columns if c != "by"]
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in table.rows:
            groups.setdefault(row["by"], []).append(row)
        for by, rows in groups.items():
            out.append((section, words.get(by, by), Table(rows=rows, columns=columns, words=table.words, k=table.k)))
    return out


def _sheet_name(index: int, section: str, part: str) -> str:
    """Number, the section's first words and the part, within Excel's rules (31 characters, none of
    []:*?/\\'); the number keeps names unique, the contents sheet gives the whole titles."""
    short = re.split(r"[:,(]", section)[0].strip()
    text = _NOT_IN_NAME.sub("", f"{short} {part}".strip()) or "-"
    return f"{index:02d} {text}"[:31].rstrip()


def render_workbook(document: Document) -> bytes:
    """The workbook as bytes (xlsx)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "bg_color": "#EEF2F6", "text_wrap": True, "valign": "top", "border": 1})
    hidden = book.add_format({"bg_color": "#E6E6E6", "font_color": "#444444", "align": "right"})
    formats: dict[str, Any] = {}
    w = BOOK_WORDS[document.lang]
    contents = book.add_worksheet(w["contents"])
    listed = []
    for i, (section, part, table) in enumerate(sheets_of(document), start=1):
        name = _sheet_name(i, section, part)
        sheet = book.add_worksheet(name)
        listed.append((name, section, part, len(table.rows)))
        for col, column in enumerate(table.columns):
            sheet.write_string(0, col, table.header(column), head)
            sheet.set_column(col, col, max(10, min(40, len(table.header(column)) + 2)))
        sheet.freeze_panes(1, 0)
        for r, row in enumerate(table.rows, start=1):
            for col, column in enumerate(table.columns):
                value = row.get(column)
                if is_hidden(row, column):
                    sheet.write_string(r, col, f"< {table.k}", hidden)
                elif value is None:
                    sheet.write_blank(r, col, None)
                elif iso_day(value, column):
                    fmt = formats.setdefault("d mmmm yyyy", book.add_format({"num_format": "d mmmm yyyy"}))
                    sheet.write_datetime(r, col, date.fromisoformat(value), fmt)
                elif isinstance(value, bool) or isinstance(value, str) or column in LABELS and not isinstance(value, int):
                    sheet.write_string(r, col, str(value))  # text stays text: no formula from data
                elif column in LABELS:
                    sheet.write_number(r, col, value)  # a year
                else:
                    code = number_format(column, value)
                    fmt = formats.setdefault(code, book.add_format({"num_format": code}))
                    sheet.write_number(r, col, value, fmt)
    _contents(contents, document, listed, w, bold, head)
    book.close()
    return buffer.getvalue()


def _contents(sheet, document: Document, listed: list[tuple[str, str, str, int]], w: dict, bold, head) -> None:
    sheet.write_string(0, 0, document.title, bold)
    sheet.write_string(1, 0, w["as_of"])
    sheet.write_string(1, 1, day(document.as_of, document.lang))
    sheet.write_string(2, 0, w["k"])
    sheet.write_number(2, 1, document.k)
    sheet.write_string(3, 0, w["k_note"].format(k=document.k))
    line = 4
    for note in document.notes[1:]:  # the first note repeats the k note
        sheet.write_string(line, 0, note)
        line += 1
    line += 1
    for col, text in enumerate((w["sheet"], w["section"], w["part"], w["rows"])):
        sheet.write_string(line, col, text, head)
    for name, section, part, rows in listed:
        line += 1
        sheet.write_string(line, 0, name)
        sheet.write_string(line, 1, section)
        sheet.write_string(line, 2, part)
        sheet.write_number(line, 3, rows)
    if document.coverage:
        line += 2
        sheet.write_string(line, 0, w["coverage"], bold)
        for name, count in document.coverage.items():
            line += 1
            sheet.write_string(line, 0, name)
            sheet.write_number(line, 1, count)
    if document.answers:  # the executive verdict, as the PDF's first page says it
        line += 2
        sheet.write_string(line, 0, w["verdict"], bold)
        for question, answer in document.answers:
            line += 1
            sheet.write_string(line, 0, question)
            sheet.write_string(line, 1, answer)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 2, 40)
