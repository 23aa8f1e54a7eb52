"""The read-only catalog: everyone with a role; only HR admin sees the WGBL flag and legal notes."""

from __future__ import annotations

import pytest

from levensfase.model.arrangements import load_catalog
from levensfase.web.accounts.models import Role

URL = "/maatwerk/catalog/"


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, Role.HR_ANALYST, Role.WORKS_COUNCIL,
                                  Role.OCCUPATIONAL_HEALTH])
def test_everyone_with_a_role_sees_the_catalog_without_legal_notes(client_as, org, role):
    html = client_as(role).get(URL).content.decode()
    catalog = load_catalog()
    assert html.count("<tr data-code=") == len(catalog)
    assert "data-legal" not in html and "Rechtvaardiging WGBL" not in html


def test_hr_admin_sees_wgbl_flags(client_as, org):
    html = client_as(Role.HR_ADMIN).get(URL).content.decode()
    flagged = [a.code for a in load_catalog() if a.wgbl_justification_required]
    assert flagged, "the packaged catalog has age-based arrangements"
    for code in flagged:
        row = html[html.index(f'data-code="{code}"'):]
        row = row[:row.index("</tr>")]
        assert "<td data-wgbl>vereist</td>" in row


def test_without_role_refused(client_as, org):
    assert client_as("nobody").get(URL).status_code == 403
