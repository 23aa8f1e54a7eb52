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


def test_business_results_on_the_unit_page(client_as, scanned, kpis_stored):
    client = client_as(Role.HR_ANALYST)
    text = client.get("/scan/units/TA1/?csv=kpis").content.decode().splitlines()
    assert text == ["Eenheid,KPI,Periode tot en met,Waarde,Verandering",
                    'Team Noord,productiviteit,31 december 2025,"102,5","+2,5"']
    assert "Bedrijfsresultaten" not in client.get("/scan/units/TB1/").content.decode()  # TB1 has none


def test_roles_shown_together_when_the_core_withholds_them(client_as, scanned):
    """The fixture has employees only (managers 0 < k): the core publishes only the combined row."""
    html = client_as(Role.HR_ANALYST).get("/scan/units/TA1/").content.decode()
    assert ("Medewerkers en leidinggevenden worden samen getoond, omdat een van beide groepen minder dan 5 "
            "respondenten heeft.") in html
    assert "chart-roles" not in html and 'id="panel-roles"' not in html


def test_role_rows_when_both_roles_reach_k(client_as, org):
    """TA1: five employees answering 2 and five managers answering 4 (both ≥ k = 5)."""
    from levensfase.web.scan import services

    from .conftest import ROUND_2, response_frame

    services.load_responses(frame=response_frame({("TA1", "employee", ROUND_2): [2] * 5,
                                                  ("TA1", "manager", ROUND_2): [4] * 5}))
    client = client_as(Role.HR_ANALYST)
    text = client.get("/scan/units/TA1/?csv=roles").content.decode().splitlines()
    assert text[0] == "Dimensie,Medewerkers,Leidinggevenden"
    assert text[1] == 'Dynamisch management,"2,0","4,0"'
    html = client.get("/scan/units/TA1/").content.decode()
    assert "samen getoond" not in html
