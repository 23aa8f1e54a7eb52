"""'Mijn competenties': the opt-in toggle for internal vacancies (a career-conversation answer)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.hr.models import Conversation

URL = "/competencies/mine/"


def opt_ins(pid="P01"):
    return set(Conversation.objects.filter(person_id=pid, topic="internal_mobility_opt_in").values_list("date", "value"))


def test_opt_in_toggle_writes_the_conversation_row_and_keeps_history(client_as, skills):
    earlier = date.today() - timedelta(days=400)
    Conversation.objects.create(person_id="P01", date=earlier, topic="internal_mobility_opt_in", value="false")
    client = client_as(Role.EMPLOYEE)
    html = client.get(URL).content.decode()
    assert 'data-opt-in="false"' in html and "Open voor interne vacatures" in html
    assert client.post(URL, {"opt_in": "true"}).status_code == 302
    assert opt_ins() == {(earlier, "false"), (date.today(), "true")}
    html = client.get(URL).content.decode()
    assert 'data-opt-in="true"' in html and "Je staat open voor interne vacatures" in html
    assert client.post(URL, {"opt_in": "false"}).status_code == 302  # same day: replaces today's answer
    assert opt_ins() == {(earlier, "false"), (date.today(), "false")}
    assert Entry.objects.filter(person_id="P01", detail__view="competencies_mine").exists()


def test_manager_has_an_own_page_too(client_as, skills):
    assert client_as(Role.MANAGER).post(URL, {"opt_in": "true"}).status_code == 302
    assert opt_ins("P07") == {(date.today(), "true")}


@pytest.mark.parametrize("value", ["", "yes", "TRUE "])
def test_bad_choice_is_refused_and_nothing_written(client_as, skills, value):
    response = client_as(Role.EMPLOYEE).post(URL, {"opt_in": value})
    assert response.status_code == 400
    assert "Kies of je openstaat voor interne vacatures." in response.content.decode()
    assert Conversation.objects.count() == 0


@pytest.mark.parametrize("role", [Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH,
                                  "nobody"])
def test_roles_without_own_record_are_refused(client_as, skills, role):
    client = client_as(role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"opt_in": "true"}).status_code == 403
    assert Conversation.objects.count() == 0
