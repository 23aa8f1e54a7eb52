"""Fixtures shared by the web tests: the hand-made organisation of tests/support/org_fixture.py and
one user per role."""

from __future__ import annotations

import pytest

from support import org_fixture as fixture_data
from support.pattern_store import shared_pattern_store  # noqa: F401 (a session fixture)


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with an empty page cache: a rolled-back test database repeats its data
    versions, so an entry of an earlier test would otherwise answer for different data."""
    from levensfase.web.ui import cache

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
    """client_as(role) -> the test client logged in as that role's user."""

    def login(role):
        client.force_login(users[role])
        return client

    return login
