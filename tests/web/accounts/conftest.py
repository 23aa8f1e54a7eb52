"""The accounts tests use the same hand-made organisation as the page tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_NAME = "levensfase_test_org_fixture"
if _NAME not in sys.modules:
    _spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).parents[1] / "pages" / "org_fixture.py")
    sys.modules[_NAME] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules[_NAME])
fixture_data = sys.modules[_NAME]


@pytest.fixture
def org(db):
    return fixture_data.build_org()


@pytest.fixture
def users(db):
    return fixture_data.build_users()
