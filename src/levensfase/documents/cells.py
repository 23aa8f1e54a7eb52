"""One table cell the reader's way, shared by every document: "< k" when hidden, Dutch numbers in Dutch.

The number of digits depends on what a column holds (whole euros, shares of 1 with three digits,
percentages with one); `number_format` gives the same choice as a spreadsheet format, so the
workbook shows what the page shows while keeping real numbers.
"""

from __future__ import annotations

import re
from typing import Any

from levensfase.analytics.findings.numbers import day, number
from levensfase.analytics.privacy import display

__all__ = ["LABELS", "cell_text", "decimal", "digits_for", "iso_day", "is_hidden", "number_format", "pct"]

# Columns that name a row (a group, a year, a day): never hidden, never formatted as a number.
LABELS = ("value", "by", "year", "day", "age_band", "sex", "measured_from", "group", "unit", "phase", "from", "to")

DATE_COLUMNS = ("day", "from", "to", "measured_from")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: Any, column: str) -> str | None:
    """The ISO text of a date cell (a `day`, `from`, `to` or `measured_from` column), else None."""
    return value if column in DATE_COLUMNS and isinstance(value, str) and _ISO_DAY.fullmatch(value) else None


def is_hidden(row: dict[str, Any], column: str) -> bool:
    """A value cell of a suppressed row; the row's labels stay readable."""
    return bool(row.get("suppressed", False)) and column not in LABELS


def digits_for(column: str, value: Any) -> int:
    """Euros none, whole numbers none, percentages one, shares of 1 / survival / medians three, else one."""
    if column.endswith("_eur") or column.startswith("spend"):
        return 0
    if column == "share_low" or isinstance(value, int):
        return 1 if isinstance(value, float) else 0
    if column.startswith(("survival", "share", "median")) or column.endswith("_share"):
        return 3
    return 1


def cell_text(value: Any, column: str, *, hidden: bool, k: int, lang: str) -> str:
    """1.234 and 55,4 in Dutch (1,234 and 55.4 in English), dates as 31 december 2024; "< k" when hidden,
    "–" when empty."""
    if not hidden and iso_day(value, column):
        return day(value, lang)
    if hidden or value is None or isinstance(value, bool) or column in LABELS or not isinstance(value, (int, float)):
        return display(value, suppressed=hidden, k=k)
    return number(value, lang, digits_for(column, value))


def number_format(column: str, value: Any) -> str:
    """The spreadsheet format with the digits of `digits_for` (Excel shows 1.234,5 in a Dutch locale)."""
    digits = digits_for(column, value)
    return "#,##0" + ("." + "0" * digits if digits else "")


def decimal(text: str, lang: str) -> str:
    """Dutch decimals in a sentence: 10,6% (dates and age bands have no dot between digits)."""
    return re.sub(r"(\d)\.(\d)", r"\1,\2", text) if lang == "nl" else text


def pct(value: float | None) -> str:
    """A share of 1 as 55.4% (the caller makes the decimal Dutch); "–" when missing."""
    return "–" if value is None else f"{value * 100:.1f}%"
