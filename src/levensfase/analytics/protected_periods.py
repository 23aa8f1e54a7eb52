"""Flow counts per category for every whole-year period, protected across overlapping periods.

Pages publish instroom, doorstroom and uitstroom per category for any run of whole years, so
2024–2025 minus 2025 would give 2024 unless the periods are protected together (DESIGN §6,
domain-facts §9 "disclosure by differencing"). The rule: each single year is suppressed as one
table with its total (primary and complementary, `privacy.suppress`), and a group hidden in a year
stays hidden in every run of years that contains that year.

Why that is enough: a year's hidden cells always come at least two together (or with the total),
and they appear in published numbers only inside totals — of that year or of a longer period —
where they stand together again. So every combination of published numbers contains the hidden
cells of a year only as that same sum, never one alone (`test_privacy_periods` and the attack
suite check this with exact linear algebra). A longer period's own small group (possible only
when a category moves between years, like an age band) withholds that period's total as well.

Life phases are counted on the period's bounds (analytics.phase_categories), so their yearly
counts add up only approximately; the rule is applied to them in the same way.

The pages now decide each year for the whole scope and every unit subtree together
(analytics.protected_flows, which builds the `PeriodPattern` they read): a subtree's table
suppressed alone left a parent minus its children open. `period_pattern` (one subtree's tables
alone) is kept as the baseline of benchmarks/flows_bench.py.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.breakdown import period_counts_by
from levensfase.analytics.privacy import is_small, mark_withheld, suppress
from levensfase.analytics.scope import rolled_up
from levensfase.model.schema import END_REASONS
from levensfase.model.workforce import Workforce

__all__ = ["FLOW_MEASURES", "PeriodPattern", "counting", "period_pattern"]

FLOW_MEASURES = ("inflow", "internal_mobility", "outflow_total", *(f"outflow_{r}" for r in END_REASONS))

_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple, object]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class PeriodPattern:
    """Per group, the years in which it is hidden; `total_hidden`: years whose total is withheld."""

    by: str
    k: int
    hidden_years: dict[str, frozenset[int]]
    total_hidden: frozenset[int]

    def rows(self, workforce: Workforce, *, start: date, end: date) -> tuple[pl.DataFrame, bool]:
        """The counts of the whole years start..end (period_counts_by) with `suppressed`, flow and
        population columns nulled where hidden; and whether the period's total may be shown."""
        counted, core_by = counting(workforce, self.by)
        table = period_counts_by(counted, start=start, end=end, by=core_by)
        span = set(range(start.year, end.year + 1))
        flags = [bool(self.hidden_years.get(v, frozenset()) & span) or is_small(p, self.k)
                 for v, p in zip(table["value"].to_list(), table["population"].to_list())]
        own = [not bool(self.hidden_years.get(v, frozenset()) & span) and is_small(p, self.k)
               for v, p in zip(table["value"].to_list(), table["population"].to_list())]
        total_shown = not (self.total_hidden & span) and not any(own)
        table = mark_withheld(table, pl.Series(flags, dtype=pl.Boolean), values=(*FLOW_MEASURES, "population"))
        if self.by != "unit":  # outflow per reason is published (and audited) per unit only
            table = table.with_columns(pl.lit(None, dtype=table[c].dtype).alias(c) for c in FLOW_MEASURES
                                       if c.startswith("outflow_") and c != "outflow_total")
        return table, total_shown


_ROLLED: weakref.WeakKeyDictionary[Workforce, Workforce] = weakref.WeakKeyDictionary()


def counting(workforce: Workforce, by: str) -> tuple[Workforce, str]:
    """The workforce a table per `by` is counted on: units rolled up to the chart's level."""
    if by != "unit":
        return workforce, by
    if workforce not in _ROLLED:  # one rolled-up copy per workforce, so its spells are derived once
        _ROLLED[workforce] = rolled_up(workforce)
    return _ROLLED[workforce], "unit"


def _year(workforce: Workforce, *, by: str, year: int, end: date, k: int) -> tuple[frozenset[str], bool]:
    """The groups hidden in `year` (suppressed as one table with its total, up to `end`) and
    whether its total is withheld; cached per workforce, since every period reuses its years."""
    memo = _CACHE.setdefault(workforce, {})
    key = ("year", by, year, end, k)
    if key not in memo:
        counted, core_by = counting(workforce, by)
        table = period_counts_by(counted, start=date(year, 1, 1), end=end, by=core_by)
        result = suppress(table.with_columns(pl.col("population").cast(pl.Int64)), k=k, values=list(FLOW_MEASURES))
        hidden = frozenset(v for v, flag in zip(result.table["value"].to_list(), result.table["suppressed"].to_list())
                           if flag)
        memo[key] = (hidden, bool(result.total_withheld))
    return memo[key]


def period_pattern(workforce: Workforce, *, by: str, years: range, end: date, k: int) -> PeriodPattern:
    """Which groups are hidden in which year of `years` (the last one ends on `end` at the
    latest), cached per workforce. Each year is decided on its own, so a period's rows need only
    the years it spans."""
    memo = _CACHE.setdefault(workforce, {})
    key = (by, years.start, years.stop, end, k)
    if key in memo:
        return memo[key]
    hidden: dict[str, set[int]] = {}
    total_hidden = set()
    for year in years:
        groups, total_withheld = _year(workforce, by=by, year=year, end=min(date(year, 12, 31), end), k=k)
        for value in groups:
            hidden.setdefault(value, set()).add(year)
        if total_withheld:
            total_hidden.add(year)
    pattern = PeriodPattern(by=by, k=k, hidden_years={v: frozenset(y) for v, y in hidden.items()},
                            total_hidden=frozenset(total_hidden))
    memo[key] = pattern
    return pattern
