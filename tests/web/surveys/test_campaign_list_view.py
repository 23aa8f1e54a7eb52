"""Campaigns: HR invites everyone employed today in the chosen units (units below included)."""

from __future__ import annotations

from datetime import date, timedelta

from levensfase.web.accounts.models import Role
from levensfase.web.surveys.models import Campaign


def test_create_invites_the_units_people_once(client_as, org):
    closes = (date.today() + timedelta(days=14)).isoformat()
    response = client_as(Role.HR_ADMIN).post(
        "/surveys/campaigns/", {"name": "Najaar", "instrument": "wai", "units": ["ZORG", "TA1"], "closes_on": closes})
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == f"/surveys/campaigns/{campaign.pk}/"
    # At work today in ZORG or below: P01, P05 (TA1), P02, P09 (TA2), P07 (ZORG); P08 starts later.
    assert dict(campaign.invitations.values_list("person_id", "unit_id")) == {
        "P01": "TA1", "P05": "TA1", "P02": "TA2", "P09": "TA2", "P07": "ZORG"}


def test_bad_input_changes_nothing(client_as, org):
    html = client_as(Role.HR_ANALYST).post(
        "/surveys/campaigns/", {"name": "", "instrument": "x", "units": ["NOPE"], "closes_on": "2001-01-01"}
    ).content.decode()
    assert "Beantwoord deze vraag alstublieft." in html
    assert "Kies een vragenlijst." in html
    assert "Kies afdelingen uit de lijst." in html
    assert "De sluitingsdatum kan niet in het verleden liggen." in html
    assert not Campaign.objects.exists()


def test_only_hr(client_as, org):
    for role in (Role.MANAGER, Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH):
        assert client_as(role).get("/surveys/campaigns/").status_code == 403


def test_units_are_offered_in_tree_order(client_as, org):
    import re

    html = client_as(Role.HR_ADMIN).get("/surveys/campaigns/").content.decode()
    select = html[html.index('name="units"'):]
    assert re.findall(r'<option value="(\w+)"', select) == ["ORG", "BV", "TB1", "ZORG", "TA1", "TA2"]
