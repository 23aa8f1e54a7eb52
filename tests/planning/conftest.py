from datetime import date

import pytest

from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2026, 11, 28)


@pytest.fixture(scope="session")
def org() -> Workforce:
    """A generated 2,500-employee care organisation with ten years of history (seeded)."""
    return Workforce.from_tables(generate(employees=2500, years=10, seed=7, as_of=AS_OF))


@pytest.fixture(scope="session")
def fit(org):
    from levensfase.planning.estimate import estimate

    return estimate(org, as_of=AS_OF)
