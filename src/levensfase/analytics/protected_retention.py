"""The retention page's numbers for every unit subtree and both its categories, protected as one set (DESIGN §6).

The retention page follows the cohort — everyone employed on the period's first day — per group
for the whole scope and each unit subtree, per generation and per life phase side by side: the
group's size, how many left (a Kaplan–Meier curve's steps split exactly those leavers over time)
and "why people left", the whole cohort's leavers per reason. The day's headcount per group is
published by the other pages. Suppressing each group table alone let a hidden small group's
leavers be worked out as the cohort's leavers minus the shown groups' (issue 16;
tests/attacks/test_attacks_retention.py); auditing each category alone let the two categories'
tables, which share the cohort's people, its totals and its leavers per reason, give small groups
away read together (tests/attacks/test_attacks_retention_together.py).

Every number is a sum over the cohort's people, so they become `privacy.Cell`s with people as
members and `privacy.withheld` decides once for both categories and every end of the period: a
small group is protected, a group with one number hidden is hidden whole (its curve too), the
cohort's totals and the day's headcounts are never chosen as companions, and the groups of deeper
subtrees are chosen before those of the whole scope (`unit_depth.depth_rank`). The day's pages decide their
own numbers (with what the year's category pages hide on 1 January, `published_day_pattern`): a
headcount they hide is hidden here too, so no page shows what another hides. The curves have no
cells of their own: a shown group's steps split its own published leavers, and a hidden group's
curve is not drawn; but the steps also give the leavers by each year's end, which are not in the
set (docs/privacy.md, "What the audits do not cover").
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
    """One row per spell running on `start`: person_id, duration_years, event, end_reason and value (category on `start`)."""
    spells = workforce.spells.filter(
        (pl.col("start_date") <= start) & (pl.col("end_date").is_null() | (pl.col("end_date") >= start))
    )
    ended = pl.col("end_date").is_not_null() & (pl.col("end_date") <= end)
    last = pl.when(ended).then(pl.col("end_date")).otherwise(pl.lit(end))
    frame = spells.select(
        "person_id", ((last - pl.lit(start)).dt.total_days() + 1).truediv(DAYS_PER_YEAR).alias("duration_years"),
        ended.alias("event"), pl.when(ended).then(pl.col("end_reason").fill_null("other")).alias("end_reason"),
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
    """Per group of `by`: its people and its leavers (key (scope, by, value, what))."""
    groups: dict[Hashable, tuple[set, set]] = {}
    for person, value, left in frame.select("person_id", "value", "event").iter_rows():
        people, leavers = groups.setdefault(value, (set(), set()))
        people.add(person)
        if left:
            leavers.add(person)
    cells = []
    for value, (people, leavers) in groups.items():
        n = len(people)
        cells.append(Cell(key=(scope, by, value, "people"), members=frozenset(people), population=n, value=n, rank=rank))
        cells.append(Cell(key=(scope, by, value, "left"), members=frozenset(leavers), population=n, value=len(leavers),
                          rank=rank))
    return cells


def _whole_cells(frame: pl.DataFrame, scope: str | None, k: int) -> list[Cell]:
    """The whole cohort, the same on both categories' tables: its people and its leavers per reason."""
    everyone, left_for = set(), {}
    for person, left, reason in frame.select("person_id", "event", "end_reason").iter_rows():
        everyone.add(person)
        if left:
            left_for.setdefault(reason, set()).add(person)
    small = is_small(len(everyone), k)
    cells = [Cell(key=(scope, ALL, "people"), members=frozenset(everyone), population=_NEVER_FIRST,
                  value=len(everyone), primary=small)]
    for reason, leavers in left_for.items():
        cells.append(Cell(key=(scope, ALL, reason), members=frozenset(leavers), population=_NEVER_FIRST,
                          value=len(leavers), primary=small))
    return cells


def _day_cells(frame: pl.DataFrame, scope: str | None, day: DayPattern, k: int, *,
               per_value: bool) -> tuple[list[Cell], set, set]:
    """The day pages' numbers over the same people: the subtree's headcount and, `per_value`, its
    headcount per generation (a life phase on the day's pages is read on the whole organisation's
    history, so it is not the same sum: linked by name only, `_decided`); with the day's small and
    other hidden ones."""
    small, other = set(), set()
    total = ("day", scope, ALL)
    cells = [Cell(key=total, members=frozenset(frame["person_id"].to_list()), population=_NEVER_FIRST,
                  value=frame["person_id"].n_unique())]
    if not day.shown(scope, "total", None):
        (small if 0 < frame["person_id"].n_unique() < k else other).add(total)
    for value, people in frame.group_by("value").agg("person_id").iter_rows() if per_value else ():
        members = frozenset(people)
        key = ("day", scope, "generation", value)
        cells.append(Cell(key=key, members=members, population=_NEVER_FIRST, value=len(members)))
        if not day.shown(scope, "generation", value):
            (small if is_small(len(members), k) else other).add(key)
    return cells, small, other


def retention_pattern(workforce: Workforce, *, start: date, k: int,
                      categories: tuple[str, ...] = CATEGORIES) -> RetentionPattern:
    """The joint decision for the cohort of `start`, for the user's whole scope `workforce` (None)
    and each unit subtree in it (cached, and kept in `privacy.store` when configured).

    One decision for every end the page may follow the cohort to: the leavers are counted up to
    the last recorded end date (`_OPEN`), so the page followed to 2023 and the page followed to
    2025 show the same groups (a page with an earlier end shows their curves cut short). The
    leavers by each year's end are not in the set: docs/privacy.md, "What the audits do not cover"
    (tests/attacks/test_attacks_retention_ends.py)."""
    return decided_once(_CACHE, workforce, ("retention", start, k, categories),
                        lambda: _decided(workforce, start=start, k=k, categories=categories))


def _decided(workforce: Workforce, *, start: date, k: int, categories: tuple[str, ...]) -> RetentionPattern:
    day = published_day_pattern(workforce, day=start, k=k)
    cells: list[Cell] = []
    rank = depth_rank(workforce)
    day_small, day_other = set(), set()
    for scope in [None, *subtrees(workforce)]:
        sub = subtree_workforce(workforce, scope)
        frames = {by: cohort(sub, start=start, end=_OPEN, by=by) for by in categories}
        first = frames[categories[0]]
        if not first.height:
            continue
        cells += _whole_cells(first, scope, k)
        for by, frame in frames.items():
            cells += _group_cells(frame, scope, by, rank(scope))
        own, small, other = _day_cells(frames.get("generation", first), scope, day, k,
                                       per_value="generation" in frames)
        cells += own
        day_small |= small
        day_other |= other
    groups = {c.key for c in cells if c.key[0] != "day" and c.key[1] != ALL}
    # a group whose headcount the day's pages hide is hidden here too (a generation's is the same
    # number; a life phase's is linked by name)
    named = {key for key in groups if not day.shown(key[0], key[1], key[2])}
    out = withheld(cells, k=k, already=day_small, protect_secondary=False, hide=day_other | named,
                   row=lambda key: key[:3] if key in groups else key)
    hidden = {by: frozenset((s, v) for s, b, v, _what in (x for x in out if x in groups) if b == by)
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
