"""Skills profile: used / development need / untapped / other against the current job (worked by
hand from the fixture in conftest.py), history, and who may see it."""

from __future__ import annotations

import re

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry


def url(pid):
    return f"/competencies/profile/{pid}/"


def sections(html):
    found = {}
    for status in ("used", "development_need", "untapped", "other"):
        m = re.search(rf'data-status="{status}">(.*?)</section>', html, re.S)
        found[status] = re.findall(r'data-skill="(S\d)"', m.group(1)) if m else None
    return found


def test_employee_sees_own_profile_by_status(client_as, assessed):
    html = client_as(Role.EMPLOYEE).get(url("P01")).content.decode()
    assert sections(html) == {"used": ["S1"], "development_need": ["S3", "S2"], "untapped": ["S4"], "other": ["S5"]}
    assert re.search(r'data-count="untapped">1<', html) and re.search(r'data-count="development_need">2<', html)
    assert "Onbenut potentieel" in html and "Ontwikkelbehoefte" in html
    history = re.search(r"data-history>(.*?)</table>", html, re.S).group(1)
    assert history.count("<tr>") == 1 + 5  # header row + five assessments
    assert Entry.objects.filter(person_id="P01", detail__view="skills_profile").exists()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.HR_ADMIN])
def test_manager_of_the_team_and_hr_admin_see_it(client_as, assessed, role):
    html = client_as(role).get(url("P01")).content.decode()
    assert sections(html)["untapped"] == ["S4"]
    assert "Competentieprofiel van P01" in html


@pytest.mark.parametrize("role, pid", [
    (Role.MANAGER, "P03"), (Role.EMPLOYEE, "P02"), (Role.HR_ANALYST, "P01"), (Role.WORKS_COUNCIL, "P01"),
    (Role.OCCUPATIONAL_HEALTH, "P01"), ("nobody", "P01"), (Role.HR_ADMIN, "NOPE"),
])
def test_others_are_refused(client_as, assessed, role, pid):
    response = client_as(role).get(url(pid))
    assert response.status_code == 403 and "data-forbidden" in response.content.decode()
    assert not Entry.objects.filter(detail__view="skills_profile").exists()


def test_english(client_as, assessed):
    client = client_as(Role.EMPLOYEE)
    client.cookies["django_language"] = "en"
    html = client.get(url("P01")).content.decode()
    assert "My skills profile" in html and "Untapped potential" in html and "Development need" in html
