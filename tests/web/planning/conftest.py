"""Planning page tests run on the hand-made organisation of tests/support/org_fixture.py.

Hand-worked planner baseline (T = today, window = the three full years before T's year, by job family):
zorg on T: P01 (0.8), P02 (1.0), P05 (0.6), P09 (1.0) → 4 people, mean FTE 0.85; in the window zorg
had 3.5 + 3 + 3 = 9.5 average headcount (P04 left on 30 June of T.year − 3 = 2023 when T is in 2026)
and 1 exit → exit rate 1 / 9.5. financien (P03) and leiding (P06, P07) had no exits in the window.
These hold in any year once P04's exit is anchored to 30 June of T.year − 3 and P09's hiring and P10's
exit fall in T's own year: `hand_worked_year` moves those three dates so (never skips).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.web.hr.models import Assignment
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.ui import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hand_worked_year(org):
    """Anchor the fixture's year-sensitive dates to T so the hand-worked window holds on any day."""
    today = date.today()
    new_year = date(today.year, 1, 1)
    Assignment.objects.filter(person_id="P04").update(end_date=date(today.year - 3, 6, 30))
    Assignment.objects.filter(person_id="P09").update(start_date=max(today - timedelta(days=100), new_year))
    Assignment.objects.filter(person_id="P10").update(end_date=max(today - timedelta(days=50), new_year))
    forget_workforce()
    cache.clear()
    return today
