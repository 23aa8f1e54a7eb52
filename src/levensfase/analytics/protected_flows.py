"""Flow counts of one year for every unit subtree a user can choose, protected as one linked set.

The flows and category pages publish, per whole year and per unit subtree (the scope, and every
unit in it with its children: the unit filter), instroom, doorstroom and uitstroom (by reason)
and the people in the period per category, with the subtree's total, beside the headcounts of
the year's first and last day. These share people: a parent subtree's counts are its children's
plus its own people's, except that a move between two children is doorstroom in the parent and
uitstroom + instroom in the children; and a group's headcount at the end is its headcount at the
start plus instroom minus uitstroom. Suppressing each subtree's table on its own therefore left
hidden counts recoverable from a parent minus its children (issue 16).

So every number of the year is one `privacy.Cell` whose members are the people it counts, each
with how often it counts them (a person's two moves in the year count twice): a person-year is
the finest unit the numbers are made of, so differencing between any of them is an exact linear
relation over these members. The year's joint audit (`protected_year`) decides once for every
category and both days; a row (a group of one subtree) with any number hidden is hidden whole.
Only the small groups' numbers are protected: a companion (k or more people) may be worked out,
and the pages mark it as hidden to protect others. The day headcounts come from
`analytics.protected_day` as they are (hidden ones stay hidden); one chosen as a companion
(`extra_headcounts`) is hidden on the category page and on the day's own pages.

Periods of several whole years: a group hidden in a year stays hidden in every period containing
that year (`protected_periods.PeriodPattern`), so a longer period's counts are sums of published
single-year counts and add nothing.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.categories import PERSON_CATEGORIES
from levensfase.analytics.per_scope import per_scope
from levensfase.analytics.privacy import Cell, is_small
from levensfase.analytics.privacy.store import decided_once
from levensfase.analytics.protected_day import DAY_CATEGORIES, day_pattern
from levensfase.analytics.protected_periods import FLOW_MEASURES, PeriodPattern
from levensfase.analytics.scope import subtrees
from levensfase.model.workforce import Workforce

__all__ = ["FlowYear", "flow_period_pattern", "flow_scopes", "flow_year"]

TOTAL = ("total",)  # the value key of a subtree's total row
MEASURES = (*FLOW_MEASURES, "population")
# The organisation's average rates beside a category table divide by the subtree's average headcount
# (first plus last day, halved), so that sum is published with the flows total even when the day
# headcounts are not: a cell of its own in the total's row.
AVERAGE = "average_headcount"
# Outflow per reason is published per unit only (the Sankey); the other tables show these.
CATEGORY_MEASURES = ("inflow", "internal_mobility", "outflow_total", "population")
DAY_COLUMNS = ("headcount_start", "headcount_end")
_NEVER_FIRST = 10**9  # a day headcount is picked as companion only when nothing else can be

_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple, object]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class FlowYear:
    """One year's decision for every subtree: `hidden` (scope, value) rows, `total_hidden` scopes,
    and day headcounts (day, scope, value) the flows needed hidden beyond the day's own pattern."""

    year: int
    hidden: frozenset[tuple[str | None, Hashable]]
    total_hidden: frozenset[str | None]
    extra_headcounts: frozenset[tuple[date, str | None, Hashable]]


def flow_scopes(workforce: Workforce, *, start: date, end: date) -> list[str | None]:
    """The whole scope and every unit whose subtree has an assignment in the year."""
    active = workforce.assignments.filter(
        (pl.col("start_date") <= end) & (pl.col("end_date").is_null() | (pl.col("end_date") >= start)))
    staffed = set(active["unit_id"].to_list())
    return [None, *(u for u, inside in subtrees(workforce).items() if inside & staffed)]


def measures(by: str) -> tuple[str, ...]:
    """The counts published per group of `by` (the rest of a period table is withheld)."""
    return MEASURES if by == "unit" else CATEGORY_MEASURES


def _flow_cells(per: pl.DataFrame, totals: pl.DataFrame, k: int, by: str) -> list[Cell]:
    """Every subtree's numbers as cells: `per` and `totals` hold every subtree's per-person counts
    stacked, `_scope` naming the subtree ("" for the whole scope). Keys: ("flow", by, scope, value,
    measure); a subtree's total is ("flow", None, scope, TOTAL, measure), the same in every category."""
    population = {(s, v): n for s, v, n in
                  per.group_by("_scope", "value").agg(pl.col("person_id").n_unique()).iter_rows()}
    everyone = dict(totals.group_by("_scope").agg(pl.col("person_id").n_unique()).iter_rows())
    cells = []
    for measure in (*measures(by), AVERAGE):
        count = (pl.lit(1, dtype=pl.Int64) if measure == "population" else pl.sum_horizontal(*DAY_COLUMNS)
                 if measure == AVERAGE else pl.col(measure)).alias("_n")
        rows: dict[tuple, dict[str, int]] = {}
        for scope, value, person, n in per.select("_scope", "value", "person_id", count).filter(
                pl.col("_n") > 0).iter_rows():
            rows.setdefault((scope, value), {})[person] = n
        total: dict[str, dict[str, int]] = {}
        for scope, person, n in totals.select("_scope", "person_id", count).filter(pl.col("_n") > 0).iter_rows():
            total.setdefault(scope, {})[person] = n
        for (scope, value), n in population.items():
            if measure == AVERAGE:
                break  # published for the subtree only (its rates), not per group
            weights = rows.get((scope, value), {})
            cells.append(Cell(key=("flow", by, scope or None, value, measure), members=frozenset(weights), population=n,
                              value=sum(weights.values()), weights=weights, primary=is_small(n, k)))
        for scope, n in everyone.items():
            weights = total.get(scope, {})
            # a subtree's total is never a companion (only withheld when small, or when nothing else
            # can protect a cell), so every table per category of the subtree shows the same total
            cells.append(Cell(key=("flow", None, scope or None, TOTAL, measure), members=frozenset(weights),
                              population=_NEVER_FIRST, value=sum(weights.values()), weights=weights,
                              primary=is_small(n, k)))
    return cells


def _day_cells(workforce: Workforce, *, day: date, per: pl.DataFrame, column: str, by: str, scope: str | None,
               k: int) -> tuple[list[Cell], set, set]:
    """The headcounts of `day` per group and in total, those the day pattern hides, and this
    page's own small ones (see below); keys
    ("day", by, day, scope, value), the total ("day", None, day, scope, TOTAL)."""
    pattern = day_pattern(workforce, day=day, k=k)
    present = per.filter(pl.col(column) > 0)
    cells, hidden, small = [], set(), set()
    groups = {v: frozenset(p) for v, p in present.group_by("value").agg("person_id").iter_rows()}
    groups[TOTAL] = frozenset(present["person_id"].to_list())
    for value, people in groups.items():
        name, shown_as = ("total", None) if value == TOTAL else (by, value)
        key = ("day", None if value == TOTAL else by, day, scope, value)
        # A life phase read on the subtree's own history may count other people than the day's
        # pages: then the number is this page's own, withheld when small.
        own = len(people) != pattern.counts.get((scope, name, shown_as), 0)
        cells.append(Cell(key=key, members=people, population=_NEVER_FIRST, value=len(people)))
        if not pattern.shown(scope, name, shown_as):
            hidden.add((key, is_small(len(people), k)))
        elif own and is_small(len(people), k):
            small.add(key)
    return cells, hidden, small


@dataclass(frozen=True)
class _Numbers:
    """What the pages per `by` publish of one year, as cells; the day headcounts the day pattern
    hides (`day_hidden`), and the small ones of those and of the page's own (`day_small`, protected)."""

    cells: tuple[Cell, ...]
    day_hidden: frozenset
    day_small: frozenset


def _numbers(workforce: Workforce, *, by: str, year: int, end: date, k: int) -> _Numbers:
    memo = _CACHE.setdefault(workforce, {})
    key = ("numbers", by, year, end, k)
    if key in memo:
        return memo[key]
    start = date(year, 1, 1)
    cells: list[Cell] = []
    day_hidden: set = set()
    day_small: set = set()
    scopes = flow_scopes(workforce, start=start, end=end)
    counts = per_scope(workforce, scopes, by=by, start=start, end=end)
    if by in PERSON_CATEGORIES:  # one value per person and day: a person's counts add up to the total
        totals = {s: per.group_by("person_id").agg(pl.col(*FLOW_MEASURES, *DAY_COLUMNS).sum(),
                                                    pl.lit("all").alias("value")) for s, per in counts.items()}
    else:  # units, jobs and contracts held at once, overlapping phases: count once, by sex
        totals = per_scope(workforce, scopes, by="sex", start=start, end=end)
    stack = lambda frames: pl.concat(  # noqa: E731 — every subtree's frame under its name
        [f.select("person_id", "value", *FLOW_MEASURES, *DAY_COLUMNS).with_columns(pl.lit(s or "").alias("_scope"))
         for s, f in frames.items() if f.height], how="vertical_relaxed")
    if any(f.height for f in counts.values()):
        cells += _flow_cells(stack(counts), stack(totals), k, by)
    for scope in scopes:
        per = counts.get(scope)
        if per is None or not per.height:
            continue
        if by in DAY_CATEGORIES:
            for day, column in ((start, "headcount_start"), (end, "headcount_end")):
                day_cells, hidden, own_small = _day_cells(workforce, day=day, per=per, column=column, by=by,
                                                          scope=scope, k=k)
                cells += day_cells
                day_small |= {key for key, small in hidden if small} | own_small
                day_hidden |= {key for key, _small in hidden}
    memo[key] = result = _Numbers(cells=tuple(cells), day_hidden=frozenset(day_hidden), day_small=frozenset(day_small))
    return result


def decided(workforce: Workforce, *, by: str, year: int, end: date, k: int, out: frozenset) -> FlowYear:
    """The pattern of the pages per `by` from the withheld keys `out` of the year."""
    day_hidden = _numbers(workforce, by=by, year=year, end=end, k=k).day_hidden
    hidden = frozenset((s, v) for kind, b, s, v, *_m in (x for x in out if x[0] == "flow") if b == by)
    total_hidden = frozenset(s for kind, b, s, v, *_m in (x for x in out if x[0] == "flow") if b is None)
    extra = frozenset((d, s, v) for kind, b, d, s, v in (x for x in out if x[0] == "day")
                      if b in (by, None) and ("day", b, d, s, v) not in day_hidden)
    return FlowYear(year=year, hidden=hidden, total_hidden=total_hidden, extra_headcounts=extra)


def flow_year(workforce: Workforce, *, by: str, year: int, end: date, k: int) -> FlowYear:
    """The protected flows of `year` (up to `end`) per `by` for the user's whole scope `workforce`
    and every unit subtree in it (cached per workforce): every category of the year and its first
    and last day's pages are audited as one set (`protected_year`)."""
    from levensfase.analytics.protected_year import year_pattern  # it reads this module's cells

    return decided_once(_CACHE, workforce, ("year", by, year, end, k), lambda: decided(
        workforce, by=by, year=year, end=end, k=k, out=year_pattern(workforce, year=year, end=end, k=k).out))


def flow_period_pattern(workforce: Workforce, *, by: str, years: range, end: date, k: int,
                        unit: str | None = None) -> PeriodPattern:
    """The years in which each group of `unit`'s subtree is hidden, for `protected_periods.PeriodPattern.rows`."""
    hidden: dict[Hashable, set[int]] = {}
    total_hidden = set()
    for year in years:
        decided = flow_year(workforce, by=by, year=year, end=min(date(year, 12, 31), end), k=k)
        for scope, value in decided.hidden:
            if scope == unit:
                hidden.setdefault(value, set()).add(year)
        if unit in decided.total_hidden:
            total_hidden.add(year)
    return PeriodPattern(by=by, k=k, hidden_years={v: frozenset(y) for v, y in hidden.items()},
                         total_hidden=frozenset(total_hidden))
