"""The retention page's numbers for every unit subtree and both its categories, protected as one set (DESIGN §6).

The retention page follows the cohort — everyone employed on the period's first day — per group
for the whole scope and each unit subtree, per generation and per life phase side by side: the
group's size and how many had left by each anniversary of the first day (its curve in whole
years, `retention_years`), and "why people left", the whole cohort's leavers per reason by each
anniversary. The day's headcount per group is
published by the other pages. Suppressing each group table alone let a hidden small group's
leavers be worked out as the cohort's leavers minus the shown groups' (issue 16;
tests/attacks/test_attacks_retention.py); auditing each category alone let the two categories'
tables, which share the cohort's people, its totals and its leavers per reason, give small groups
away read together (tests/attacks/test_attacks_retention_together.py).

Every number is a sum over the cohort's people, so they become `privacy.Cell`s with people as
members — a group's leavers per cohort year, whose sums are the page's steps — and
`privacy.withheld` decides once for both categories and every end of the period: a
small group is protected, a group with one number hidden is hidden whole (its curve too), the
cohort's totals and the day's headcounts are never chosen as companions, and the groups of deeper
subtrees are chosen before those of the whole scope (`unit_depth.depth_rank`). The day's pages decide their
own numbers (with what the year's category pages hide on 1 January, `published_day_pattern`): a
headcount they hide is hidden here too, so no page shows what another hides. A curve drawn by day
gave cuts in time the set did not hold (tests/attacks/test_attacks_retention_ends.py); the page
now shows whole years only, each a sum of the set's cells.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.categories import attach
from levensfase.analytics.phase_categories import phase_values
from levensfase.analytics.privacy import Cell, is_small, withheld
from levensfase.analytics.privacy.store import decided_once
from levensfase.analytics.protected_day import DayPattern
from levensfase.analytics.protected_year import published_day_pattern
from levensfase.analytics.retention import DAYS_PER_YEAR
from levensfase.analytics.retention_years import year_left
from levensfase.analytics.scope import rolled_up, subtree_workforce, subtrees
from levensfase.analytics.unit_depth import depth_rank
from levensfase.model.workforce import Workforce

__all__ = ["ALL", "CATEGORIES", "RetentionPattern", "cohort", "exits_shown", "hidden_groups", "retention_pattern"]

CATEGORIES = ("generation", "life_phase")  # the retention page's tables, side by side on one page
_NEVER_FIRST = 10**9
_OPEN = date(9999, 12, 31)  # the audit counts every recorded leaver: any page's end is a cut of it
ALL = ("all",)  # the value key of a subtree's whole cohort: (scope, ALL) hidden = no "why people left"
_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple, object]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class RetentionPattern:
    """`hidden[by]`: (scope, value) of every group the page must not show; `whole`: the subtrees
    whose whole cohort (its leavers per reason, "why people left") must not be shown."""

    hidden: dict[str, frozenset]
    whole: frozenset


def cohort(workforce: Workforce, *, start: date, end: date, by: str) -> pl.DataFrame:
    """One row per spell running on `start`: person_id, duration_years, event, end_reason, year (the
    cohort year it ended in, `retention_years.year_left`) and value (category on `start`)."""
    spells = workforce.spells.filter(
        (pl.col("start_date") <= start) & (pl.col("end_date").is_null() | (pl.col("end_date") >= start))
    )
    ended = pl.col("end_date").is_not_null() & (pl.col("end_date") <= end)
    last = pl.when(ended).then(pl.col("end_date")).otherwise(pl.lit(end))
    frame = spells.select(
        "person_id", ((last - pl.lit(start)).dt.total_days() + 1).truediv(DAYS_PER_YEAR).alias("duration_years"),
        ended.alias("event"), pl.when(ended).then(pl.col("end_reason").fill_null("other")).alias("end_reason"),
        pl.when(ended).then(year_left(start, pl.col("end_date"))).alias("year"),
    )
    if by == "life_phase":  # every phase that applies on `start` (the core's one definition)
        if frame.height == 0:
            return frame.with_columns(value=pl.lit(None, dtype=pl.String))
        return frame.join(phase_values(workforce, on=start, by="life_phase"), on="person_id", how="left")
    source = rolled_up(workforce) if by == "unit" else workforce
    on_day = source.assignments.filter(
        (pl.col("start_date") <= start) & (pl.col("end_date").is_null() | (pl.col("end_date") >= start))
    ).sort("fte", "unit_id", "job_id", descending=[True, False, False]).unique("person_id", keep="first")
    valued = attach(on_day.with_columns(day=pl.lit(start)), source, by=by, day="day").select("person_id", "value")
    return frame.join(valued, on="person_id", how="left")


def _group_cells(frame: pl.DataFrame, scope: str | None, by: str, rank: int = 0) -> list[Cell]:
    """Per group of `by`: its people and its leavers in each cohort year (key (scope, by, value,
    what)); the page's leavers by the j-th anniversary are the sums of years 1 … j."""
    groups: dict[Hashable, tuple[set, dict]] = {}
    for person, value, year in frame.select("person_id", "value", "year").iter_rows():
        people, leavers = groups.setdefault(value, (set(), {}))
        people.add(person)
        if year is not None:
            leavers.setdefault(year, set()).add(person)
    cells = []
    for value, (people, leavers) in groups.items():
        n = len(people)
        cells.append(Cell(key=(scope, by, value, "people"), members=frozenset(people), population=n, value=n, rank=rank))
        cells += [Cell(key=(scope, by, value, "left", year), members=frozenset(left), population=n, value=len(left),
                       rank=rank) for year, left in sorted(leavers.items())]
    return cells


def _whole_cells(frame: pl.DataFrame, scope: str | None, k: int) -> list[Cell]:
    """The whole cohort, the same on both categories' tables: its people and its leavers per reason."""
    everyone, left_for = set(), {}
    for person, year, reason in frame.select("person_id", "year", "end_reason").iter_rows():
        everyone.add(person)
        if year is not None:
            left_for.setdefault((reason, year), set()).add(person)
    small = is_small(len(everyone), k)
    cells = [Cell(key=(scope, ALL, "people"), members=frozenset(everyone), population=_NEVER_FIRST,
                  value=len(everyone), primary=small)]
    for (reason, year), leavers in sorted(left_for.items()):
        cells.append(Cell(key=(scope, ALL, reason, year), members=frozenset(leavers), population=_NEVER_FIRST,
                          value=len(leavers), primary=small))
    return cells


def _day_cells(frame: pl.DataFrame, scope: str | None, day: DayPattern, k: int, *,
               by: str | None) -> tuple[list[Cell], set, set]:
    """The day pages' numbers over the same people: the subtree's headcount and, with `by`, its
    headcount per group of `by` (generation; a life phase on the day's pages is read on the whole
    organisation's history, so it is not the same sum: linked by name only, `set_cells`); with the
    day's small and other hidden ones."""
    small, other = set(), set()
    total = ("day", scope, ALL)
    cells = [Cell(key=total, members=frozenset(frame["person_id"].to_list()), population=_NEVER_FIRST,
                  value=frame["person_id"].n_unique())]
    if not day.shown(scope, "total", None):
        (small if 0 < frame["person_id"].n_unique() < k else other).add(total)
    for value, people in frame.group_by("value").agg("person_id").iter_rows() if by else ():
        members = frozenset(people)
        key = ("day", scope, by, value)
        cells.append(Cell(key=key, members=members, population=_NEVER_FIRST, value=len(members)))
        if not day.shown(scope, by, value):
            (small if is_small(len(members), k) else other).add(key)
    return cells, small, other


@dataclass(frozen=True)
class RetentionSet:
    """The cells of one cohort's set (`set_cells`): `groups` the keys of the groups' numbers, `small`
    the day's small hidden cells, `other` every other cell the day's pages hide (by number or name)."""

    cells: list[Cell]
    groups: frozenset
    small: frozenset
    other: frozenset


def set_cells(workforce: Workforce, *, start: date, k: int, categories: tuple[str, ...],
              extra: dict[str, object] | None = None) -> RetentionSet:
    """Every number of the retention page's set for the cohort of `start`, for the scope and every
    subtree: per group of `categories` its people and its leavers in each cohort year, the whole
    cohort's people and leavers per reason and year, the day's headcounts. `extra` maps another
    category to a function (frame, scope, by, rank) → its groups' cells, for a page that publishes
    other cuts of the same cohort (`protected_retention_two_years`)."""
    extra = extra or {}
    day = published_day_pattern(workforce, day=start, k=k)
    cells: list[Cell] = []
    rank = depth_rank(workforce)
    day_small, day_other = set(), set()
    for scope in [None, *subtrees(workforce)]:
        sub = subtree_workforce(workforce, scope)
        frames = {by: cohort(sub, start=start, end=_OPEN, by=by) for by in (*categories, *extra)}
        first = frames[categories[0]]
        if not first.height:
            continue
        cells += _whole_cells(first, scope, k)
        for by in categories:
            cells += _group_cells(frames[by], scope, by, rank(scope))
        for by, made in extra.items():
            cells += made(frames[by], scope, by, rank(scope))
        same = [by for by in (*categories, *extra) if by != "life_phase"]  # the day's headcount per group
        own, small, other = _day_cells(frames.get("generation", first), scope, day, k,
                                       by="generation" if "generation" in frames else None)
        cells += own
        day_small |= small
        day_other |= other
        for by in same:
            if by == "generation":
                continue
            own, small, other = _day_cells(frames[by], scope, day, k, by=by)
            cells += own[1:]  # the subtree's headcount is in already
            day_small |= small
            day_other |= other
    groups = frozenset(c.key for c in cells if c.key[0] != "day" and c.key[1] != ALL)
    # a group whose headcount the day's pages hide is hidden here too (a generation's is the same
    # number; a life phase's is linked by name)
    named = {key for key in groups if not day.shown(key[0], key[1], key[2])}
    return RetentionSet(cells=cells, groups=groups, small=frozenset(day_small), other=frozenset(day_other | named))


def retention_pattern(workforce: Workforce, *, start: date, k: int,
                      categories: tuple[str, ...] = CATEGORIES) -> RetentionPattern:
    """The joint decision for the cohort of `start`, for the user's whole scope `workforce` (None)
    and each unit subtree in it (cached, and kept in `privacy.store` when configured).

    One decision for every end the page may follow the cohort to: the leavers are counted per
    cohort year up to the last recorded end date (`_OPEN`), so the page followed to 2023 and the
    page followed to 2025 show the same groups (a page with an earlier end shows fewer yearly
    steps), and no page's step is a cut the set does not hold."""
    # "per cohort year": a stored pattern of the audit before (total leavers only) is not read back
    return decided_once(_CACHE, workforce, ("retention", "per cohort year", start, k, categories),
                        lambda: _decided(workforce, start=start, k=k, categories=categories))


def _decided(workforce: Workforce, *, start: date, k: int, categories: tuple[str, ...]) -> RetentionPattern:
    found = set_cells(workforce, start=start, k=k, categories=categories)
    groups = found.groups
    out = withheld(found.cells, k=k, already=found.small, protect_secondary=False, hide=found.other,
                   row=lambda key: key[:3] if key in groups else key)
    hidden = {by: frozenset((s, v) for s, b, v, *_what in (x for x in out if x in groups) if b == by)
              for by in categories}
    whole = frozenset(x[0] for x in out if x[0] != "day" and x[1] == ALL)
    return RetentionPattern(hidden=hidden, whole=whole)


def hidden_groups(workforce: Workforce, *, start: date, by: str, k: int) -> frozenset[tuple]:
    """(scope, value) of every group of `by` the retention page must not show, for the user's whole
    scope `workforce` (None) and each unit subtree in it; (scope, ALL) when the subtree's whole
    cohort (its leavers per reason) must not be shown either. The page's categories are decided
    together (`retention_pattern`); another category is decided alone."""
    pattern = retention_pattern(workforce, start=start, k=k,
                                categories=CATEGORIES if by in CATEGORIES else (by,))
    return pattern.hidden[by] | frozenset((s, ALL) for s in pattern.whole)


def exits_shown(workforce: Workforce, *, start: date, k: int, unit: str | None) -> bool:
    """Whether "why people left" (the cohort's leavers per reason) of `unit`'s subtree may be shown."""
    return unit not in retention_pattern(workforce, start=start, k=k).whole
