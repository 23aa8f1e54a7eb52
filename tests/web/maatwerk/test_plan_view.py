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
    assert items.count("<tr><td>") == 1 and "<td>Opleidingsbudget</td>" in items and ">1.500<" in items


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
    (Role.EMPLOYEE, "Niemand kan over het eigen plan beslissen."),
    (Role.HR_ADMIN, "Alleen de leidinggevende van de medewerker kan over een aanvraag beslissen."),
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
    assert "Niemand kan over het eigen plan beslissen." in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == "requested"


def test_rejection_needs_a_reason(client_as, org, make_plan):
    plan = make_plan("P01")
    client = client_as(Role.MANAGER)
    response = act(client, plan, "reject", "  ")
    html = response.content.decode()
    assert response.status_code == 400  # a field error on the plan page itself, not a 403 page
    assert ('<p class="error" id="note-error">Schrijf op waarom u dit plan afwijst; de medewerker leest dit.</p>'
            in html) and 'aria-invalid="true"' in html and 'value="approve"' in html
    plan.refresh_from_db()
    assert plan.state == "requested" and plan.events.count() == 2
    assert act(client, plan, "reject", "geen budget dit jaar").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "rejected"


def test_unknown_action_is_refused(client_as, org, make_plan):
    plan = make_plan("P01")
    response = act(client_as(Role.MANAGER), plan, "delete")
    assert response.status_code == 400 and "Kies een van de knoppen hieronder." in response.content.decode()


def test_hr_registers_into_the_exchange_table(client_as, org, make_plan):
    plan = make_plan("P01", state="approved")
    item = plan.items.get()
    before = [y.training_spent_eur for y in selectors.maatwerk_of(person_id="P01", on=date(item.start_date.year, 12, 31)).budget]
    assert act(client_as(Role.MANAGER), plan, "register").status_code == 403  # a manager does not register
    assert act(client_as(Role.HR_ADMIN), plan, "register").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "registered"
    row = Arrangement.objects.get()
    assert (row.person_id, row.code, row.start_date, row.hours, row.cost_eur) == (
        "P01", "opleidingsbudget", item.start_date, 40.0, 1500.0)
    frame = load_workforce().arrangements
    assert frame.filter(frame["person_id"] == "P01")["code"].to_list() == ["opleidingsbudget"]
    # the opleidingsbudget is paid from the training budget: 1500 more spent in its start year
    after = [y.training_spent_eur for y in selectors.maatwerk_of(person_id="P01", on=date(item.start_date.year, 12, 31)).budget]
    assert after[-1] - before[-1] == 1500.0
    assert [e.action for e in plan.events.all()] == ["create", "submit", "approve", "register"]


def test_get_on_act_is_not_allowed(client_as, org, make_plan):
    plan = make_plan("P01")
    assert client_as(Role.MANAGER).get(url(plan) + "act/").status_code == 405
    assert Plan.objects.get().state == "requested"


# --- withdraw, reject and reopen, per role -------------------------------------------------------

def history(plan) -> list[tuple[str, str, str, str]]:
    return [(e.action, e.to_state, e.username, e.note) for e in plan.events.all()]


@pytest.mark.parametrize("state", ["requested", "approved"])
def test_employee_withdraws_own_plan(client_as, org, make_plan, state):
    plan = make_plan("P01", state=state)
    response = act(client_as(Role.EMPLOYEE), plan, "withdraw", "toch niet nodig")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == "withdrawn"
    assert history(plan)[-1] == ("withdraw", "withdrawn", "medewerker", "toch niet nodig")
    assert Entry.objects.filter(action="plan", person_id="P01", detail__action="withdraw").count() == 1
    html = client_as(Role.EMPLOYEE).get(url(plan)).content.decode()
    assert '<tr data-action="withdraw">' in html and "ingetrokken" in html and "toch niet nodig" in html
    assert 'value="reopen"' in html and 'value="withdraw"' not in html


@pytest.mark.parametrize("role", [Role.MANAGER, Role.HR_ADMIN])
def test_only_the_employee_withdraws(client_as, org, make_plan, role):
    plan = make_plan("P01")
    response = act(client_as(role), plan, "withdraw")
    assert response.status_code == 403
    assert "Alleen de medewerker zelf kan dit met het eigen plan." in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == "requested" and plan.events.count() == 2


def test_a_registered_plan_cannot_be_withdrawn(client_as, org, make_plan):
    plan = make_plan("P01", state="registered")
    response = act(client_as(Role.EMPLOYEE), plan, "withdraw")
    assert response.status_code == 403 and "Een plan dat geregistreerd is kan dat niet." in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == "registered" and plan.events.count() == 4


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH, "nobody"])
@pytest.mark.parametrize("action", ["withdraw", "reject", "reopen", "approve", "register"])
def test_roles_without_a_part_in_the_plan_do_not_even_see_it(client_as, org, make_plan, role, action):
    plan = make_plan("P01")
    assert act(client_as(role), plan, action, "reden").status_code == 404
    plan.refresh_from_db()
    assert plan.state == "requested" and plan.events.count() == 2


def test_manager_rejects_with_a_reason_the_employee_reads_it(client_as, org, make_plan):
    plan = make_plan("P01")
    assert act(client_as(Role.MANAGER), plan, "reject", "Eerst de basisopleiding afronden").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "rejected"
    assert history(plan)[-1] == ("reject", "rejected", "manager", "Eerst de basisopleiding afronden")
    html = client_as(Role.EMPLOYEE).get(url(plan)).content.decode()
    row = html[html.index('<tr data-action="reject">'):]
    row = row[:row.index("</tr>")]
    assert "afgewezen" in row and "manager (Leidinggevende)" in row and "Eerst de basisopleiding afronden" in row


def test_an_approved_plan_is_rejected_by_hr_not_by_the_manager(client_as, org, make_plan):
    plan = make_plan("P01", state="approved")
    response = act(client_as(Role.MANAGER), plan, "reject", "te duur")
    assert response.status_code == 403
    assert "Alleen HR kan een goedgekeurd plan registreren of afwijzen." in response.content.decode()
    assert act(client_as(Role.HR_ADMIN), plan, "reject", "").status_code == 400  # a reason is needed
    assert act(client_as(Role.HR_ADMIN), plan, "reject", "Budget dit jaar op").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "rejected" and history(plan)[-1] == ("reject", "rejected", "hr-admin", "Budget dit jaar op")


def test_employee_reopens_a_rejected_plan_and_asks_again(client_as, org, make_plan):
    plan = make_plan("P01")
    act(client_as(Role.MANAGER), plan, "reject", "Eerst bespreken")
    for role in (Role.MANAGER, Role.HR_ADMIN):
        response = act(client_as(role), plan, "reopen")
        assert response.status_code == 403
        assert "Alleen de medewerker zelf kan dit met het eigen plan." in response.content.decode()
    employee = client_as(Role.EMPLOYEE)
    assert act(employee, plan, "reopen").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "draft"
    html = employee.get(url(plan)).content.decode()
    assert '<button type="submit" class="button" name="action" value="submit" data-kind="primary">Aanvragen</button>' in html
    assert act(employee, plan, "submit").status_code == 302
    plan.refresh_from_db()
    assert plan.state == "requested"
    assert [(a, s) for a, s, _, _ in history(plan)] == [
        ("create", "draft"), ("submit", "requested"), ("reject", "rejected"), ("reopen", "draft"),
        ("submit", "requested")]
    html = employee.get(url(plan)).content.decode()
    assert html.count("<tr data-action=") == 5 and "heropend" in html
    assert act(client_as(Role.MANAGER), plan, "approve").status_code == 302  # the manager decides again


def test_reopen_only_from_rejected_or_withdrawn(client_as, org, make_plan):
    plan = make_plan("P01")
    response = act(client_as(Role.EMPLOYEE), plan, "reopen")
    assert response.status_code == 403 and "Een plan dat aangevraagd is kan dat niet." in response.content.decode()


def test_refusals_in_english(client_as, org, make_plan):
    plan = make_plan("P01")
    client = client_as(Role.MANAGER)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = act(client, plan, "withdraw")
    assert response.status_code == 403 and "Only the employee can do this with their own plan." in response.content.decode()


def test_approve_is_primary_and_reject_is_danger(client_as, org, make_plan):
    html = client_as(Role.MANAGER).get(url(make_plan("P01"))).content.decode()
    assert 'class="button" name="action" value="approve" data-kind="primary">Goedkeuren<' in html
    assert 'class="button danger" name="action" value="reject" data-kind="danger">Afwijzen<' in html


def test_a_refusal_is_a_sentence_on_the_plan_page(client_as, org, make_plan):
    response = act(client_as(Role.HR_ADMIN), make_plan("P01"), "approve")
    html = response.content.decode()
    assert response.status_code == 403 and "data-refusal" in html and "<h1>Plan " in html
    assert "<p>Alleen de leidinggevende van de medewerker kan over een aanvraag beslissen.</p>" in html


def test_each_step_is_confirmed(client_as, org, make_plan):
    manager = client_as(Role.MANAGER)
    plan = make_plan("P01")
    response = manager.post(url(plan) + "act/", {"action": "approve"}, follow=True)
    assert f"U hebt plan {plan.pk} goedgekeurd. HR registreert het nu." in response.content.decode()
    response = client_as(Role.HR_ADMIN).post(url(plan) + "act/", {"action": "register"}, follow=True)
    assert f"Plan {plan.pk} is geregistreerd." in response.content.decode()
