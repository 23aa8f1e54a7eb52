"""A programme's page: baseline → follow-up for programme and comparison units, the difference in
differences with its 95% interval, verdict and targets — all from the core, worded here."""

from __future__ import annotations

import csv
import io
from datetime import date

from levensfase.web.accounts.models import Role
from levensfase.web.scan.models import Programme

from .conftest import ROUND_1, ROUND_2


def _programme(**changes) -> Programme:
    values = {"name": "Teams aan zet", "start_date": date(2025, 4, 1), "units": ["P1", "P2", "P3"],
              "comparison_units": ["C1", "C2", "C3"], "baseline": ROUND_1, "follow_up": ROUND_2,
              "targets": {"dynamisch_management": 3.5, "flexibel_organiseren": 2.5}}
    return Programme.objects.create(**{**values, **changes})


def _rows(client, programme: Programme) -> dict[str, list[str]]:
    text = client.get(f"/scan/programmes/{programme.pk}/?csv=programme").content.decode()
    return {row[0]: row[1:] for row in csv.reader(io.StringIO(text))}


def test_difference_in_differences_by_hand(client_as, programme_org):
    programme = _programme()
    rows = _rows(client_as(Role.HR_ANALYST), programme)
    assert rows["Maat"][:7] == ["Nulmeting", "Vervolgmeting", "Verandering", "Verandering in de vergelijking",
                                "Verschil in verschillen", "95%-interval", "Oordeel"]
    # baseline 2,0 → follow-up 3,0; change +1,0 against 0,0; DiD 1,0 (0,55 to 1,45): improved.
    assert rows["Dynamisch management"] == ["2,00", "3,00", "1,00", "0,00", "1,00", "0,55 tot 1,45",
                                            "meer verbeterd dan de vergelijking", "3,5", "nee"]
    assert rows["Flexibel organiseren"][-2:] == ["2,5", "ja"]
    assert rows["Co-creatie"][-2:] == ["–", "–"]
    html = client_as(Role.HR_ANALYST).get(f"/scan/programmes/{programme.pk}/").content.decode()
    assert ("Dynamisch management: " in html and "95%-interval 0,55 tot 1,45; 3 programma- en 3 vergelijkingsafdelingen"
            in html and "Doel 3,5: niet gehaald." in html)  # the findings module's sentence


def test_the_rest_as_comparison_and_a_wide_interval(client_as, programme_org):
    # Two programme units against "the rest" (P3, C1–C3 and the fixture's units without answers).
    programme = _programme(units=["P1", "P2"], comparison_units=[])
    client = client_as(Role.WORKS_COUNCIL)
    rows = _rows(client, programme)
    assert rows["Dynamisch management"][6].endswith("(breed interval)")
    html = client.get(f"/scan/programmes/{programme.pk}/").content.decode()
    assert "de rest van de organisatie" in html and "het interval is breed" in html
    assert 'data-figure="chart-programme"' in html


def test_one_round_only_is_insufficient_data(client_as, programme_org):
    programme = _programme(follow_up=None)
    rows = _rows(client_as(Role.HR_ADMIN), programme)
    assert rows["Dynamisch management"] == ["–"] * 6 + ["onvoldoende gegevens", "3,5", "–"]
    html = client_as(Role.HR_ADMIN).get(f"/scan/programmes/{programme.pk}/").content.decode()
    assert "nog geen vervolgmeting" in html and "Er is nog geen effect te berekenen" in html


def test_access(client_as, programme_org):
    programme = _programme()
    for role in (Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH, Role.PRIVACY_OFFICER, "nobody"):
        assert client_as(role).get(f"/scan/programmes/{programme.pk}/").status_code == 403
    assert client_as(Role.HR_ANALYST).get("/scan/programmes/999/").status_code == 404
