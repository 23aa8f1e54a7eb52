"""The evaluation tests read the core only (no database): the heavy coverage check runs once, on SQLite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    skip = pytest.mark.skip(reason="core only, no database: the coverage check runs once, on SQLite")
    for item in items:
        if Path(item.fspath).name == "test_coverage.py":
            item.add_marker(skip)
