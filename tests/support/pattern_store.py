"""The privacy patterns kept on disk for a test session (`analytics.privacy.store`, keyed by the
data's content and the audit code): the year audits are chained from the hand-made organisation's
first recorded year (2013), and each web or browser test rebuilds the same organisation."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def shared_pattern_store(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setenv("LEVENSFASE_PATTERN_CACHE", str(tmp_path_factory.mktemp("patterns")))
    yield
    patch.undo()
