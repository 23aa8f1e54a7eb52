"""Names where work needs them (DESIGN §6, issue 16 item 5): `display_name` shows to the person,
their own manager, HR admin and occupational health; never to analysts, the works council or the
privacy officer; never in an aggregate export. HR searches people by name."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Person
from levensfase.web.ui import cache
from support.org_fixture import MANAGER_SEES, NAMES
from support.routes import PAGES, fetch_downloads, report_text, url_of

# Pages on which a role works with people by name, and whose names it must see there.
NAMED = [
    (Role.HR_ADMIN, "people list", {"P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09"}),
    (Role.OCCUPATIONAL_HEALTH, "people list", {"P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09"}),
    (Role.MANAGER, "people list", MANAGER_SEES),
    (Role.MANAGER, "maatwerk team", MANAGER_SEES - {"P07"}),  # the manager's own record is not in the list
    (Role.MANAGER, "competencies team", MANAGER_SEES - {"P07"}),
    (Role.HR_ADMIN, "maatwerk team", {"P01", "P02", "P03", "P05", "P06", "P07", "P09"}),
    (Role.MANAGER, "conversation P01", {"P01"}),
    (Role.EMPLOYEE, "person P01", {"P01"}),
    (Role.HR_ADMIN, "person P01", {"P01"}),
    (Role.OCCUPATIONAL_HEALTH, "person P02", {"P02"}),
    (Role.OCCUPATIONAL_HEALTH, "surveys follow-up", {"P05"}),  # asked for follow-up (surveys test data)
    (Role.OCCUPATIONAL_HEALTH, "surveys follow-up P01", {"P01"}),
]
def test_match_candidates_by_name_for_hr_admin(client_as, org):
    """Internal matching: HR admin sees candidates by name (the manager only their own team's)."""
    from levensfase.web.hr.models import Job, JobSkill, PersonSkill, Skill

    Skill.objects.create(skill_id="S1", name="Wondzorg", kind="skill")
    JobSkill.objects.create(job=Job.objects.get(job_id="TL"), skill_id="S1", level_required=2)
    PersonSkill.objects.create(person_id="P03", skill_id="S1", level=3, source="self", date=org.today)
    html = client_as(Role.HR_ADMIN).get(reverse("competencies:match"), {"job": "TL", "search": "1"}).content.decode()
    assert 'data-candidate="P03"' in html and NAMES["P03"] in html


NAMELESS_ROLES = [Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.PRIVACY_OFFICER, "nobody"]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def follow_up(org):
    """P05 answered the WAI (total 34, moderate) and asked the bedrijfsarts for follow-up."""
    from datetime import timedelta

    from django.utils import timezone

    from levensfase.web.hr.models import SurveyResponse
    from levensfase.web.surveys.models import Consent

    answers = {"q1": 1.0, "q2_physical": 5.0, "q2_mental": 5.0, "q3_diseases": 0.0, "q4": 6.0, "q5_sick_days": 0.0,
               "q6": 1.0, "q7_1": 4.0, "q7_2": 4.0, "q7_3": 4.0}
    SurveyResponse.objects.create(person_id="P05", date=org.today - timedelta(days=10), instrument="wai",
                                  answers=answers)
    Consent.objects.create(person_id="P05", given_at=timezone.now(), follow_up=True)
    return org


@pytest.mark.parametrize(("role", "route", "expected"), NAMED)
def test_names_shown_where_work_needs_them(client_as, follow_up, role, route, expected):
    target, params = PAGES[route]
    html = client_as(role).get(url_of(target), params).content.decode()
    shown = {pid for pid, name in NAMES.items() if name.replace("'", "&#x27;") in html}
    assert shown == expected


def _echo_free(html: str) -> str:
    """The page without the URL the user asked for (the language form's "next" field echoes it)."""
    return re.sub(r'<input type="hidden" name="next" value="[^"]*">', "", html)


@pytest.mark.parametrize("route", list(PAGES))
@pytest.mark.parametrize("role", NAMELESS_ROLES)
def test_aggregate_roles_never_see_a_name_or_person_id(client_as, org, role, route):
    """Except, on the audit log, the privacy officer's person ids: supervising access needs them."""
    target, params = PAGES[route]
    html = _echo_free(client_as(role).get(url_of(target), params).content.decode())
    assert [n for n in NAMES.values() if n.replace("'", "&#x27;") in html] == []
    if not (role == Role.PRIVACY_OFFICER and route.startswith("audit log")):
        assert re.findall(r"\bP(?:0[1-9]|10)\b", html) == []


@pytest.mark.parametrize("role", [Role.HR_ADMIN, Role.MANAGER, Role.HR_ANALYST, Role.WORKS_COUNCIL])
def test_no_download_carries_a_name_or_person_id(client_as, org, role):
    text = "\n".join(r.content.decode() for r in fetch_downloads(client_as(role)))
    text += "\n" + report_text(client_as(role), "xlsx")  # the management report workbook, every cell
    assert [n for n in NAMES.values() if n in text] == []
    assert re.findall(r"\bP(?:0[1-9]|10)\b", text) == []


@pytest.mark.parametrize(("role", "query", "found"), [
    (Role.HR_ADMIN, "sanne", ["P01"]),  # case does not matter
    (Role.HR_ADMIN, "van ", ["P02", "P05"]),  # tussenvoegsel
    (Role.HR_ADMIN, "Fatima El Amrani", ["P03"]),
    (Role.MANAGER, "Daan", ["P02"]),
    (Role.MANAGER, "Fatima", []),  # outside the manager's units: a name never widens the view
])
def test_search_by_name(client_as, org, role, query, found):
    html = client_as(role).get(reverse("people"), {"q": query}).content.decode()
    body = html[html.index("<main"):]
    assert sorted(set(re.findall(r'href="/people/(P\d+)/"', body))) == found


def test_the_audit_log_carries_no_name(client_as, org):
    client_as(Role.MANAGER).get(reverse("person", kwargs={"person_id": "P01"}))
    client_as(Role.MANAGER).get(reverse("maatwerk:team"))
    html = client_as(Role.PRIVACY_OFFICER).get(reverse("audit_log")).content.decode()
    assert "P01" in html and NAMES["P01"] not in html


def test_a_person_without_a_name_shows_the_id(client_as, org):
    assert not Person.objects.get(person_id="P10").display_name
    html = client_as(Role.HR_ADMIN).get(reverse("person", kwargs={"person_id": "P10"})).content.decode()
    assert "<h1>Persoon P10</h1>" in html
