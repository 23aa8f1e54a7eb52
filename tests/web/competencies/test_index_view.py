"""/competencies/ sends each role to its first competency page; the nav shows the item only then."""

from __future__ import annotations

import pytest

from levensfase.web.accounts.models import Role


@pytest.mark.parametrize("role, target", [
    (Role.EMPLOYEE, "/competencies/mine/"), (Role.MANAGER, "/competencies/mine/"),
    (Role.HR_ADMIN, "/competencies/match/"), (Role.HR_ANALYST, "/competencies/dashboard/"),
    (Role.WORKS_COUNCIL, "/competencies/dashboard/"),
])
def test_each_role_lands_on_its_page_and_has_the_nav_item(client_as, skills, role, target):
    client = client_as(role)
    response = client.get("/competencies/")
    assert response.status_code == 302 and response["Location"] == target
    assert '<a href="/competencies/"' in client.get("/").content.decode()


@pytest.mark.parametrize("role", [Role.OCCUPATIONAL_HEALTH, "nobody"])
def test_roles_without_competency_pages(client_as, skills, role):
    client = client_as(role)
    assert client.get("/competencies/").status_code == 403
    assert '<a href="/competencies/"' not in client.get("/").content.decode()
