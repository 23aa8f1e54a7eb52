"""The list of change programmes: results roles read it, HR admin gets the link to add one."""

from __future__ import annotations

from datetime import date

from levensfase.web.accounts.models import Role
from levensfase.web.scan.models import Programme


def test_list_and_who_may_add(client_as, org):
    Programme.objects.create(name="Teams aan zet", start_date=date(2025, 4, 1), units=["TA1"], baseline=date(2025, 3, 1))
    admin = client_as(Role.HR_ADMIN).get("/scan/programmes/").content.decode()
    assert "Teams aan zet" in admin and 'href="/scan/programmes/new/"' in admin
    analyst = client_as(Role.HR_ANALYST).get("/scan/programmes/").content.decode()
    assert "Teams aan zet" in analyst and 'href="/scan/programmes/new/"' not in analyst
    for role in (Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH, Role.PRIVACY_OFFICER):
        assert client_as(role).get("/scan/programmes/").status_code == 403
