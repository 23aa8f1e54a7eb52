"""'Wat is er voor mij?': own budget (checked against a hand calculation), recommendations, requests."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.maatwerk.models import Plan

URL = "/maatwerk/"


def full_time_year_share_p01(today: date) -> float:
    """P01 works 0.8 FTE since 2015-01-01: 0.8 per whole year, and this year whole months plus the
    days of this month up to today over the month's length, over 12."""
    this_year = (today.month - 1 + today.day / calendar.monthrange(today.year, today.month)[1]) / 12
    return 0.8 * ((today.year - 2015) + this_year)


def test_employee_sees_own_budget_and_development_first(client_as, wish):
    response = client_as(Role.EMPLOYEE).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    share = full_time_year_share_p01(date.today())
    # packaged budget.toml: 57 PLB hours and 500 euros per full-time year
    assert f'data-balance="plb">{57 * share:.2f}'.replace(".", ",") in html
    assert f"€ {500 * share:.2f}".replace(".", ",") in html
    # the learning wish brings the training budget, a development arrangement, before home working
    assert html.index('data-recommendation="opleidingsbudget"') < html.index('data-recommendation="thuiswerken"')
    assert "wondzorg" in html
    assert Entry.objects.filter(action="view_person", person_id="P01", detail__view="maatwerk").count() == 1


def test_request_creates_a_requested_plan_with_history(client_as, wish, users):
    start = date.today() + timedelta(days=14)
    response = client_as(Role.EMPLOYEE).post(URL, {"code": ["opleidingsbudget"], "start": start.isoformat(),
                                                   "note": "graag in het voorjaar"})
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.person_id, plan.state) == ("P01", "requested")
    item = plan.items.get()
    # the catalog's cost of the training budget: 40 hours, 1500 euros
    assert (item.code, item.start_date, item.hours, item.cost_eur) == ("opleidingsbudget", start, 40.0, 1500.0)
    assert [(e.action, e.from_state, e.to_state, e.username) for e in plan.events.all()] == [
        ("create", "", "draft", "medewerker"), ("submit", "draft", "requested", "medewerker")]
    assert plan.events.first().note == "graag in het voorjaar"
    assert Entry.objects.filter(action="plan", person_id="P01").count() == 1
    page = client_as(Role.EMPLOYEE).get(URL).content.decode()
    assert 'data-state="requested">aangevraagd' in page


@pytest.mark.parametrize("data, message", [
    ({"start": "2099-01-01"}, "Kies minstens één regeling."),
    ({"code": ["sabbatical"], "start": "2099-01-01"}, "alleen regelingen aanvragen die op deze pagina"),
    ({"code": ["opleidingsbudget"], "start": "morgen"}, "JJJJ-MM-DD"),
    ({"code": ["opleidingsbudget"], "start": "2000-01-01"}, "niet in het verleden"),
])
def test_bad_request_says_why_and_writes_nothing(client_as, wish, data, message):
    response = client_as(Role.EMPLOYEE).post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Plan.objects.count() == 0


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH, Role.HR_ADMIN,
                                  "nobody"])
def test_roles_without_own_record_are_refused(client_as, org, role):
    response = client_as(role).get(URL)
    assert response.status_code == 403
    assert "eigen personeelsdossier" in response.content.decode()


def test_anonymous_goes_to_login(client, org):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_manager_sees_own_page_for_own_record(client_as, org):
    assert client_as(Role.MANAGER).get(URL).status_code == 200
