"""A generated 10-year history (300 employees on today), imported through the HRIS file path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from levensfase.ingest.generator import generate
from levensfase.ingest.writer import write_exchange


@pytest.fixture(scope="session")
def history_folder(tmp_path_factory) -> Path:
    """Exchange files of a generated organisation whose history ends today (so leavers of the
    early years are past the 2-year retention period)."""
    folder = tmp_path_factory.mktemp("history") / "hris"
    tables = generate(employees=300, years=10, seed=7, as_of=date.today())
    write_exchange(tables, folder, format="csv")
    return folder
