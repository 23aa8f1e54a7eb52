"""Scan rounds: HR admin invites everyone employed on the measurement date in the chosen units."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.scan.models import ScanParticipation, ScanRound
from levensfase.web.scan.services import RoundClosed


def test_open_invites_the_units_people_once_with_their_role(client_as, org):
    today = date.today()
    response = client_as(Role.HR_ADMIN).post("/scan/rounds/", {
        "name": "Nulmeting", "units": ["ZORG", "TA1"], "date": today.isoformat(),
        "closes_on": (today + timedelta(days=14)).isoformat()})
    assert response.status_code == 302
    scan_round = ScanRound.objects.get()
    assert scan_round.date == today
    # At work today in ZORG or below; P07 has the manager login, so answers as manager.
    assert {p: (u, r) for p, u, r in ScanParticipation.objects.values_list("person_id", "unit_id", "role")} == {
        "P01": ("TA1", "employee"), "P05": ("TA1", "employee"), "P02": ("TA2", "employee"),
        "P09": ("TA2", "employee"), "P07": ("ZORG", "manager")}
    page = client_as(Role.HR_ADMIN).get("/scan/rounds/").content.decode()
    assert "Nulmeting" in page and "<td class=\"num\">5</td><td class=\"num\">0</td>" in page


def test_bad_input_changes_nothing(client_as, org):
    response = client_as(Role.HR_ADMIN).post("/scan/rounds/", {
        "name": "", "units": ["NOPE"], "date": "gisteren", "closes_on": "2001-01-01"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Beantwoord deze vraag alstublieft." in html
    assert "Kies afdelingen uit de lijst." in html
    assert "Geef een datum, bijvoorbeeld 2026-12-31." in html
    assert "De sluitingsdatum kan niet in het verleden liggen." in html
    assert not ScanRound.objects.exists()


def test_only_hr_admin(client_as, org):
    for role in (Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH,
                 Role.PRIVACY_OFFICER, "nobody"):
        assert client_as(role).get("/scan/rounds/").status_code == 403
        assert client_as(role).post("/scan/rounds/", {"name": "x"}).status_code == 403
    assert not ScanRound.objects.exists()


def test_results_of_an_open_round_appear_only_once_it_is_closed(client_as, scan_round, answer):
    for person_id, value in (("P01", 4), ("P05", 2)):
        answer(person_id, value, k=2)  # TA1 reaches k = 2: released into the response table, yet not shown
    analyst = client_as(Role.HR_ANALYST)
    html = analyst.get("/scan/").content.decode()
    assert "loopt nog tot" in html and "Nog geen antwoorden op de scan." in html
    admin = client_as(Role.HR_ADMIN)
    response = admin.post(f"/scan/rounds/{scan_round.pk}/close/")
    assert response.status_code == 302
    assert ScanRound.objects.get().closed
    text = analyst.get("/scan/?csv=heatmap").content.decode()
    assert "Team Noord" in text and "Hele organisatie" in text
    # closed: no more answers, no second close
    with pytest.raises(RoundClosed):
        answer("P02", 3, k=2)
    assert admin.post(f"/scan/rounds/{scan_round.pk}/close/").status_code == 404


def test_only_hr_admin_closes_a_round(client_as, scan_round):
    for role in (Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.MANAGER, Role.EMPLOYEE):
        assert client_as(role).post(f"/scan/rounds/{scan_round.pk}/close/").status_code == 403
    assert not ScanRound.objects.get().closed
