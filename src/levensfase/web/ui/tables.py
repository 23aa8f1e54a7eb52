"""What a dashboard panel shows: a takeaway, a figure and its table, and the table as CSV (every
cell through `levensfase.spreadsheet.safe_row`, so no name is evaluated as a formula).

Cells keep the look of a suppressed value in one place (DESIGN §9): text "< k", flagged, so the
template hatches it and the CSV writes the same text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from levensfase.analytics.findings.numbers import number
from levensfase.analytics.privacy import display
from levensfase.spreadsheet import safe_row


@dataclass(frozen=True)
class Cell:
    text: str
    suppressed: bool = False
    numeric: bool = True


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    flag: str = ""  # "losing" / "stuck" / "total": highlighted by the template


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(safe_row(self.columns))
        for row in self.rows:
            writer.writerow(safe_row(c.text for c in row.cells))
        return out.getvalue()


@dataclass(frozen=True)
class Panel:
    """One chart: `figure` is plotly JSON (None when nothing can be shown), `table` its data."""

    key: str
    title: str
    takeaway: str
    figure: str | None
    table: Table
    notes: tuple[str, ...] = field(default=())


def fmt(value: float, digits: int = 1) -> str:
    """A number in the UI language's notation (1.234,5 / 1,234.5), through the core's one
    formatter (analytics.findings.numbers), so a table and its takeaway write it the same way."""
    from django.utils.translation import get_language

    lang = "en" if (get_language() or "nl").startswith("en") else "nl"
    return number(value, lang, digits)


def label_cell(text: object) -> Cell:
    return Cell(text=str(text), numeric=False)


def value_cell(value: object, *, suppressed: bool, k: int, digits: int = 1, percent: bool = False) -> Cell:
    """A number as the page shows it: Dutch/English decimals, "< k" when suppressed, "–" when empty."""
    if suppressed or value is None:
        return Cell(text=display(value, suppressed=suppressed, k=k), suppressed=suppressed)
    if isinstance(value, float):
        text = fmt(value, digits)
        return Cell(text=f"{text}%" if percent else text)
    if isinstance(value, int) and not isinstance(value, bool):
        return Cell(text=fmt(value, 0))  # 212.577, not 212577
    return Cell(text=str(value))
