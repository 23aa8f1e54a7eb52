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
cohort's totals come last as companions, and the groups of deeper subtrees are chosen before
those of the whole scope (`unit_depth.depth_rank`). The day's pages decide their own numbers (with
what the year's category pages hide on that day, `published_day_pattern`; in the running year up
to its as-of day): every number of theirs is in the set — published ones as constants, small
hidden ones protected — and a group whose headcount they hide is hidden here too, so no page shows
what another hides. The categories page's other categories (sex, age band, …) are cuts of the same
people: their small groups' 2-year leavers are protected here (the retention page's "why people
left" per reason and year once gave them away, tests/attacks/test_attacks_retention_two_years.py). A curve drawn by day
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
from levensfase.analytics.protected_day import DayPattern, day_cells
from levensfase.analytics.protected_year import published_day_pattern
from levensfase.analytics.retention import DAYS_PER_YEAR
from levensfase.analytics.retention_years import year_left
from levensfase.analytics.scope import rolled_up, subtree_workforce, subtrees
from levensfase.analytics.unit_depth import depth_rank
from levensfase.model.workforce import Workforce

__all__ = ["ALL", "CATEGORIES", "RetentionPattern", "cohort", "exits_shown", "hidden_groups", "retention_pattern",
           "running_year_end"]

CATEGORIES = ("generation", "life_phase")  # the retention page's tables, side by side on one page
_NEVER_FIRST = 10**9
_OPEN = date(9999, 12, 31)  # the audit counts every recorded leaver: any page's end is a cut of it
_OTHER_CATEGORIES = ("age_band", "sex", "job_family", "contract", "unit")  # the categories page's others
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


def _day_page_cells(workforce: Workforce, *, start: date, day: DayPattern, k: int
                    ) -> tuple[list[Cell], set, set, set]:
    """Every number the first day's pages publish (headcount, pyramid, headcount per category, for
    the scope and every subtree: `protected_day.day_cells`) over the same people as the cohort: the
    day's published ones are constants here (kept: never chosen as companions), its small hidden
    ones protected, its other hidden ones hidden. Before, the set held only the day's headcount per
    generation, and a small group of another category (an age band, a sex) was given away by the
    retention page's groups with "why people left" (docs/privacy.md)."""
    cells, published, small, other = [], set(), set(), set()
    for cell in day_cells(workforce, day=start):
        key = ("day", *cell.key)
        cells.append(Cell(key=key, members=cell.members, population=_NEVER_FIRST, value=cell.value))
        if day.shown(*cell.key):
            published.add(key)
        else:
            (small if is_small(cell.population, k) else other).add(key)
    return cells, published, small, other


def _small_group_cells(frame: pl.DataFrame, scope: str | None, by: str, k: int) -> list[Cell]:
    """Per small group of another category the categories page shows (sex, age band, job family,
    contract, unit): its people and its leavers by the second anniversary — that page's 2-year
    retention, a cut of the same cohort — protected (`primary`), never published by this page."""
    cells = []
    for value, people, years in frame.group_by("value").agg("person_id", "year").iter_rows():
        everyone = frozenset(people)
        if not is_small(len(everyone), k):
            continue
        left = frozenset(p for p, y in zip(people, years) if y is not None and y <= 2)
        for what, members in (("people", everyone), ("left2", left)):
            if members:
                cells.append(Cell(key=("small", scope, by, value, what), members=members, population=len(everyone),
                                  value=len(members), primary=True))
    return cells


@dataclass(frozen=True)
class RetentionSet:
    """The cells of one cohort's set (`set_cells`): `groups` the keys of the groups' numbers, `small`
    the protected cells that are no group of the page (the day's small hidden cells, other
    categories' small groups' people and 2-year leavers), `other` every other cell the day's pages
    hide (by number or name), `published` the day's published cells (constants)."""

    cells: list[Cell]
    groups: frozenset
    small: frozenset
    other: frozenset
    published: frozenset


def set_cells(workforce: Workforce, *, start: date, k: int, categories: tuple[str, ...],
              extra: dict[str, object] | None = None, end: date | None = None) -> RetentionSet:
    """Every number of the retention page's set for the cohort of `start`, for the scope and every
    subtree: per group of `categories` its people and its leavers in each cohort year, the whole
    cohort's people and leavers per reason and year, every number of the first day's pages, and
    the small groups' people and 2-year leavers of the categories page's other categories. `extra`
    maps another category to a function (frame, scope, by, rank) → its groups' cells, for a page
    that publishes other cuts of the same cohort (`protected_retention_two_years`). `end`: the
    pages' last day of the start's year (`published_day_pattern`; the running year's as-of day)."""
    extra = extra or {}
    day = published_day_pattern(workforce, day=start, k=k, end=end)
    cells: list[Cell] = []
    rank = depth_rank(workforce)
    protected: list[Cell] = []
    others = [by for by in _OTHER_CATEGORIES if by not in (*categories, *extra)]
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
        for by in others:
            protected += _small_group_cells(cohort(sub, start=start, end=_OPEN, by=by), scope, by, k)
    groups = frozenset(c.key for c in cells if c.key[1] != ALL)
    page, published, small, other = _day_page_cells(workforce, start=start, day=day, k=k)
    # a group whose headcount the day's pages hide is hidden here too (a generation's is the same
    # number; a life phase's is linked by name)
    named = {key for key in groups if not day.shown(key[0], key[1], key[2])}
    return RetentionSet(cells=[*cells, *page, *protected], groups=groups,
                        small=frozenset(small | {c.key for c in protected}), other=frozenset(other | named),
                        published=frozenset(published))


def running_year_end(start: date, end: date | None) -> date | None:
    """The pages' last day of the start's year when it is not 31 December (the running year's
    as-of day), else None: the key the decision depends on."""
    if end is None or end.year != start.year or end >= date(start.year, 12, 31):
        return None
    return end


def retention_pattern(workforce: Workforce, *, start: date, k: int,
                      categories: tuple[str, ...] = CATEGORIES, end: date | None = None) -> RetentionPattern:
    """The joint decision for the cohort of `start`, for the user's whole scope `workforce` (None)
    and each unit subtree in it (cached, and kept in `privacy.store` when configured).

    One decision for every end the page may follow the cohort to: the leavers are counted per
    cohort year up to the last recorded end date (`_OPEN`), so the page followed to 2023 and the
    page followed to 2025 show the same groups (a page with an earlier end shows fewer yearly
    steps), and no page's step is a cut the set does not hold. `end`: the page's last day; only
    when it lies in the start's year before 31 December (the running year) does it matter: the
    first day's pages of that partial year are what the set reads (`published_day_pattern`)."""
    last = running_year_end(start, end)
    # "with the day's pages": a stored pattern of the audits before (total leavers only; the
    # day's headcount per generation only) is not read back
    return decided_once(_CACHE, workforce, ("retention", "with the day's pages", start, last, k, categories),
                        lambda: _decided(workforce, start=start, k=k, categories=categories, end=last))


def _decided(workforce: Workforce, *, start: date, k: int, categories: tuple[str, ...],
             end: date | None) -> RetentionPattern:
    found = set_cells(workforce, start=start, k=k, categories=categories, end=end)
    groups = found.groups
    out = withheld(found.cells, k=k, already=found.small, protect_secondary=False, hide=found.other,
                   row=lambda key: key[:3] if key in groups else key, keep=found.published)
    hidden = {by: frozenset((s, v) for s, b, v, *_what in (x for x in out if x in groups) if b == by)
              for by in categories}
    whole = frozenset(x[0] for x in out if x[0] not in ("day", "small") and x[1] == ALL)
    return RetentionPattern(hidden=hidden, whole=whole)


def hidden_groups(workforce: Workforce, *, start: date, by: str, k: int, end: date | None = None) -> frozenset[tuple]:
    """(scope, value) of every group of `by` the retention page must not show, for the user's whole
    scope `workforce` (None) and each unit subtree in it; (scope, ALL) when the subtree's whole
    cohort (its leavers per reason) must not be shown either. The page's categories are decided
    together (`retention_pattern`); another category is decided alone. `end`: the page's last day."""
    pattern = retention_pattern(workforce, start=start, k=k,
                                categories=CATEGORIES if by in CATEGORIES else (by,), end=end)
    return pattern.hidden[by] | frozenset((s, ALL) for s in pattern.whole)


def exits_shown(workforce: Workforce, *, start: date, k: int, unit: str | None, end: date | None = None) -> bool:
    """Whether "why people left" (the cohort's leavers per reason) of `unit`'s subtree may be shown."""
    return unit not in retention_pattern(workforce, start=start, k=k, end=end).whole
