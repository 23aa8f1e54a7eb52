"""The period protection reuses each year's suppression across periods (analytics.protected_periods,
.protected_flows): a period's hidden groups must not depend on which periods were asked before,
and every group small in a year of the period (or in the period itself) is hidden. Which
companions protect them is decided with every unit subtree together (tests/attacks)."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.breakdown import period_counts_by
from levensfase.analytics.dashboard import period_table, unit_workforce, yearly_rates
from levensfase.analytics.privacy import is_small
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2026, 6, 30)
K = 5


def _fresh() -> Workforce:
    return Workforce.from_tables(generate(employees=150, years=4, seed=3, as_of=AS_OF))


def _small_by_rule(workforce: Workforce, *, start: date, end: date, by: str) -> set[str]:
    """The primary rule computed directly: small in a year of the period, or in the period."""
    hidden = set()
    for year in range(start.year, end.year + 1):
        table = period_counts_by(workforce, start=date(year, 1, 1), end=min(date(year, 12, 31), end), by=by)
        hidden |= {v for v, p in zip(table["value"].to_list(), table["population"].to_list()) if is_small(p, K)}
    whole = period_counts_by(workforce, start=start, end=end, by=by)
    return hidden | {v for v, p in zip(whole["value"].to_list(), whole["population"].to_list()) if is_small(p, K)}


def test_a_period_hides_the_same_groups_asked_first_or_after_other_periods():
    start, end = date(2023, 1, 1), date(2025, 12, 31)  # ICT: hidden in 2023, not in 2025
    first, _ = period_table(_fresh(), start=start, end=end, by="job_family", k=K)
    workforce = _fresh()
    yearly_rates(workforce, first_year=2023, last_year=2026, end=AS_OF, by="job_family", k=K)  # caches other ends
    period_table(workforce, start=date(2022, 1, 1), end=date(2024, 12, 31), by="job_family", k=K)
    after, _ = period_table(workforce, start=start, end=end, by="job_family", k=K)
    assert first.equals(after)
    small = _small_by_rule(_fresh(), start=start, end=end, by="job_family")
    assert small  # the small organisation has small groups, so the comparison can fail
    hidden = set(first.filter("suppressed")["value"].to_list())
    assert small < hidden  # each small one, and companions
    assert first.filter(~pl.col("suppressed"))["inflow"].null_count() == 0


def test_a_unit_subtree_is_built_once_per_workforce():
    workforce = _fresh()
    unit = workforce.units["unit_id"][0]
    assert unit_workforce(workforce, unit) is unit_workforce(workforce, unit)
    assert unit_workforce(workforce, None) is workforce
