"""Scan fixtures: a round over ZORG (P01, P05 in TA1; P02, P09 in TA2; the manager P07 in ZORG)
opened today, and a helper that answers it as a person."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.scan.instrument import load_instrument
from levensfase.web.scan import services
from support.scan_fixture import GROUPS, ROUND_1, ROUND_2, response_frame  # noqa: F401 (the tests import them from here)


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


@pytest.fixture
def scanned(org):
    services.load_responses(frame=response_frame(GROUPS))
    return GROUPS


# A programme with a hand-computed difference in differences: three programme units P1–P3 and three
# comparison units C1–C3 under ORG, five respondents each (so every unit is published). Unit means:
#   P1 2,0 → 3,0 (+1,0)   P2 2,0 → 3,2 (+1,2)   P3 2,0 → 2,8 (+0,8)    mean change +1,0
#   C1 3,0 → 3,0 (0)      C2 3,0 → 3,2 (+0,2)   C3 3,0 → 2,8 (−0,2)    mean change  0,0
# DiD = 1,0; both groups have variance 0,08 / 2 = 0,04, so Welch and the pooled form agree: se =
# √(0,04/3 + 0,04/3) = 0,1633 with 4 degrees of freedom; t(0,975; 4) = 2,7764 → 95% interval
# 1,0 ± 0,4534 = 0,55 to 1,45: improved.
FIVE = {2.0: [2] * 5, 3.0: [3] * 5, 3.2: [3, 3, 3, 3, 4], 2.8: [3, 3, 3, 3, 2]}
PROGRAMME_MEANS = {"P1": (2.0, 3.0), "P2": (2.0, 3.2), "P3": (2.0, 2.8),
                   "C1": (3.0, 3.0), "C2": (3.0, 3.2), "C3": (3.0, 2.8)}


@pytest.fixture
def programme_org(org):
    from levensfase.web.hr.models import Unit

    for unit_id in PROGRAMME_MEANS:
        Unit.objects.create(unit_id=unit_id, name=f"Team {unit_id}", parent_id="ORG")
    groups = {}
    for unit_id, (before, after) in PROGRAMME_MEANS.items():
        groups[(unit_id, "employee", ROUND_1)] = FIVE[before]
        groups[(unit_id, "employee", ROUND_2)] = FIVE[after]
    services.load_responses(frame=response_frame(groups))
    return groups


@pytest.fixture
def kpis_stored(org):
    """The business results of kpi_files.FIRST, stored through the upload's service."""
    import io

    import polars as pl

    from .kpi_files import FIRST

    frame = pl.read_csv(io.StringIO(FIRST), try_parse_dates=True)
    services.store_kpis(frame=frame, unit_ids={"ORG", "ZORG", "BV", "TA1", "TA2", "TB1"})
