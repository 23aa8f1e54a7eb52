"""Planning page tests run on the hand-made organisation of tests/support/org_fixture.py.

Hand-worked planner baseline (T = today, window = the three full years before T's year, by job family):
zorg on T: P01 (0.8), P02 (1.0), P05 (0.6), P09 (1.0) → 4 people, mean FTE 0.85; in the window zorg
had 3.5 + 3 + 3 = 9.5 average headcount (P04 left on 30 June of T.year − 3 = 2023 when T is in 2026)
and 1 exit → exit rate 1 / 9.5. financien (P03) and leiding (P06, P07) had no exits in the window.
These hold when P09's hiring (T − 100) and P10's exit (T − 50) fall in T's own year.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.web.dashboards import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hand_worked_year():
    today = date.today()
    if (today - timedelta(days=100)).year != today.year or today.year != 2026:
        pytest.skip("the hand-worked window assumes T in 2026, at least 100 days into the year")
    return today
