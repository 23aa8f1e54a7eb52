"""Fixtures shared by the web tests: the hand-made organisation of tests/support/org_fixture.py and
one user per role."""

from __future__ import annotations

import pytest

from support import org_fixture as fixture_data


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
