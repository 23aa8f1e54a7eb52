"""Dashboard tests run on the hand-made organisation of tests/support/org_fixture.py.

Hand-worked facts used across the modules (T = today, period = 1 Jan of T.year − 4 .. T):
level units of the organisation ORG, ZORG (TA1, TA2 rolled up), BV (TB1); the manager leads ZORG.
People at work today: P01 P02 P03 P05 P06 P07 P09 (7); of those in ZORG's subtree: P01 P02 P05
P07 P09 (5). All were born 1970–1979: generation X.
"""

from __future__ import annotations

import pytest

from levensfase.web.ui import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()

