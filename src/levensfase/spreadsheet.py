"""Cells that no spreadsheet evaluates: the one guard against CSV / formula injection.

A unit or job name such as `=HYPERLINK("http://…")`, `@SUM(1)` or `-2+3+cmd|' /C calc'!A0`
becomes a live formula when a downloaded CSV is opened in Excel or LibreOffice (OWASP "CSV
injection"). Every CSV writer passes its cells through `safe_cell`/`safe_row`, and every xlsx
workbook is opened with `WORKBOOK_OPTIONS`, so text stays text while numbers stay numbers.

Pure Python: used by the core's exchange writer and by every web download alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["FORMULA_TRIGGERS", "WORKBOOK_OPTIONS", "is_formula_like", "safe_cell", "safe_row"]

# A cell starting with one of these may be read as a formula (tab and carriage return because
# some spreadsheets strip them and then see the next character).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# A number as a page shows it, in Dutch or English notation: -3, -1,5, -1.234,5, +2.5, -12,5%.
# Such a text is read as a number (or as text), never as a formula, so it is written unchanged.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")

# xlsxwriter turns any string starting with "=" into a formula unless told not to.
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}


def is_formula_like(text: str) -> bool:
    """True for text a spreadsheet could evaluate: it starts with a trigger and is not a plain number."""
    return text.startswith(FORMULA_TRIGGERS) and _PLAIN_NUMBER.fullmatch(text) is None


def safe_cell(value: object) -> object:
    """The value to write into a CSV cell: formula-like text gets a leading apostrophe (which
    spreadsheets show as text and do not display); numbers, negative ones included, and all
    other values pass unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    """`safe_cell` for every cell of a row (header rows included: they may carry unit names)."""
    return [safe_cell(v) for v in values]
