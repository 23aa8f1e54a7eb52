"""Page tests: the organisation and users come from tests/web/conftest.py; uploads stay in tmp_path."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def upload_home(settings, tmp_path):
    """Uploads go to a temporary LEVENSFASE_HOME, never into the repository."""
    settings.HOME = tmp_path
    return tmp_path
