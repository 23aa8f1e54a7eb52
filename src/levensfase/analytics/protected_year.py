"""One year's category pages of every category and its first and last day's pages, protected as one set.

The "Welke categorieën?" page publishes, per category (sex, age band, generation, life phase, job
family, contract, unit), unit subtree and year: the people in the year, instroom, doorstroom,
uitstroom, the first and last day's headcounts and the subtree's totals. The categories share
their totals and the same people, and the two days' pages (composition, pyramid, headcount per
category) publish the headcounts of the same days. Audited apart — each category on its own
(`protected_flows`), each day on its own (`protected_day`) — the pages read together still gave
small groups away (issue 16: 3,115 of 3,177 hidden small numbers on a 60-person organisation).

So the year is one set: every category's flow cells, and every cell of both days' pages. The day
patterns' own decisions stand (what a day hides stays hidden, its small cells protected); a day
headcount may be chosen as a companion like any other number (the cheapest: fewest people; only a
subtree's flow totals come last, `protected_flows._NEVER_FIRST`), and is then hidden on the day's
pages too (`published_day_pattern`), so the category page and the day's pages always show the same
number or neither. Chosen last, day headcounts pushed the companions onto the whole scope's groups.
The groups' flow numbers are ranked by subtree depth (`unit_depth.depth_rank`), so companions are found in the
subtrees before the whole scope's groups (what that saves, measured: docs/privacy.md).

Years are chained. 31 December of one year and 1 January of the next count nearly the same
people, and so do the two years' category pages: audited apart, they gave small groups away when
read together (12 small numbers on the attack organisations). So year Y is audited with what year
Y − 1 published as known constants (its published cells kept, never chosen as companions; its
hidden small ones protected, they must stay undetermined), and with year Y + 1's small numbers
protected too: a small group of Y + 1 that Y's published numbers alone determined could not be
protected by anything Y + 1 hides. Y − 1 is decided first, so the chain runs from the first year
of recorded history (`model.recorded_history`: the years before it are not offered); a year's
pattern depends on the years before's and on the next year's data.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

from levensfase.analytics import protected_flows as flows
from levensfase.analytics.privacy import Cell, is_small, withheld
from levensfase.analytics.privacy.store import decided_once
from levensfase.analytics.protected_day import DAY_CATEGORIES, DayPattern, day_cells, day_pattern, report_day_pattern
from levensfase.analytics.unit_depth import depth_rank, uncut
from levensfase.model.recorded_history import first_recorded_year
from levensfase.model.workforce import Workforce

__all__ = ["YearPattern", "YearSet", "published_day_pattern", "report_day", "year_pattern", "year_set"]

_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple, object]] = weakref.WeakKeyDictionary()
_SETS: weakref.WeakKeyDictionary[Workforce, dict[tuple, "YearSet"]] = weakref.WeakKeyDictionary()
_BEFORE = -1  # the year before's cells come first in the audit's order: the basis holds them


@dataclass(frozen=True)
class YearPattern:
    """`out`: the withheld keys in the form `protected_flows.decided` reads (flow cells, and the
    category pages' day headcounts ("day", by, day, scope, value)); `day_extra`: per day, the day
    pages' keys (unit, table, value) hidden beyond the day's own pattern."""

    year: int
    out: frozenset
    day_extra: dict[date, frozenset]


def year_pattern(workforce: Workforce, *, year: int, end: date, k: int) -> YearPattern:
    """The joint decision of `year` (up to `end`) for the user's whole scope, given what the years
    before it published (cached, and kept in `privacy.store` when configured)."""
    chained = first_recorded_year(workforce) or year
    key = ("joint-year", year, end, k, "chained", year - 1 if chained < year else None)
    if key in _CACHE.get(workforce, {}):
        return _CACHE[workforce][key]
    # the year before is decided first: the chain runs in year order from the first recorded year
    previous = year_pattern(workforce, year=year - 1, end=date(year - 1, 12, 31), k=k) if chained < year else None
    return decided_once(_CACHE, workforce, key, lambda: _decided(workforce, year=year, end=end, k=k, previous=previous))


@dataclass(frozen=True)
class YearSet:
    """One year's numbers as cells (`cells`), the withheld ones that are protected (`protected`:
    the day pages' small hidden cells, the category pages' small day headcounts; the small groups
    are `Cell.primary`) and the others the day patterns hide (`hidden`), and the category pages'
    day headcounts that are a day page's same number (`same`: own key → the day page's key)."""

    cells: dict[Hashable, Cell]
    protected: frozenset
    hidden: frozenset
    same: dict[Hashable, Hashable]


def year_set(workforce: Workforce, *, year: int, end: date, k: int) -> YearSet:
    """The year's set, the last few kept (the chain reads each year's set three times in a row)."""
    sets = _SETS.setdefault(workforce, {})
    key = (year, end, k)
    if key not in sets:
        sets[key] = _built(workforce, year=year, end=end, k=k)
        while len(sets) > 3:
            del sets[next(iter(sets))]
    return sets[key]


def _built(workforce: Workforce, *, year: int, end: date, k: int) -> YearSet:
    start = date(year, 1, 1)
    cells: dict[Hashable, Cell] = {}
    protected: set = set()
    hidden: set = set()
    page: dict[tuple[date, tuple], frozenset] = {}  # the day pages' cells by (day, key)
    for day in (start, end):
        pattern = day_pattern(workforce, day=day, k=k)
        for cell in day_cells(workforce, day=day):
            page[(day, cell.key)] = cell.members
            key = ("page", day, *cell.key)
            cells[key] = dataclasses.replace(cell, key=key)
            if cell.key in pattern.hidden:
                (protected if is_small(cell.population, k) else hidden).add(key)
    # only the flow groups are ranked: ranking the day cells too moved their companions onto the
    # days' whole-scope numbers (docs/privacy.md)
    rank = depth_rank(workforce)
    same: dict[Hashable, Hashable] = {}  # a category page's day headcount → the day page's same number
    for by in DAY_CATEGORIES:
        numbers = flows._numbers(workforce, by=by, year=year, end=end, k=k)
        for cell in numbers.cells:
            if cell.key[0] == "flow":
                if cell.key[3] != flows.TOTAL:
                    cell = dataclasses.replace(cell, rank=rank(cell.key[2]))
                cells.setdefault(cell.key, cell)
                if cell.primary:
                    protected.add(cell.key)
                continue
            _day, b, day, scope, value = cell.key
            twin = (day, (scope, "total", None) if b is None else (scope, b, value))
            if page.get(twin) == cell.members:
                same[cell.key] = ("page", day, *twin[1])
                continue
            cells[cell.key] = dataclasses.replace(cell, population=len(cell.members))
            if cell.key in numbers.day_small:
                protected.add(cell.key)
            elif cell.key in numbers.day_hidden:
                hidden.add(cell.key)
    return YearSet(cells=cells, protected=frozenset(protected), hidden=frozenset(hidden), same=same)


def _decided(workforce: Workforce, *, year: int, end: date, k: int, previous: YearPattern | None) -> YearPattern:
    """The year's set with the year before's (decided: `previous`) and the next year's small numbers."""
    own = year_set(workforce, year=year, end=end, k=k)
    cells, protected, kept = dict(own.cells), set(own.protected), set()
    if previous is not None:  # its published numbers are constants now, its protected ones stay protected
        before = year_set(workforce, year=previous.year, end=date(previous.year, 12, 31), k=k)
        for key, cell in before.cells.items():
            if key in previous.out and key not in before.protected and not cell.primary:
                continue  # a companion of that year: hidden, and nobody needs it undetermined
            named = ("before", key)
            cells[named] = dataclasses.replace(cell, key=named, rank=_BEFORE)
            (protected if key in previous.out else kept).add(named)
    if end == date(year, 12, 31):  # the next year's small numbers: what this year publishes must not give them
        after = year_set(workforce, year=year + 1, end=date(year + 1, 12, 31), k=k)
        for key, cell in after.cells.items():
            if key in after.protected or cell.primary:
                named = ("after", key)
                cells[named] = dataclasses.replace(cell, key=named)
                protected.add(named)
    out = withheld(list(cells.values()), k=k, already=protected, protect_secondary=False, row=_row,
                   hide=own.hidden - protected, keep=kept, show_determined=True)
    out = {key for key in out if key[0] not in ("before", "after")}
    out |= {mine for mine, twin in own.same.items() if twin in out}
    days = (date(year, 1, 1), end)
    day_extra = {day: frozenset(key[2:] for key in out if key[0] == "page" and key[1] == day
                                and key[2:] not in day_pattern(workforce, day=day, k=k).hidden) for day in days}
    return YearPattern(year=year, out=frozenset(out), day_extra=day_extra)


def _row(key: tuple) -> tuple:
    """A group's flow numbers of one subtree form a row (withheld whole); a headcount stands alone."""
    return key[:4] if key[0] == "flow" else key


def published_day_pattern(workforce: Workforce, *, day: date, k: int, end: date | None = None) -> DayPattern:
    """The day's pattern as every page shows it: on the first or last day of a year, with what the
    year's category pages need hidden too (the same number is shown on both or on neither).

    `end`: the last day the pages show of the day's year — the as-of day of the running year
    (default 31 December). The running year's pages are audited up to it, so its 1 January and
    the as-of day itself take that partial year's pattern."""
    pattern = day_pattern(workforce, day=day, k=k)
    last = end if end is not None and end.year == day.year else date(day.year, 12, 31)
    if day not in (date(day.year, 1, 1), last):
        return pattern
    year = year_pattern(workforce, year=day.year, end=last, k=k)
    extra = year.day_extra.get(day, frozenset())
    return dataclasses.replace(pattern, hidden=pattern.hidden | extra) if extra else pattern


def report_day(workforce: Workforce, *, day: date, k: int, pages: bool = False, end: date | None = None) -> DayPattern:
    """The `analyse` document's headcounts on `day` (its composition, phases section, pension wave,
    policy scan, competencies and ambitions read them). `pages`: for a reader of the dashboards too — what the pages
    publish on the day is then given (`report_day_pattern`); `end`: the document's as-of day, the
    last day the running year's pages show."""
    if not pages:
        return day_pattern(workforce, day=day, k=k, subtrees=False)
    return report_day_pattern(workforce, day=day, k=k,
                              pages=published_day_pattern(uncut(workforce), day=day, k=k, end=end))
