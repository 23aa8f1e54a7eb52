"""Counting every unit subtree in one stacked call (analytics.per_scope) gives each subtree's
counts exactly as counting it alone does (`period_counts_by` on the scoped workforce)."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.breakdown import period_counts_by
from levensfase.analytics.per_scope import per_scope
from levensfase.analytics.protected_periods import counting
from levensfase.analytics.scope import subtree_workforce
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

ORG = Workforce.from_tables(generate(employees=90, years=4, seed=23, as_of=date(2026, 1, 1)))
# A subtree whose first assignment starts later than the organisation's: a life phase reads the
# censored careers on the subtree's own history (U009 in 2022 has a starter only counted alone).
LATER = Workforce.from_tables(generate(employees=60, years=4, seed=1, as_of=date(2026, 1, 1)))


@pytest.mark.parametrize("by,org,year", [(by, ORG, 2023) for by in ("unit", "age_band", "sex", "job_family", "contract",
                                                                    "life_phase")] + [("life_phase", LATER, 2022)])
def test_stacked_counts_equal_each_subtree_counted_alone(by, org, year):
    ORG = org  # noqa: N806 — the organisation under test
    scopes = [None, *ORG.units["unit_id"].to_list()]
    start, end = date(year, 1, 1), date(year, 12, 31)
    stacked = per_scope(ORG, scopes, by=by, start=start, end=end)
    compared = 0
    for scope in scopes:
        counted, core_by = counting(subtree_workforce(ORG, scope), by)
        alone = period_counts_by(counted, start=start, end=end, by=core_by, per_person=True).sort("value", "person_id")
        got = stacked.get(scope)
        if got is None:
            assert alone.height == 0
            continue
        assert got.select(alone.columns).sort("value", "person_id").equals(alone)
        compared += alone.height
    assert compared > 200  # people in several subtrees each, so the comparison can fail
