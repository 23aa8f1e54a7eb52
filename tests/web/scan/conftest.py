"""Scan fixtures: a round over ZORG (P01, P05 in TA1; P02, P09 in TA2; the manager P07 in ZORG)
opened today, and a helper that answers it as a person."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.scan.instrument import load_instrument
from levensfase.web.scan import services


def all_answers(value: int) -> dict[str, int]:
    """Every item of the instrument answered with `value`."""
    return {code: value for code in load_instrument().items}


@pytest.fixture
def scan_round(org, users):
    return services.open_round(user=None, name="Voorjaar", unit_ids=["ZORG"], on=org.today - timedelta(days=3),
                               closes_on=org.today + timedelta(days=14))


@pytest.fixture
def answer(scan_round):
    def fill(person_id: str, value: int, *, k: int = 5, today: date | None = None) -> None:
        services.record_answers(round_id=scan_round.pk, person_id=person_id, answers=all_answers(value),
                                today=today or date.today(), k=k)

    return fill
