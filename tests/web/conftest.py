"""Fixtures shared by the web tests: the hand-made organisation of tests/support/org_fixture.py and
one user per role."""

from __future__ import annotations

import pytest

from support import org_fixture as fixture_data


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with an empty page cache: a rolled-back test database repeats its data
    versions, so an entry of an earlier test would otherwise answer for different data."""
    from levensfase.web.ui import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def shared_pattern_store(tmp_path_factory):
    """The privacy patterns kept on disk for the session (`analytics.privacy.store`, keyed by the
    data's content and the audit code): the year audits are chained from the hand-made
    organisation's first recorded year (2013), and each test rebuilds the same organisation."""
    patch = pytest.MonkeyPatch()
    patch.setenv("LEVENSFASE_PATTERN_CACHE", str(tmp_path_factory.mktemp("patterns")))
    yield
    patch.undo()


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
