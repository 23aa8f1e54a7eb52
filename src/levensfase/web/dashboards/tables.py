"""What a dashboard panel shows: a takeaway, a figure and its table, and the table as CSV (every
cell through `levensfase.spreadsheet.safe_row`, so no name is evaluated as a formula).

Cells keep the look of a suppressed value in one place (DESIGN §9): text "< k", flagged, so the
template hatches it and the CSV writes the same text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

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
    """A decimal in the UI language's notation, rounded (Django's number_format would truncate)."""
    from django.utils.formats import number_format

    return number_format(round(value, digits), decimal_pos=digits)


def label_cell(text: object) -> Cell:
    return Cell(text=str(text), numeric=False)


def value_cell(value: object, *, suppressed: bool, k: int, digits: int = 1, percent: bool = False) -> Cell:
    """A number as the page shows it: Dutch/English decimals, "< k" when suppressed, "–" when empty."""
    if suppressed or value is None:
        return Cell(text=display(value, suppressed=suppressed, k=k), suppressed=suppressed)
    if isinstance(value, float):
        text = fmt(value, digits)
        return Cell(text=f"{text}%" if percent else text)
    return Cell(text=str(value))
