"""Fixtures for the page tests: the hand-made organisation of org_fixture.py and one user per role."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def load_org_fixture():
    """org_fixture.py as a module, shared by the pages, accounts and browser test folders."""
    name = "levensfase_test_org_fixture"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("org_fixture.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


fixture_data = load_org_fixture()


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


@pytest.fixture(autouse=True)
def upload_home(settings, tmp_path):
    """Uploads go to a temporary LEVENSFASE_HOME, never into the repository."""
    settings.HOME = tmp_path
    return tmp_path
