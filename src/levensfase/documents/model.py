"""The parts a rendered document is made of, independent of the output format.

A report builds a list of `Part`s once; `documents.html`, `documents.pdf` and `documents.workbook`
each render that same list, so the HTML page, the PDF and the workbook show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Chart:
    """A chart as plotly-style traces (`type` bar or scatter, `x`, `y`, `name`); `key` is its HTML id."""

    title: str
    traces: list[dict[str, Any]]
    key: str


@dataclass(frozen=True)
class Table:
    """Rows of a report dict shown under `columns`; headers from `words`, hidden rows as "< k"."""

    rows: list[dict[str, Any]]
    columns: list[str]
    words: dict[str, str]
    k: int

    def header(self, column: str) -> str:
        return self.words.get(column, column)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Section:
    """Heading (may be empty: a continuation), takeaway, the section's findings (HTML), chart, table.

    `plain`: the takeaway is a finding already in the reader's number format (not reformatted)."""

    title: str
    takeaway: str
    chart: Chart | None = None
    table: Table | str | None = None
    findings: str = ""
    plain: bool = False


@dataclass(frozen=True)
class Html:
    """A snippet that is already HTML (a verdict, a list of findings, an anchor)."""

    text: str


Part = Section | Table | Heading | Html


@dataclass(frozen=True)
class Document:
    """Everything a renderer needs: the parts plus what the front page and the contents sheet say."""

    title: str
    lang: str
    as_of: str
    k: int
    parts: list[Part]
    notes: list[str] = field(default_factory=list)  # suppression and data-coverage notes, plain text
    verdict: str = ""  # HTML of the executive verdict (analytics.findings), shown first
    coverage: dict[str, int] = field(default_factory=dict)  # records per input table
    answers: list[tuple[str, str]] = field(default_factory=list)  # the verdict as (question, answer) text
    appendix: list[Part] = field(default_factory=list)  # tables only the workbook carries (every category)


def with_names(parts: list[Part], *, by: str, names: dict[str, str]) -> list[Part]:
    """The parts with the `value` of every table row of category `by` (say unit ids) shown by name."""
    if not names:
        return parts

    def table(t: Table) -> Table:
        rows = [r | {"value": names.get(r["value"], r["value"])} if r.get("by") == by else r for r in t.rows]
        return replace(t, rows=rows)

    out: list[Part] = []
    for part in parts:
        if isinstance(part, Table):
            part = table(part)
        elif isinstance(part, Section) and isinstance(part.table, Table):
            part = replace(part, table=table(part.table))
        out.append(part)
    return out
