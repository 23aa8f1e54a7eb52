"""'Mijn competenties': the opt-in toggle for internal vacancies (a career-conversation answer)."""

from __future__ import annotations

import re
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
    assert 'data-opt-in="true"' in html and "U staat open voor interne vacatures" in html
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
    assert "Kies of u openstaat voor interne vacatures." in response.content.decode()
    assert Conversation.objects.count() == 0


@pytest.mark.parametrize("role", [Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH,
                                  "nobody"])
def test_roles_without_own_record_are_refused(client_as, skills, role):
    client = client_as(role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"opt_in": "true"}).status_code == 403
    assert Conversation.objects.count() == 0


def test_roles_that_fit_by_hand(client_as, assessed):
    """P01 (holds SVPL) on the `assessed` fixture: current levels S1 3, S2 1, S4 3, S5 2; untapped {S4};
    no ambition → 0.5. score = 0.5 skill_fit + 0.3 untapped_fit + 0.2 ambition_fit:
      ADM  asks S4:2 → fit 1, uses S4 → untapped 1: 0.5 + 0.3 + 0.1 = 0.90
      VPL  asks S1:2, S2:2 → (1 + 1/2)/2 = 0.75: 0.375 + 0 + 0.1 = 0.475
      TL   asks S5:3, S2:3 → (2/3 + 1/3)/2 = 0.5: 0.25 + 0 + 0.1 = 0.35"""
    html = client_as(Role.EMPLOYEE).get(URL).content.decode()
    roles = re.findall(r'data-job="(\w+)"><th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', html)
    assert roles == [("ADM", "Administrateur", "90,0%"), ("VPL", "Verpleegkundige", "47,5%"),
                     ("TL", "Teamleider", "35,0%")]
    assert "Benut onbenutte competenties: Gegevensanalyse." in html
