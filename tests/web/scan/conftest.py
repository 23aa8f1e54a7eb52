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


def response_frame(groups: dict[tuple[str, str, date], list[int]]):
    """Answer sets in the exchange shape: (unit, role, round date) → one value per respondent, every
    item of that respondent answered with it (so each dimension score is that value)."""
    import polars as pl

    items = list(load_instrument().items)
    rows = []
    for (unit_id, role, day), values in groups.items():
        for n, value in enumerate(values):
            response_id = f"{unit_id}-{role}-{day.isoformat()}-{n}"
            rows += [(response_id, unit_id, role, day, item, float(value)) for item in items]
    return pl.DataFrame(rows, schema={"response_id": pl.String, "unit_id": pl.String, "role": pl.String,
                                      "date": pl.Date, "item": pl.String, "value": pl.Float64}, orient="row")


ROUND_1, ROUND_2 = date(2025, 3, 1), date(2026, 3, 1)
# Two rounds. TA1 6 and TA2 5 respondents each round; TB1 2 (fewer than k = 5): its answers, 1 and 5,
# must never be derivable. The programme runs in TA1; TA2 is the comparison.
GROUPS = {
    ("TA1", "employee", ROUND_1): [2, 2, 3, 3, 2, 3], ("TA1", "employee", ROUND_2): [4, 4, 4, 3, 4, 5],
    ("TA2", "employee", ROUND_1): [3, 3, 3, 4, 2], ("TA2", "employee", ROUND_2): [3, 3, 4, 4, 2],
    ("TB1", "employee", ROUND_1): [1, 5], ("TB1", "employee", ROUND_2): [1, 5],
}


@pytest.fixture
def scanned(org):
    services.load_responses(frame=response_frame(GROUPS))
    return GROUPS


# A programme with a hand-computed difference in differences: three programme units P1–P3 and three
# comparison units C1–C3 under ORG, five respondents each (so every unit is published). Unit means:
#   P1 2,0 → 3,0 (+1,0)   P2 2,0 → 3,2 (+1,2)   P3 2,0 → 2,8 (+0,8)    mean change +1,0
#   C1 3,0 → 3,0 (0)      C2 3,0 → 3,2 (+0,2)   C3 3,0 → 2,8 (−0,2)    mean change  0,0
# DiD = 1,0; pooled variance (0,08 + 0,08) / 4 = 0,04; se = √(0,04 · (1/3 + 1/3)) = 0,1633;
# t(0,975; 4) = 2,7764 → 95% interval 1,0 ± 0,4534 = 0,55 to 1,45: improved.
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
