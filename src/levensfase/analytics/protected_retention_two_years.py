"""The "Welke categorieën?" page's 2-year retention per group, protected with the retention page (DESIGN §6).

That column is another cut of the retention page's cohort: per group of the chosen category (and
for the whole cohort, in the average row), the people on the period's first day and how many of
them left by the second anniversary. For generation and life phase it is the retention page's own
year-2 step, so it is shown exactly where that page shows the group. For every other category
(sex, age band, job family, contract, unit) the groups' people and leavers by the second
anniversary join the retention page's set as one more table: the retention page's decision stands
(what it shows is kept published, what it hides stays hidden) and the new table's groups are hidden
until no small group's number — of this table or of the retention page's — is determined. Before,
the column was withheld only when the group's own cohort was small on that page.
"""

from __future__ import annotations

import weakref
from datetime import date

import polars as pl

from levensfase.analytics.privacy import Cell, withheld
from levensfase.analytics.privacy.store import decided_once
from levensfase.analytics.protected_retention import (
    ALL,
    CATEGORIES,
    hidden_groups,
    retention_pattern,
    running_year_end,
    set_cells,
)
from levensfase.model.workforce import Workforce

__all__ = ["two_year_hidden"]

_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple, object]] = weakref.WeakKeyDictionary()


def _two_year_cells(frame: pl.DataFrame, scope: str | None, by: str, rank: int) -> list[Cell]:
    """Per group: its people and its leavers by the second anniversary (years 1 and 2)."""
    cells = []
    for value, people, years in frame.group_by("value").agg("person_id", "year").iter_rows():
        everyone = frozenset(people)
        left = frozenset(p for p, y in zip(people, years) if y is not None and y <= 2)
        n = len(everyone)
        cells.append(Cell(key=(scope, by, value, "people"), members=everyone, population=n, value=n, rank=rank))
        cells.append(Cell(key=(scope, by, value, "left2"), members=left, population=n, value=len(left), rank=rank))
    return cells


def two_year_hidden(workforce: Workforce, *, start: date, by: str, k: int, end: date | None = None) -> frozenset[tuple]:
    """(scope, value) of every group of `by` whose 2-year retention the categories page must not
    show, for the user's whole scope `workforce` (None) and each unit subtree in it; (scope, ALL)
    when the subtree's whole cohort's may not be shown (the average row). `end`: the page's last day
    (in the running year, the as-of day: the first day's pages of that partial year)."""
    if by in CATEGORIES:
        return hidden_groups(workforce, start=start, by=by, k=k, end=end)
    last = running_year_end(start, end)
    return decided_once(_CACHE, workforce, ("retention-2y", "with the day's pages", start, last, k, by),
                        lambda: _decided(workforce, start=start, by=by, k=k, end=last))


def _decided(workforce: Workforce, *, start: date, by: str, k: int, end: date | None) -> frozenset[tuple]:
    page = retention_pattern(workforce, start=start, k=k, end=end)
    found = set_cells(workforce, start=start, k=k, categories=CATEGORIES, extra={by: _two_year_cells}, end=end)
    mine = frozenset(key for key in found.groups if key[1] == by)
    theirs = found.groups - mine
    # the retention page's decision stands: its hidden numbers stay hidden, its shown ones are kept
    hidden_there = {key for key in theirs if (key[0], key[2]) in page.hidden[key[1]]}
    hidden_there |= {c.key for c in found.cells if c.key[0] not in ("day", "small") and c.key[1] == ALL
                     and c.key[0] in page.whole}
    fixed = found.small | found.other | hidden_there
    keep = [c.key for c in found.cells if c.key not in fixed and c.key not in mine]
    out = withheld(found.cells, k=k, already=found.small, protect_secondary=False, hide=found.other | hidden_there,
                   row=lambda key: key[:3] if key in found.groups else key, keep=keep)
    return (frozenset((s, v) for s, _b, v, _what in (x for x in out if x in mine))
            | frozenset((s, ALL) for s in page.whole))
