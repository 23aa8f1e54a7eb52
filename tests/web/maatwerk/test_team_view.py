"""The team list: own team only for a manager, every unit with a filter for HR admin, the 12-month
flag, open requests, the link to the conversation form, and 403 for every other role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import dateformat, translation

from levensfase.model.arrangements.eligibility import months_before
from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.hr.models import Conversation
from support.org_fixture import MANAGER_SEES

URL = "/maatwerk/team/"


@pytest.fixture
def talks(org):
    """P01 talked 10 days ago, P02 a year and a day ago, P05 exactly 12 months ago; P09 never."""
    t = org.today
    for pid, day in (("P01", t - timedelta(days=10)), ("P02", months_before(t, 12) - timedelta(days=1)),
                     ("P05", months_before(t, 12))):
        Conversation.objects.create(person=org.people[pid], date=day, topic="ambition", value="grow_in_role")
    Conversation.objects.create(person=org.people["P01"], date=t - timedelta(days=400), topic="ambition",
                                value="reduce")  # an older one does not count
    return org


def rows(html: str) -> list[str]:
    return [part.split('"')[0] for part in html.split('<tr data-person="')[1:]]


def row(html: str, pid: str) -> str:
    part = html[html.index(f'<tr data-person="{pid}"'):]
    return part[:part.index("</tr>")]


def test_manager_sees_own_team_due_first_with_flags(client_as, talks, make_plan):
    make_plan("P01")
    html = client_as(Role.MANAGER).get(URL).content.decode()
    # own team at work today, never the manager themself (P07); never-held first, then oldest
    assert rows(html) == ["P09", "P02", "P05", "P01"]
    assert set(rows(html)) == MANAGER_SEES - {"P07"}
    assert "nooit" in row(html, "P09") and "gesprek nodig" in row(html, "P09")
    assert "data-overdue" in row(html, "P02") and "langer dan 12 maanden geleden" in row(html, "P02")
    assert "data-overdue" not in row(html, "P05")  # exactly 12 months: not more than 12
    p01 = row(html, "P01")
    with translation.override("nl"):
        last = dateformat.format(talks.today - timedelta(days=10), "j F Y")
    assert "data-overdue" not in p01 and f"<td data-last>{last}</td>" in p01
    assert '<a href="/maatwerk/requests/">1</a>' in p01
    assert 'href="/maatwerk/conversations/P01/"' in p01 and "Loopbaangesprek starten" in p01
    assert '<td class="num" data-requests>0</td>' in row(html, "P02")
    entry = Entry.objects.get(action="view_person", detail__view="team")
    assert sorted(entry.detail["people"]) == ["P01", "P02", "P05", "P09"]


def test_manager_unit_filter_stays_inside_the_team(client_as, talks):
    client = client_as(Role.MANAGER)
    assert sorted(rows(client.get(URL + "?unit=TA1").content.decode())) == ["P01", "P05"]
    html = client.get(URL + "?unit=TB1").content.decode()  # not their unit: ignored, whole team
    assert sorted(rows(html)) == ["P01", "P02", "P05", "P09"] and 'value="TB1"' not in html


def test_hr_admin_sees_every_unit_and_filters(client_as, talks):
    client = client_as(Role.HR_ADMIN)
    html = client.get(URL).content.decode()
    assert sorted(rows(html)) == ["P01", "P02", "P03", "P05", "P06", "P07", "P09"]  # at work today
    assert "Loopbaangesprek starten" not in html  # HR does not hold the conversation
    assert rows(client.get(URL + "?unit=BV").content.decode()) == ["P03"]
    assert sorted(rows(client.get(URL + "?unit=ZORG").content.decode())) == ["P01", "P02", "P05", "P07", "P09"]
    assert len(rows(client.get(URL + "?unit=nope&page=x").content.decode())) == 7


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH,
                                  "nobody"])
def test_other_roles_are_refused(client_as, talks, role):
    response = client_as(role).get(URL)
    assert response.status_code == 403
    assert "Het teamoverzicht is voor leidinggevenden en HR-beheerders." in response.content.decode()
    assert not Entry.objects.filter(detail__view="team").exists()


def test_manager_without_units_sees_nobody(client_as, talks, users):
    users[Role.MANAGER].profile.units.clear()
    html = client_as(Role.MANAGER).get(URL).content.decode()
    assert rows(html) == [] and "Vandaag werkt er niemand in deze afdeling." in html


def test_english(client_as, talks):
    client = client_as(Role.MANAGER)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(URL).content.decode()
    assert "Start career conversation" in html and "more than 12 months ago" in html and "conversation due" in html
