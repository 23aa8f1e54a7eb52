"""Dashboard tests run on the hand-made organisation of tests/web/pages/org_fixture.py.

Hand-worked facts used across the modules (T = today, period = 1 Jan of T.year − 4 .. T):
level units of the organisation ORG, ZORG (TA1, TA2 rolled up), BV (TB1); the manager leads ZORG.
People at work today: P01 P02 P03 P05 P06 P07 P09 (7); of those in ZORG's subtree: P01 P02 P05
P07 P09 (5). All were born 1970–1979: generation X.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from levensfase.web.dashboards import cache

_NAME = "levensfase_test_org_fixture"
if _NAME not in sys.modules:
    _spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).parents[1] / "pages" / "org_fixture.py")
    sys.modules[_NAME] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules[_NAME])
fixture_data = sys.modules[_NAME]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def org(db):
    return fixture_data.build_org()


@pytest.fixture
def users(db):
    return fixture_data.build_users()


@pytest.fixture
def client_as(client, users):
    def login(role):
        client.force_login(users[role])
        return client

    return login
