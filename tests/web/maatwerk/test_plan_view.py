"""One plan: who sees it, who may approve / reject / register, and what registering writes."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.hr.models import Arrangement
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.maatwerk import selectors
from levensfase.web.maatwerk.models import Plan


def url(plan):
    return f"/maatwerk/plans/{plan.pk}/"


def act(client, plan, action, note=""):
    return client.post(url(plan) + "act/", {"action": action, "note": note})


@pytest.mark.parametrize("role, status", [
    (Role.EMPLOYEE, 200), (Role.MANAGER, 200), (Role.HR_ADMIN, 200),
    (Role.HR_ANALYST, 404), (Role.WORKS_COUNCIL, 404), (Role.OCCUPATIONAL_HEALTH, 404), ("nobody", 404),
])
def test_who_sees_a_plan(client_as, org, make_plan, role, status):
    plan = make_plan("P01")
    response = client_as(role).get(url(plan))
    assert response.status_code == status
    if status == 200:
        assert Entry.objects.filter(action="view_person", person_id="P01", detail__view="plan").exists()


def test_buttons_are_what_the_core_allows(client_as, org, make_plan):
    plan = make_plan("P01")
    manager = client_as(Role.MANAGER).get(url(plan)).content.decode()
    assert 'value="approve"' in manager and 'value="reject"' in manager and 'value="register"' not in manager
    employee = client_as(Role.EMPLOYEE).get(url(plan)).content.decode()
    assert 'value="withdraw"' in employee and 'value="approve"' not in employee
    items = employee[employee.index("<table data-items>"):]
    items = items[:items.index("</table>")]
    assert items.count("<tr><td>") == 1 and "<td>Opleidingsbudget</td>" in items and ">1500<" in items


def test_manager_approves_own_team_request(client_as, org, make_plan):
    plan = make_plan("P01")
    response = act(client_as(Role.MANAGER), plan, "approve", "akkoord")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == "approved"
    last = plan.events.last()
    assert (last.action, last.from_state, last.to_state, last.actor_role, last.actor_person_id, last.note) == (
        "approve", "requested", "approved", "manager", "P07", "akkoord")
    assert Entry.objects.filter(action="plan", person_id="P01", detail__action="approve").count() == 1


@pytest.mark.parametrize("role, message", [
    (Role.EMPLOYEE, "niemand kan over het eigen plan beslissen"),
    (Role.HR_ADMIN, "alleen de leidinggevende van de medewerker kan over een aanvraag beslissen"),
])
def test_others_cannot_approve(client_as, org, make_plan, role, message):
    plan = make_plan("P01")
    response = act(client_as(role), plan, "approve")
    assert response.status_code == 403
    assert message in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == "requested" and plan.events.count() == 2


def test_manager_cannot_see_or_approve_outside_team(client_as, org, make_plan, p03_user):
    plan = make_plan("P03", user=p03_user)  # P03 works in TB1, outside the manager's ZORG
    assert act(client_as(Role.MANAGER), plan, "approve").status_code == 404
    plan.refresh_from_db()
    assert plan.state == "requested"


def test_manager_cannot_approve_own_plan(client_as, org, make_plan, users):
    plan = make_plan("P07", user=users[Role.MANAGER])
    response = act(client_as(Role.MANAGER), plan, "approve")
    assert response.status_code == 403
    assert "niemand kan over het eigen plan beslissen" in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == "requested"


def test_rejection_needs_a_reason(client_as, org, make_plan):
    plan = make_plan("P01")
    client = client_as(Role.MANAGER)
    response = act(client, plan, "reject", "  ")
    assert response.status_code == 403
    assert "een afwijzing heeft een toelichting nodig" in response.content.decode()
    assert act(client, plan, "reject", "geen budget dit jaar").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "rejected"


def test_unknown_action_is_refused(client_as, org, make_plan):
    plan = make_plan("P01")
    response = act(client_as(Role.MANAGER), plan, "delete")
    assert response.status_code == 403 and "Onbekende handeling." in response.content.decode()


def test_hr_registers_into_the_exchange_table(client_as, org, make_plan):
    plan = make_plan("P01", state="approved")
    item = plan.items.get()
    before = [y.own_spent_eur for y in selectors.maatwerk_of(person_id="P01", on=date(item.start_date.year, 12, 31)).budget]
    assert act(client_as(Role.MANAGER), plan, "register").status_code == 403  # a manager does not register
    assert act(client_as(Role.HR_ADMIN), plan, "register").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "registered"
    row = Arrangement.objects.get()
    assert (row.person_id, row.code, row.start_date, row.hours, row.cost_eur) == (
        "P01", "opleidingsbudget", item.start_date, 40.0, 1500.0)
    frame = load_workforce().arrangements
    assert frame.filter(frame["person_id"] == "P01")["code"].to_list() == ["opleidingsbudget"]
    # the training budget is paid from the euro budget: 1500 more spent in its start year
    after = [y.own_spent_eur for y in selectors.maatwerk_of(person_id="P01", on=date(item.start_date.year, 12, 31)).budget]
    assert after[-1] - before[-1] == 1500.0
    assert [e.action for e in plan.events.all()] == ["create", "submit", "approve", "register"]


def test_get_on_act_is_not_allowed(client_as, org, make_plan):
    plan = make_plan("P01")
    assert client_as(Role.MANAGER).get(url(plan) + "act/").status_code == 405
    assert Plan.objects.get().state == "requested"
