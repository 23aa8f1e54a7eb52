"""The audit log page: the privacy officer reads all of it, HR admin all but the entries about
health-data access, occupational health only those; newest first, filter by person."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from levensfase.web.accounts.models import Role


def _rows(html: str) -> list[list[str]]:
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.WORKS_COUNCIL, "nobody"])
def test_refused_without_an_audit_role(client_as, org, role):
    assert client_as(role).get(reverse("audit_log")).status_code == 403


def _three_views(client_as):
    client_as(Role.MANAGER).get(reverse("person", kwargs={"person_id": "P02"}))
    client_as(Role.OCCUPATIONAL_HEALTH).get(reverse("person", kwargs={"person_id": "P01"}))
    client_as(Role.EMPLOYEE).get(reverse("person", kwargs={"person_id": "P01"}))


def test_lists_views_newest_first_and_filters_by_person(client_as, org):
    _three_views(client_as)
    client = client_as(Role.PRIVACY_OFFICER)
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


def test_hr_admin_does_not_see_who_accessed_health_data(client_as, org):
    """The bedrijfsarts opening P01's dossier, and P01 reading their own health data, are health
    signals: HR admin's log leaves both out, also when filtered on P01."""
    _three_views(client_as)
    client = client_as(Role.HR_ADMIN)
    html = client.get(reverse("audit_log")).content.decode()
    assert [r[1:5] for r in _rows(html)] == [["manager", "dossier bekeken", "P02", ""]]
    table = html[html.index("<table"):html.index("</table>")]
    assert "inclusief gezondheidsgegevens" not in table and "bedrijfsarts" not in table
    assert "Geen regels." in client.get(reverse("audit_log"), {"person": "P01"}).content.decode()


def test_occupational_health_sees_only_health_data_access(client_as, org):
    _three_views(client_as)
    rows = _rows(client_as(Role.OCCUPATIONAL_HEALTH).get(reverse("audit_log")).content.decode())
    assert [r[1:5] for r in rows] == [["medewerker", "dossier bekeken", "P01", "inclusief gezondheidsgegevens"],
                                      ["bedrijfsarts", "dossier bekeken", "P01", "inclusief gezondheidsgegevens"]]
