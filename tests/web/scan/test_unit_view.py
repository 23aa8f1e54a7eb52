"""A unit's profile: its score per dimension in every round beside the organisation's."""

from __future__ import annotations

from levensfase.web.accounts.models import Role


def test_profile_per_round_beside_the_organisation(client_as, scanned):
    client = client_as(Role.HR_ANALYST)
    text = client.get("/scan/units/TA1/?csv=profile").content.decode().splitlines()
    assert text[0] == 'Dimensie,1 maart 2025,1 maart 2026,"Organisatie, 1 maart 2026"'
    assert text[1] == 'Dynamisch management,"2,5","4,0","3,5"'  # 15/6, 24/6, 46/13
    html = client.get("/scan/units/TA1/").content.decode()
    assert 'data-figure="chart-profile"' in html and "Profiel van Team Noord" in html


def test_a_small_unit_shows_no_profile(client_as, scanned):
    html = client_as(Role.HR_ADMIN).get("/scan/units/TB1/").content.decode()
    assert "Te weinig antwoorden in deze afdeling om een profiel te tonen: minder dan 5 respondenten." in html
    assert 'data-figure="chart-profile"' in html  # the organisation's bars are still drawn
    text = client_as(Role.HR_ADMIN).get("/scan/units/TB1/?csv=profile").content.decode().splitlines()
    assert text[1] == 'Dynamisch management,< 5,< 5,"3,5"'


def test_access_and_unknown_unit(client_as, scanned):
    assert client_as(Role.WORKS_COUNCIL).get("/scan/units/NOPE/").status_code == 404
    for role in (Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH, Role.PRIVACY_OFFICER):
        assert client_as(role).get("/scan/units/TA1/").status_code == 403
    bad = client_as(Role.HR_ANALYST).get("/scan/units/TA1/?csv=nope")
    assert bad.status_code == 400
