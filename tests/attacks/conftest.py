"""Organisations the attacks run on: the generator's small organisation and a few random ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from attacks.orgs import ORGS, organisation


@pytest.fixture(scope="module", params=ORGS, ids=lambda p: f"{p[0]}p-seed{p[1]}")
def org(request):
    employees, seed = request.param
    return organisation(employees=employees, seed=seed)


def pytest_collection_modifyitems(config, items):
    """The attacks read what the core publishes, not the database: they run once, on SQLite."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason="attacks the published numbers, not the database: runs once, on SQLite")
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(skip)
