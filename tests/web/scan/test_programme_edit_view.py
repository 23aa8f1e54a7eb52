"""Creating and editing a programme: HR admin only; every field checked, errors in plain Dutch."""

from __future__ import annotations

from levensfase.web.accounts.models import Role
from levensfase.web.scan.models import Programme

GOOD = {"name": "Teams aan zet", "start_date": "2025-04-01", "units": ["P1", "P2", "P3"],
        "comparison_units": ["C1", "C2", "C3"], "baseline": "2025-03-01", "follow_up": "2026-03-01",
        "target_dynamisch_management": "3,5"}


def test_create_then_edit(client_as, programme_org):
    client = client_as(Role.HR_ADMIN)
    response = client.post("/scan/programmes/new/", GOOD)
    programme = Programme.objects.get()
    assert response.status_code == 302 and response.url == f"/scan/programmes/{programme.pk}/"
    assert (programme.units, programme.comparison_units, str(programme.baseline), str(programme.follow_up),
            programme.targets) == (["P1", "P2", "P3"], ["C1", "C2", "C3"], "2025-03-01", "2026-03-01",
                                   {"dynamisch_management": 3.5})
    form = client.get(f"/scan/programmes/{programme.pk}/edit/").content.decode()
    assert 'value="Teams aan zet"' in form and 'value="3,5"' in form
    client.post(f"/scan/programmes/{programme.pk}/edit/", {**GOOD, "comparison_units": [], "follow_up": "",
                                                          "target_dynamisch_management": ""})
    programme.refresh_from_db()
    assert programme.comparison_units == [] and programme.follow_up is None and programme.targets == {}


def test_bad_input_changes_nothing(client_as, programme_org):
    bad = {**GOOD, "name": "", "start_date": "1-4", "comparison_units": ["P1"], "baseline": "2026-03-01",
           "follow_up": "2025-03-01", "target_dynamisch_management": "7", "target_co_creatie": "drie"}
    response = client_as(Role.HR_ADMIN).post("/scan/programmes/new/", bad)
    html = response.content.decode()
    assert response.status_code == 400
    for message in ("Beantwoord deze vraag alstublieft.", "Geef een datum, bijvoorbeeld 2026-12-31.",
                    "Een afdeling kan niet tegelijk in het traject en in de vergelijking zitten.",
                    "De vervolgmeting moet na de nulmeting komen.", "Een doel ligt tussen 1 en 5.",
                    "Geef een getal tussen 1 en 5, bijvoorbeeld 3,5."):
        assert message in html
    unknown = client_as(Role.HR_ADMIN).post("/scan/programmes/new/", {**GOOD, "units": ["NOPE"], "baseline": "2020-01-01"})
    assert "Kies afdelingen uit de lijst." in unknown.content.decode()
    assert "Kies meetrondes uit de lijst." in unknown.content.decode()
    assert not Programme.objects.exists()


def test_only_hr_admin(client_as, programme_org):
    for role in (Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH):
        assert client_as(role).get("/scan/programmes/new/").status_code == 403
        assert client_as(role).post("/scan/programmes/new/", GOOD).status_code == 403
    assert not Programme.objects.exists()
