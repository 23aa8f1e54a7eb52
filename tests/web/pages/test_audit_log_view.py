"""The audit log page: hr_admin only, newest first, filter by person."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from levensfase.web.accounts.models import Role


def _rows(html: str) -> list[list[str]]:
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH,
                                  Role.WORKS_COUNCIL, "nobody"])
def test_only_hr_admin(client_as, org, role):
    assert client_as(role).get(reverse("audit_log")).status_code == 403


def test_lists_views_newest_first_and_filters_by_person(client_as, org):
    client_as(Role.MANAGER).get(reverse("person", kwargs={"person_id": "P02"}))
    client_as(Role.OCCUPATIONAL_HEALTH).get(reverse("person", kwargs={"person_id": "P01"}))
    client_as(Role.EMPLOYEE).get(reverse("person", kwargs={"person_id": "P01"}))
    client = client_as(Role.HR_ADMIN)
    rows = _rows(client.get(reverse("audit_log")).content.decode())
    assert [r[1:4] for r in rows] == [
        ["medewerker", "dossier bekeken", "P01"],
        ["bedrijfsarts", "dossier bekeken", "P01"],
        ["manager", "dossier bekeken", "P02"],
    ]
    assert rows[1][4] == "inclusief gezondheidsgegevens" and rows[2][4] == ""
    rows = _rows(client.get(reverse("audit_log"), {"person": "P02"}).content.decode())
    assert [r[1:4] for r in rows] == [["manager", "dossier bekeken", "P02"]]
    assert "Geen regels." in client.get(reverse("audit_log"), {"person": "P404"}).content.decode()
