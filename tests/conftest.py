"""Shared test set-up: where the public sample data lives, and browser-test switches."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The public sample data and reference texts live beside the clone (../shared), or where
# LEVENSFASE_SHARED points for a clone kept elsewhere.
SHARED = Path(os.environ.get("LEVENSFASE_SHARED") or REPO.parent / "shared")

# Playwright drives Chromium from pytest-django's live server thread (see .ci/run notes).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Retention after each import (DESIGN §6) would anonymise the leavers of histories generated
# before today; the privacy tests switch it back on where they test it (tests/web/privacy).
os.environ.setdefault("LEVENSFASE_RETENTION_AFTER_IMPORT", "0")
# A flushed test database repeats data versions for other data: no Workforce copies on disk,
# except where tests/web/hr/test_workforce_snapshot.py switches them on.
os.environ.setdefault("LEVENSFASE_WORKFORCE_SNAPSHOTS", "0")


# The core's tests (pure Python + Polars, no Django: DESIGN §8) give the same answer on either
# database, so the PostgreSQL pass does not collect them (`test_core_tests_without_database.py` checks
# that neither they nor their packages can reach a database).
CORE_TESTS = ("analytics", "evaluation", "ingest", "model", "planning", "scan")
# Heavy suites that test what is published or drawn, not the database, also run once, on SQLite:
# the attacks read the core's numbers; the browser tests drive pages whose views tests/web runs on
# both databases (they took a quarter of the PostgreSQL pass).
ONCE = (*CORE_TESTS, "attacks", "browser")


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    """On the PostgreSQL pass (DATABASE_URL=postgres…) the folders of `ONCE` are not collected."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return None
    here = Path(__file__).parent
    return True if collection_path.parent == here and collection_path.name in ONCE else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder beside the repository (public sample data, reference)."""
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found next to the repository (looked in {SHARED}); "
                    "set LEVENSFASE_SHARED to its folder")
    return SHARED


@pytest.fixture(scope="session")
def ibm_sample(shared_dir: Path) -> Path:
    return shared_dir / "data" / "ibm-hr-attrition.csv"


@pytest.fixture
def hand_built():
    """Eight people whose 2024 metrics are worked out by hand (tests/support/handbuilt.py)."""
    from support.handbuilt import hand_built_workforce

    return hand_built_workforce()


@pytest.fixture(autouse=True)
def _no_cached_workforce():
    """Every test starts without load_workforce's in-process cache (a flushed database has no
    ImportRun to tell one test's data from the next)."""
    selectors = sys.modules.get("levensfase.web.hr.selectors")
    if selectors is not None:
        selectors.drop_cached_workforce()
    yield


@pytest.fixture(autouse=True)
def _own_evaluation_cache(monkeypatch, tmp_path_factory):
    """Every test its own folder for the evaluation shared between server processes
    (web/maatwerk/evaluation_cache.py): a flushed test database can repeat a data version."""
    monkeypatch.setenv("LEVENSFASE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "evaluation-cache" / uuid.uuid4().hex))
