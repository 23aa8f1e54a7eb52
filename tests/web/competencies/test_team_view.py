"""The manager's competency overview: own team only, latest assessment dates and differences."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import PersonSkill

URL = "/competencies/team/"


def test_manager_sees_own_team_with_dates_and_differences(client_as, skills):
    today = date.today()
    d1, d2 = today - timedelta(days=10), today - timedelta(days=5)
    for pid, sid, level, source, day in (
        ("P01", "S1", 3, "self", d1), ("P01", "S1", 2, "manager", d2),  # differs
        ("P01", "S2", 2, "self", d1), ("P01", "S2", 2, "manager", d2),  # same
        ("P01", "S3", 4, "self", d1), ("P01", "S3", 1, "manager", d1 - timedelta(days=300)),
        ("P01", "S3", 4, "manager", d1),  # latest manager level agrees again
        ("P02", "S1", 1, "self", d2), ("P02", "S2", 3, "self", d2), ("P02", "S2", 2, "manager", d1),  # differs
    ):
        PersonSkill.objects.create(person_id=pid, skill_id=sid, level=level, source=source, date=day)
    html = client_as(Role.MANAGER).get(URL).content.decode()
    people = re.findall(r'data-person="(P\d+)"', html)
    assert people == ["P01", "P02", "P05", "P09"]  # P07 is the manager, P03 is outside the units
    rows = {pid: re.search(rf'data-person="{pid}">(.*?)</tr>', html, re.S).group(1) for pid in people}
    cells = lambda pid: re.findall(r"<td[^>]*>(.*?)</td>", rows[pid], re.S)  # noqa: E731
    assert cells("P01")[1:4] == [d1.strftime("%d-%m-%Y"), d2.strftime("%d-%m-%Y"), "1"]  # d-m-jjjj, as tables show dates
    assert cells("P02")[1:4] == [d2.strftime("%d-%m-%Y"), d1.strftime("%d-%m-%Y"), "1"]
    assert "nog niet" in cells("P05")[1] and cells("P05")[3] == "0"


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL,
                                  Role.OCCUPATIONAL_HEALTH, "nobody"])
def test_other_roles_are_refused(client_as, skills, role):
    assert client_as(role).get(URL).status_code == 403
