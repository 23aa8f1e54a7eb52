"""The scan in the top navigation, per role: results for HR and the works council, the
questionnaire for people with a record of their own, nothing for the bedrijfsarts or the DPO."""

from __future__ import annotations

from levensfase.web.accounts.models import Role


def test_menu_per_role(client_as, org):
    for role in (Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL):
        assert '<a href="/scan/">Sociale innovatie</a>' in client_as(role).get("/").content.decode()
    for role in (Role.EMPLOYEE, Role.MANAGER):
        html = client_as(role).get("/").content.decode()
        assert '<a href="/scan/mine/">Scan</a>' in html and 'href="/scan/"' not in html
    for role in (Role.OCCUPATIONAL_HEALTH, Role.PRIVACY_OFFICER):
        assert 'href="/scan/' not in client_as(role).get("/").content.decode()
