"""The to-do inbox on the home page and its count in the menu, per role (issue 22 item 1).

Plans are made through the services (the core's state machine), WAI answers with totals set by
construction (tests/web/surveys/conftest.py), so every count below is known by hand.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from levensfase.model.plans import PlanItem
from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import SurveyResponse, Unit
from levensfase.web.maatwerk import services
from levensfase.web.surveys.models import Campaign, Consent, FollowUpCase, Invitation
from tests.web.surveys.conftest import wai_items


def _plan(users, person_id="P01", state="requested"):
    item = PlanItem(code="opleidingsbudget", start_date=date.today() + timedelta(days=7), hours=40.0, cost_eur=1500.0)
    plan = services.request_plan(user=users[Role.EMPLOYEE], person_id=person_id, items=[item])
    if state in ("approved", "registered", "rejected"):
        action = "reject" if state == "rejected" else "approve"
        plan = services.act(user=users[Role.MANAGER], plan_id=plan.pk, action=action, note="Eerst bespreken")
    if state == "registered":
        plan = services.act(user=users[Role.HR_ADMIN], plan_id=plan.pk, action="register")
    return plan


def _inbox(html: str) -> tuple[int, list[str]]:
    section = html[html.index("data-inbox "):]
    section = section[:section.index("</section>")]
    count = int(re.search(r'data-count="(\d+)"', section).group(1))
    return count, re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', section)


def _menu_count(html: str) -> str:
    found = re.search(r'data-menu-count>(\d+)<', html)
    return found.group(1) if found else ""


def test_manager_sees_requests_to_approve_and_the_count_in_the_menu(client_as, org, users):
    plan = _plan(users)
    html = client_as(Role.MANAGER).get("/").content.decode()
    count, entries = _inbox(html)
    assert count == 1 and _menu_count(html) == "1"
    assert entries == [f"Plan {plan.pk} van Sanne de Vries: Opleidingsbudget (aangevraagd op "
                       f"{date.today().day} {_month(date.today())} {date.today().year})"]
    assert f'href="/maatwerk/plans/{plan.pk}/"' in html
    services.act(user=users[Role.MANAGER], plan_id=plan.pk, action="approve")
    html = client_as(Role.MANAGER).get("/").content.decode()
    assert _inbox(html)[0] == 0 and "Er wachten geen aanvragen op uw besluit." in html and _menu_count(html) == ""


def test_hr_admin_sees_plans_to_register(client_as, org, users):
    _plan(users)  # still requested: not yet for HR
    approved = _plan(users, state="approved")
    count, entries = _inbox(client_as(Role.HR_ADMIN).get("/").content.decode())
    assert count == 1 and entries[0].startswith(f"Plan {approved.pk} van Sanne de Vries: Opleidingsbudget")


def test_employee_sees_open_questionnaires_and_answers_to_requests(client_as, org, users):
    campaign = Campaign.objects.create(name="Werkvermogen najaar", instrument="wai",
                                       closes_on=date.today() + timedelta(days=10))
    Invitation.objects.create(campaign=campaign, person_id="P01", unit=Unit.objects.get(unit_id="TA1"))
    closed = Campaign.objects.create(name="Oud", instrument="wai", closes_on=date.today() - timedelta(days=1))
    Invitation.objects.create(campaign=closed, person_id="P01", unit=Unit.objects.get(unit_id="TA1"))
    _plan(users)  # no answer yet: not in the inbox
    rejected = _plan(users, state="rejected")
    html = client_as(Role.EMPLOYEE).get("/").content.decode()
    count, entries = _inbox(html)
    day = campaign.closes_on
    assert count == 2 and _menu_count(html) == "2"
    assert entries == [f"Vul ‘Werkvermogen najaar’ in vóór {day.day} {_month(day)} {day.year}",
                       f"Plan {rejected.pk} (Opleidingsbudget) is afgewezen; lees waarom."]


def test_bedrijfsarts_sees_open_follow_ups_most_urgent_first(client_as, org):
    day = date(org.today.year - 1, 6, 15)
    for person_id, total, asked in (("P05", 34, True), ("P02", 33, True), ("P01", 33, False)):
        SurveyResponse.objects.create(person_id=person_id, date=day, instrument="wai", answers=wai_items(total))
        Consent.objects.create(person_id=person_id, given_at=timezone.now(), follow_up=asked)
    FollowUpCase.objects.create(person_id="P02", status="in_progress", updated_at=timezone.now())
    html = client_as(Role.OCCUPATIONAL_HEALTH).get("/").content.decode()
    count, entries = _inbox(html)
    assert count == 1 and _menu_count(html) == "1"  # P02 is in hand already; P01 did not ask
    assert entries == [f"Esther van 't Hof: werkvermogen matig (score 34 op 15 juni {day.year})".replace("'", "&#x27;")]


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.PRIVACY_OFFICER])
def test_roles_without_an_inbox(client_as, org, users, role):
    _plan(users, state="approved")
    html = client_as(role).get("/").content.decode()
    assert "data-inbox" not in html and _menu_count(html) == ""


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def _month(day: date) -> str:
    return MONTHS[day.month - 1]
