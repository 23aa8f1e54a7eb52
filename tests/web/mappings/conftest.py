"""Mapping builder tests: uploads and staged profiles stay in tmp_path; a small generated
organisation is exported the way a Dutch HRIS would."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.ingest.generator import generate

from support.dutch_export import with_accented_unit

MASTER_TABLES = ("people", "units", "jobs", "assignments")


@pytest.fixture(autouse=True)
def upload_home(settings, tmp_path):
    settings.HOME = tmp_path
    return tmp_path


@pytest.fixture(scope="session")
def organisation():
    tables = with_accented_unit(generate(employees=30, years=3, seed=7, as_of=date(2025, 6, 30)))
    return {name: tables[name] for name in MASTER_TABLES}
