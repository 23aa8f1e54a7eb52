"""Self-assessment and manager assessment: who may, what is stored, the difference shown to both."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.hr.models import PersonSkill


def url(pid):
    return f"/competencies/assessment/{pid}/"


def stored(pid="P01"):
    return set(PersonSkill.objects.filter(person_id=pid).values_list("skill_id", "level", "source", "date"))


def test_employee_sees_the_skills_of_the_current_job_and_is_audited(client_as, skills):
    html = client_as(Role.EMPLOYEE).get(url("P01")).content.decode()
    # SVPL asks S1, S2, S3; S4 and S5 are only offered in "add a competency"
    for sid in ("S1", "S2", "S3"):
        assert f'data-skill="{sid}"' in html
    assert 'data-skill="S4"' not in html and '<option value="S4">Gegevensanalyse</option>' in html
    assert "Zelfbeoordeling" in html and "Collega&#x27;s komen bij u;" in html  # level 4 described
    assert Entry.objects.filter(action="view_person", person_id="P01", detail__view="competency_assessment").exists()


def test_self_assessment_is_stored_with_today_and_a_same_day_resave_replaces(client_as, skills):
    today = date.today()
    earlier = today - timedelta(days=200)
    PersonSkill.objects.create(person_id="P01", skill_id="S1", level=1, source="self", date=earlier)
    client = client_as(Role.EMPLOYEE)
    response = client.post(url("P01"), {"level_S1": "2", "level_S2": "", "level_S3": "4",
                                        "add_skill": "S4", "add_level": "3"})
    assert response.status_code == 302
    assert stored() == {("S1", 1, "self", earlier), ("S1", 2, "self", today), ("S3", 4, "self", today),
                        ("S4", 3, "self", today)}
    assert client.post(url("P01"), {"level_S1": "3"}).status_code == 302
    assert stored() == {("S1", 1, "self", earlier), ("S1", 3, "self", today), ("S3", 4, "self", today),
                        ("S4", 3, "self", today)}
    html = client.get(url("P01")).content.decode()
    assert 'data-skill="S4"' in html  # the added skill is on the form from now on


def test_manager_assesses_own_team_member_as_manager(client_as, skills):
    assert client_as(Role.MANAGER).post(url("P02"), {"level_S1": "2", "level_S2": "3"}).status_code == 302
    assert stored("P02") == {("S1", 2, "manager", date.today()), ("S2", 3, "manager", date.today())}


def test_difference_is_shown_to_both_as_a_conversation_starter(client_as, skills):
    today = date.today()
    PersonSkill.objects.create(person_id="P01", skill_id="S1", level=3, source="self", date=today - timedelta(days=3))
    PersonSkill.objects.create(person_id="P01", skill_id="S1", level=2, source="manager", date=today - timedelta(days=2))
    PersonSkill.objects.create(person_id="P01", skill_id="S2", level=2, source="self", date=today - timedelta(days=3))
    PersonSkill.objects.create(person_id="P01", skill_id="S2", level=2, source="manager", date=today - timedelta(days=2))
    # an older manager level does not count: the latest is the one to discuss
    PersonSkill.objects.create(person_id="P01", skill_id="S2", level=4, source="manager", date=today - timedelta(days=90))
    employee = client_as(Role.EMPLOYEE).get(url("P01")).content.decode()
    assert "U: 3, leidinggevende: 2 — bespreek in het loopbaangesprek" in employee
    assert employee.count("data-difference>") == 1
    manager = client_as(Role.MANAGER).get(url("P01")).content.decode()
    assert "Medewerker: 3, u: 2 — bespreek in het loopbaangesprek" in manager


def test_english_difference(client_as, skills):
    PersonSkill.objects.create(person_id="P01", skill_id="S3", level=1, source="self", date=date.today())
    PersonSkill.objects.create(person_id="P01", skill_id="S3", level=4, source="manager", date=date.today())
    client = client_as(Role.EMPLOYEE)
    client.cookies["django_language"] = "en"
    html = client.get(url("P01")).content.decode()
    assert "You: 1, manager: 4 — discuss it in the career conversation" in html and "Self-assessment" in html


@pytest.mark.parametrize("role, pid", [
    (Role.MANAGER, "P03"),  # outside the manager's units
    (Role.EMPLOYEE, "P02"), (Role.HR_ADMIN, "P01"), (Role.HR_ANALYST, "P01"), (Role.WORKS_COUNCIL, "P01"),
    (Role.OCCUPATIONAL_HEALTH, "P01"), ("nobody", "P01"), (Role.MANAGER, "NOPE"),
])
def test_others_are_refused_and_nothing_is_stored(client_as, skills, role, pid):
    client = client_as(role)
    assert client.get(url(pid)).status_code == 403
    response = client.post(url(pid), {"level_S1": "3"})
    assert response.status_code == 403 and "data-forbidden" in response.content.decode()
    assert PersonSkill.objects.count() == 0


def test_anonymous_goes_to_login(client, skills):
    response = client.get(url("P01"))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("data, message", [
    ({}, "Geef bij minstens één competentie een niveau."),
    ({"level_S1": "5"}, "“Wondzorg”: kies een niveau van 1 tot en met 4."),
    ({"level_S1": "drie", "level_S2": "3"}, "“Wondzorg”: kies een niveau van 1 tot en met 4."),
    ({"level_S5": "3"}, "Het formulier bevat een competentie die niet op uw lijst staat"),
    ({"add_skill": "S99", "add_level": "2"}, "Kies de competentie die u toevoegt uit de lijst."),
    ({"add_skill": "S4"}, "“Gegevensanalyse”: kies een niveau van 1 tot en met 4."),
    ({"add_level": "2"}, "Kies de competentie die bij het toegevoegde niveau hoort."),
])
def test_bad_input_says_why_and_stores_nothing(client_as, skills, data, message):
    response = client_as(Role.EMPLOYEE).post(url("P01"), {"level_S3": "2", **data} if data else data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "De beoordeling is niet opgeslagen" in html
    assert PersonSkill.objects.count() == 0
