"""The retention page's numbers for every unit subtree, protected as one linked set (DESIGN §6).

The retention page follows the cohort — everyone employed on the period's first day — per group
(generation, life phase) for the whole scope and each unit subtree: the group's size, how many
left (a Kaplan–Meier curve's steps split exactly those leavers over time) and "why people left",
the whole cohort's leavers per reason. The day's headcount per group is published by the other
pages. Suppressing each group table alone let a hidden small group's leavers be worked out as the
cohort's leavers minus the shown groups' (issue 16; tests/attacks/test_attacks_retention.py).

Every number is a sum over the cohort's people, so they become `privacy.Cell`s with people as
members and `privacy.withheld` decides once: a small group is protected, a group with one number
hidden is hidden whole (its curve too), the cohort's totals and the day's headcounts are never
chosen as companions (the day's hidden ones stay hidden). The curves need no cells of their own:
a shown group's steps split its own published leavers, and a hidden group's curve is not drawn.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable
from datetime import date

import polars as pl

from levensfase.analytics.categories import attach
from levensfase.analytics.phase_categories import phase_values
from levensfase.analytics.privacy import Cell, is_small, withheld
from levensfase.analytics.protected_day import day_pattern
from levensfase.analytics.retention import DAYS_PER_YEAR
from levensfase.analytics.scope import rolled_up, subtree_workforce, subtrees
from levensfase.model.workforce import Workforce

__all__ = ["ALL", "cohort", "exits_shown", "hidden_groups"]

_NEVER_FIRST = 10**9
ALL = ("all",)  # the value key of a subtree's whole cohort: (scope, ALL) hidden = no "why people left"
_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple, frozenset]] = weakref.WeakKeyDictionary()


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


def _cells(frame: pl.DataFrame, scope: str | None, k: int) -> list[Cell]:
    groups: dict[Hashable, tuple[set, set]] = {}
    everyone, left_for = set(), {}
    for person, value, left, reason in frame.select("person_id", "value", "event", "end_reason").iter_rows():
        people, leavers = groups.setdefault(value, (set(), set()))
        people.add(person)
        everyone.add(person)
        if left:
            leavers.add(person)
            left_for.setdefault(reason, set()).add(person)
    cells = []
    for value, (people, leavers) in groups.items():
        n = len(people)
        cells.append(Cell(key=(scope, value, "people"), members=frozenset(people), population=n, value=n))
        cells.append(Cell(key=(scope, value, "left"), members=frozenset(leavers), population=n, value=len(leavers)))
    small = is_small(len(everyone), k)
    cells.append(Cell(key=(scope, ("all",), "people"), members=frozenset(everyone), population=_NEVER_FIRST,
                      value=len(everyone), primary=small))
    for reason, leavers in left_for.items():
        cells.append(Cell(key=(scope, ("all",), reason), members=frozenset(leavers), population=_NEVER_FIRST,
                          value=len(leavers), primary=small))
    return cells


def hidden_groups(workforce: Workforce, *, start: date, end: date, by: str, k: int) -> frozenset[tuple]:
    """(scope, value) of every group the retention page must not show, for the user's whole scope
    `workforce` (None) and each unit subtree in it (cached per workforce); (scope, ALL) when the
    subtree's whole cohort (its leavers per reason) must not be shown either."""
    memo = _CACHE.setdefault(workforce, {})
    key = (start, end, by, k)
    if key in memo:
        return memo[key]
    day = day_pattern(workforce, day=start, k=k)
    cells: list[Cell] = []
    day_small, day_other = set(), set()
    for scope in [None, *subtrees(workforce)]:
        frame = cohort(subtree_workforce(workforce, scope), start=start, end=end, by=by)
        if not frame.height:
            continue
        cells += _cells(frame, scope, k)
        total = ("day", scope, ("all",))  # the day's headcount: the cohort's people, published apart
        cells.append(Cell(key=total, members=frozenset(frame["person_id"].to_list()), population=_NEVER_FIRST,
                          value=frame["person_id"].n_unique()))
        if not day.shown(scope, "total", None):
            (day_small if 0 < frame["person_id"].n_unique() < k else day_other).add(total)
        if by == "generation":  # the day's headcount per generation counts the same people
            for value, people in frame.group_by("value").agg("person_id").iter_rows():
                members = frozenset(people)
                cell_key = ("day", scope, value)
                cells.append(Cell(key=cell_key, members=members, population=_NEVER_FIRST, value=len(members)))
                if not day.shown(scope, by, value):
                    (day_small if is_small(len(members), k) else day_other).add(cell_key)
    groups = {c.key for c in cells if c.key[0] != "day" and c.key[1] != ("all",)}
    out = withheld(cells, k=k, already=day_small, protect_secondary=False, hide=day_other,
                   row=lambda key: key[:2] if key in groups else key)
    hidden = frozenset((s, v) for s, v, *_ in (x for x in out if x in groups))
    totals = frozenset((s, ALL) for s, v, *_ in (x for x in out if x[0] != "day" and x[1] == ALL))
    linked = frozenset((s, v) for s, v, _what in (c.key for c in cells if c.key in groups)
                       if not day.shown(s, by, v))  # the day's hidden groups stay hidden here too
    memo[key] = hidden | linked | totals
    return memo[key]


def exits_shown(workforce: Workforce, *, start: date, end: date, k: int, unit: str | None) -> bool:
    """Whether "why people left" (the cohort's leavers per reason) of `unit`'s subtree may be shown:
    neither the generation nor the life-phase page's audit withholds its whole cohort."""
    return all((unit, ALL) not in hidden_groups(workforce, start=start, end=end, by=by, k=k)
               for by in ("generation", "life_phase"))
