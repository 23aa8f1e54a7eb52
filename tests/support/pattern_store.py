"""The privacy patterns kept on disk for a test session (`analytics.privacy.store`, keyed by the
data's content and the audit code): the year audits are chained from the hand-made organisation's
first recorded year (2013), and each web or browser test rebuilds the same organisation.

`dev.py test` names one folder for both test workers and both database passes
(LEVENSFASE_TEST_PATTERNS): the same organisations get the same patterns, whichever database
they were read from; the store locks its files, so the workers can share it."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def shared_pattern_store(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    folder = os.environ.get("LEVENSFASE_TEST_PATTERNS") or str(tmp_path_factory.mktemp("patterns"))
    patch.setenv("LEVENSFASE_PATTERN_CACHE", folder)
    yield
    patch.undo()
