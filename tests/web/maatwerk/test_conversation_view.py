"""Career conversation: self-service or the own manager; rows in the exchange table; history kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.hr.models import Conversation
from levensfase.web.maatwerk import selectors


def url(pid):
    return f"/maatwerk/conversations/{pid}/"


def test_employee_saves_own_conversation_and_it_drives_recommendations(client_as, org):
    Conversation.objects.create(person=org.people["P01"], date=org.today - timedelta(days=400), topic="ambition",
                                value="reduce")
    response = client_as(Role.EMPLOYEE).post(url("P01"), {
        "ambition": "specialist", "learning_wish": "wondzorg", "desired_fte": "0,8", "intended_retirement_age": "67",
        "mobility_wish": "", "stay_factor": "development"})
    assert response.status_code == 302
    today = date.today()
    stored = set(Conversation.objects.filter(person_id="P01", date=today).values_list("topic", "value"))
    assert stored == {("ambition", "specialist"), ("learning_wish", "wondzorg"), ("desired_fte", "0.8"),
                      ("intended_retirement_age", "67"), ("stay_factor", "development")}
    # the old answer stays as history
    assert Conversation.objects.filter(person_id="P01", topic="ambition").count() == 2
    assert "opleidingsbudget" in selectors.maatwerk_of(person_id="P01", on=today).recommendations.codes
    html = client_as(Role.EMPLOYEE).get(url("P01")).content.decode()
    assert "specialist worden" in html and "minder werken" in html  # new and old ambition in the history
    assert Entry.objects.filter(action="view_person", person_id="P01", detail__view="conversation").exists()


def test_manager_records_for_own_team_member(client_as, org):
    assert client_as(Role.MANAGER).post(url("P02"), {"mobility_wish": "internal"}).status_code == 302
    assert Conversation.objects.get(person_id="P02").value == "internal"


@pytest.mark.parametrize("role, pid", [
    (Role.MANAGER, "P03"),  # outside the manager's units
    (Role.EMPLOYEE, "P02"), (Role.HR_ADMIN, "P01"), (Role.HR_ANALYST, "P01"), (Role.WORKS_COUNCIL, "P01"),
    (Role.OCCUPATIONAL_HEALTH, "P01"), ("nobody", "P01"), (Role.MANAGER, "NOPE"),
])
def test_others_are_refused_and_nothing_is_stored(client_as, org, role, pid):
    client = client_as(role)
    assert client.get(url(pid)).status_code == 403
    response = client.post(url(pid), {"ambition": "leadership"})
    assert response.status_code == 403 and "data-forbidden" in response.content.decode()
    assert Conversation.objects.count() == 0


@pytest.mark.parametrize("data, message", [
    ({}, "Beantwoord minstens één vraag."),
    ({"desired_fte": "2"}, "“Gewenste omvang (fte)” heeft een antwoord dat niet is toegestaan."),
    ({"ambition": "astronaut"}, "“Ambitie” heeft een antwoord dat niet is toegestaan."),
    ({"intended_retirement_age": "66.5"}, "“Beoogde pensioenleeftijd” heeft een antwoord"),
])
def test_bad_answers_say_why_and_store_nothing(client_as, org, data, message):
    response = client_as(Role.EMPLOYEE).post(url("P01"), {"learning_wish": "x", **data} if data else data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Conversation.objects.count() == 0
