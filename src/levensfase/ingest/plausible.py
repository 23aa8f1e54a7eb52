"""Plausible values: the ranges of dates and numbers, and the characters of ids, an import accepts.

A value can be well-formed and still impossible (a birth date in 9999, a grade of 1e30, a person
id with a slash). Such values used to pass the import and break pages and analyses later; here
they become problems at the cell where they stand (docs/exchange-format.md, "Plausible values").
"""

from __future__ import annotations

from datetime import date

import polars as pl

EARLIEST = date(1900, 1, 1)  # no birth, event or answer of a working person lies before this
EARLIEST_START = date(1950, 1, 1)  # no assignment of a current HR system starts before this
LATEST_END = date(2199, 12, 31)  # planned ends (e.g. on the AOW date) may lie far ahead, not further
OPEN_END_MARK = date(9999, 12, 31)  # SAP and others write an open end so: read as "no end date"
START_AHEAD_YEARS = 2  # a start may be planned, at most this far ahead
MIN_WORKING_AGE = 13  # the youngest age at which Dutch law allows any light work

# (table, column) -> (lowest, highest) for numbers; any other number column stays within ANY_NUMBER.
NUMBER_RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("jobs", "grade"): (0, 100),  # a CAO salary scale (schaal 1–18) or an FWG class (FWG 10–80, care sector)
    ("job_skills", "level_required"): (1, 4),
    ("person_skills", "level"): (1, 4),
    ("arrangements", "hours"): (0, 10_000),  # hours per arrangement; a working year has ~1.800
    ("arrangements", "cost_eur"): (0, 10_000_000),
}
ANY_NUMBER = 1e9  # no fte, survey answer or amount in HR data comes near this

# Person ids appear in addresses (/people/<id>/) and file names: letters, digits and - _ . : only.
PERSON_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"
PERSON_ID_RULE = ("alleen letters, cijfers en - _ . : (hoogstens 64 tekens, beginnend met een letter of cijfer)",
                  "only letters, digits and - _ . : (at most 64 characters, starting with a letter or digit)")
# Catalog ids (units, jobs, skills) are often an HRIS label or an ESCO URI: any printable text.
CONTROL = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
CATALOG_ID_RULE = ("geen stuurtekens (tab, regeleinde en dergelijke)", "no control characters (tab, line break etc.)")


def today() -> date:
    return date.today()


def _years(day: date, years: int) -> date:
    """`day` moved by whole years (29 February becomes 28 February where needed)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def date_range(table: str, column: str) -> tuple[date, date]:
    """The dates `table.column` may hold (open ends already read as null)."""
    now = today()
    if (table, column) == ("people", "birth_date"):
        return EARLIEST, _years(now, -MIN_WORKING_AGE)
    if column == "end_date":
        return EARLIEST, LATEST_END
    if (table, column) == ("assignments", "start_date"):
        return EARLIEST_START, _years(now, START_AHEAD_YEARS)
    return EARLIEST, _years(now, START_AHEAD_YEARS)


def number_range(table: str, column: str) -> tuple[float, float]:
    return NUMBER_RANGES.get((table, column), (-ANY_NUMBER, ANY_NUMBER))


def show_range(lo: object, hi: object) -> str:
    if isinstance(lo, float | int) and isinstance(hi, float | int):
        return f"{lo:g}–{hi:g}" if max(abs(lo), abs(hi)) < 1e6 else f"{lo:,.0f}–{hi:,.0f}".replace(",", ".")
    return f"{lo} – {hi}"


def bad_id(table: str, column: str) -> tuple[pl.Expr, tuple[str, str]] | None:
    """For an id column: the condition (on the raw text) that makes a value unacceptable, and the
    rule in Dutch and English; None for columns that are no ids."""
    if not column.endswith("_id"):
        return None
    if column == "person_id":
        return ~pl.col(column).str.contains(PERSON_ID), PERSON_ID_RULE
    return pl.col(column).str.contains(CONTROL), CATALOG_ID_RULE
