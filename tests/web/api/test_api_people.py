"""Person-level endpoints per role (DESIGN §1, §6): HR admin and the bedrijfsarts everyone, the
manager their own team, the employee themself, analysts, the works council and the privacy officer
nobody; health data only to the employee themself and the bedrijfsarts; every read audited."""

from __future__ import annotations

import pytest
from django.utils import timezone

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.maatwerk.models import Plan, PlanItem

from support.org_fixture import ALL_PEOPLE, MANAGER_SEES

pytestmark = pytest.mark.django_db
NO_PEOPLE = (Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.PRIVACY_OFFICER)


@pytest.mark.parametrize("role", NO_PEOPLE)
def test_aggregate_roles_get_no_person_data(api_as, role):
    api = api_as(role)
    for url in ("/api/v1/people", "/api/v1/people/P01", "/api/v1/people/P01/assignments", "/api/v1/people/P01/plans"):
        response = api.get(url)
        assert response.status_code == 403, url
        assert "P01" not in response.content.decode() and "Sanne" not in response.content.decode()
    assert not Entry.objects.filter(action="view_person").exists()


@pytest.mark.parametrize("role,seen", [
    (Role.HR_ADMIN, ALL_PEOPLE), (Role.OCCUPATIONAL_HEALTH, ALL_PEOPLE), (Role.MANAGER, MANAGER_SEES),
    (Role.EMPLOYEE, {"P01"}),
])
def test_the_people_list_is_the_users_view(api_as, role, seen):
    rows = api_as(role).get("/api/v1/people").json()
    assert {r["person_id"] for r in rows} == seen


def test_a_manager_sees_their_team_only_and_outside_is_404(api_as):
    api = api_as(Role.MANAGER)
    assert api.get("/api/v1/people/P02").status_code == 200
    for outside in ("P03", "P06", "nobody-at-all"):
        response = api.get(f"/api/v1/people/{outside}")
        assert response.status_code == 404 and response.json()["status"] == 404


@pytest.mark.parametrize("role,health", [
    (Role.EMPLOYEE, True), (Role.OCCUPATIONAL_HEALTH, True), (Role.HR_ADMIN, False), (Role.MANAGER, False),
])
def test_health_data_only_for_the_employee_and_the_bedrijfsarts(api_as, role, health):
    data = api_as(role).get("/api/v1/people/P01").json()
    assert data["with_health"] is health
    assert data["life_events"] == [{"start_date": "2019-05-01", "end_date": None, "event": "child"}]
    assert [s["number"] for s in data["spells"]] == [1]  # 2020-12-31 → 2021-01-01 is one spell
    if health:
        assert data["absences"] == [{"start_date": "2022-03-01", "end_date": "2022-03-05", "pregnancy": False}]
        assert data["surveys"] == [{"date": "2023-01-15", "instrument": "wai",
                                    "answers": {"q1": 8.0, "q2_physical": 4.0}}]
    else:
        assert data["absences"] is None and data["surveys"] is None and data["health_events"] is None
        assert "wai" not in str(data) and "2022-03-01" not in str(data)
    entry = Entry.objects.get(action="view_person")
    assert (entry.person_id, entry.detail) == ("P01", {"health": health, "api": True})


def test_assignments_of_a_person_with_two_spells(api_as):
    rows = api_as(Role.HR_ADMIN).get("/api/v1/people/P05/assignments").json()
    assert [(r["unit_id"], r["start_date"], r["end_date"], r["end_reason"], r["fte"]) for r in rows] == [
        ("TB1", "2008-01-01", "2013-12-31", "voluntary", 1.0), ("TA1", "2019-03-01", None, "", 0.6)]
    assert rows[1]["contract"] == "fixed_term" and rows[1]["unit"] == "Team Noord"
    assert api_as(Role.EMPLOYEE).get("/api/v1/people/P05/assignments").status_code == 404


@pytest.mark.parametrize("role,status", [
    (Role.EMPLOYEE, 200), (Role.MANAGER, 200), (Role.HR_ADMIN, 200), (Role.OCCUPATIONAL_HEALTH, 403),
])
def test_plans_for_the_employee_their_manager_and_hr_only(api_as, role, status):
    plan = Plan.objects.create(person_id="P01", state="requested", created_at=timezone.now())
    PlanItem.objects.create(plan=plan, code="extra_leave", start_date="2026-01-01", hours=40.0)
    response = api_as(role).get("/api/v1/people/P01/plans")
    assert response.status_code == status
    if status == 200:
        assert response.json()[0]["items"] == [{"code": "extra_leave", "start_date": "2026-01-01", "end_date": None,
                                                "hours": 40.0, "cost_eur": None}]
