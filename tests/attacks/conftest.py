"""Organisations the attacks run on: the generator's small organisation and a few random ones."""

from __future__ import annotations

import pytest

from attacks.orgs import ORGS, organisation


@pytest.fixture(scope="module", params=ORGS, ids=lambda p: f"{p[0]}p-seed{p[1]}")
def org(request):
    employees, seed = request.param
    return organisation(employees=employees, seed=seed)

