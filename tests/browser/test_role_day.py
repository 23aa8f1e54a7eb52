"""Each role's day in a real browser (issue 22): the manager approves a request from the home
inbox, HR admin registers it from theirs, the bedrijfsarts opens the most urgent follow-up case
and sets a status and a note, the employee requests an arrangement from the catalog and sees it
confirmed. Every step waits with `expect(...)`; screenshots at 1366 and 390 px wide."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from levensfase.model.plans import PlanItem
from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Arrangement, SurveyResponse
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.maatwerk import services
from levensfase.web.maatwerk.models import Plan
from levensfase.web.surveys.models import Consent, FollowUpCase, FollowUpNote
from tests.web.surveys.conftest import wai_items

WIDTHS = (1366, 390)


def both_widths(page, shot, name: str) -> None:
    """A full-page screenshot at desktop and phone width, then back to desktop."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"role-day-{name}-{width}")
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def _requested_plan(site, state: str = "requested") -> Plan:
    users = site["users"]
    item = PlanItem(code="opleidingsbudget", start_date=date.today() + timedelta(days=14), hours=40.0, cost_eur=900.0)
    plan = services.request_plan(user=users[Role.EMPLOYEE], person_id="P01", items=[item], note="Graag in het voorjaar")
    if state == "approved":
        plan = services.act(user=users[Role.MANAGER], plan_id=plan.pk, action="approve", note="Akkoord")
    return plan


def test_manager_approves_a_request_from_the_inbox(page, site, login, shot):
    plan = _requested_plan(site)
    login(page, site, "manager")
    inbox = page.locator("[data-inbox]")
    expect(inbox.get_by_role("heading", name=re.compile("Aanvragen om te beoordelen"))).to_be_visible()
    expect(page.locator("[data-menu-count]")).to_have_text(re.compile(r"^1"))
    both_widths(page, shot, "manager-inbox")
    inbox.get_by_role("link", name=re.compile(rf"^Plan {plan.pk} van Sanne de Vries")).click()
    expect(page.get_by_role("button", name="Goedkeuren")).to_have_attribute("data-kind", "primary")
    expect(page.get_by_role("button", name="Afwijzen")).to_have_class(re.compile(r"\bdanger\b"))
    page.get_by_role("button", name="Afwijzen").click()  # without a note: a field error on the same page
    expect(page.locator("#note-error")).to_have_text("Schrijf op waarom u dit plan afwijst; de medewerker leest dit.")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.locator(".message")).to_have_text(f"U hebt plan {plan.pk} goedgekeurd. HR registreert het nu.")
    expect(page.locator("[data-state]").first).to_have_text("goedgekeurd")
    both_widths(page, shot, "manager-approved")
    page.get_by_role("link", name="levensfase").click()
    expect(page.locator("[data-inbox]")).to_contain_text("Er wachten geen aanvragen op uw besluit.")
    plan.refresh_from_db()
    assert plan.state == "approved"


def test_hr_admin_registers_it_from_the_inbox(page, site, login, shot):
    plan = _requested_plan(site, state="approved")
    login(page, site, "hr-admin")
    inbox = page.locator("[data-inbox]")
    expect(inbox.get_by_role("heading", name=re.compile("Plannen om te registreren"))).to_be_visible()
    both_widths(page, shot, "hr-admin-inbox")
    inbox.get_by_role("link", name=re.compile(rf"^Plan {plan.pk} van Sanne de Vries")).click()
    page.get_by_role("button", name="Registreren").click()
    expect(page.locator(".message")).to_have_text(f"Plan {plan.pk} is geregistreerd.")
    expect(page.locator("[data-state]").first).to_have_text("geregistreerd")
    both_widths(page, shot, "hr-admin-registered")
    assert Arrangement.objects.filter(person_id="P01", code="opleidingsbudget").count() == 1


def test_bedrijfsarts_opens_the_most_urgent_case_sets_a_status_and_a_note(page, site, login, shot):
    last_year = date(site["org"].today.year - 1, 6, 15)
    # P05 scored 34 a year and a half ago, P02 33 five days later; both asked for follow-up, so the
    # newer score (P02) is the most urgent of two moderate cases. P01 did not ask: not on the list.
    for person_id, day, total, asked in (("P05", last_year, 34, True), ("P02", last_year + timedelta(days=5), 33, True),
                                         ("P01", last_year, 33, False)):
        SurveyResponse.objects.create(person_id=person_id, date=day, instrument="wai", answers=wai_items(total))
        Consent.objects.create(person_id=person_id, given_at=timezone.now(), follow_up=asked)
    forget_workforce()
    login(page, site, "bedrijfsarts")
    expect(page.locator("[data-inbox]")).to_contain_text("Daan van den Berg")
    both_widths(page, shot, "bedrijfsarts-inbox")
    page.get_by_role("link", name="Opvolging", exact=True).click()
    rows = page.locator("[data-cases] tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_attribute("data-case", "P02")
    both_widths(page, shot, "bedrijfsarts-cases")
    rows.first.get_by_role("link").click()
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.locator(".message")).to_have_text("De status is nu ‘in behandeling’.")
    page.get_by_label("Nieuwe notitie").fill("Gebeld; afspraak op het spreekuur volgende week.")
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.locator(".message")).to_have_text("Uw notitie is opgeslagen.")
    expect(page.locator("[data-notes]")).to_contain_text("Gebeld; afspraak op het spreekuur volgende week.")
    both_widths(page, shot, "bedrijfsarts-case")
    assert FollowUpCase.objects.get(person_id="P02").status == "in_progress"
    assert FollowUpNote.objects.get(person_id="P02").text.startswith("Gebeld")
    page.get_by_role("link", name="Terug naar de lijst").click()
    expect(page.locator("[data-cases] tbody tr").first).to_have_attribute("data-case", "P05")  # open before in hand


def test_employee_requests_from_the_catalog_and_sees_it_confirmed(page, site, login, shot):
    login(page, site, "medewerker")
    page.goto(site["url"] + "/maatwerk/catalog/")
    expect(page.get_by_role("columnheader", name="Kan ik dit aanvragen?")).to_be_visible()
    expect(page.locator('[data-code="mentoring"] [data-can="no"]')).to_contain_text("loopbaanfase")
    both_widths(page, shot, "employee-catalog")
    page.locator('[data-code="sabbatical"]').get_by_role("checkbox").check()
    page.get_by_label("Startdatum").fill((date.today() + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Aanvragen").click()
    expect(page.locator(".message")).to_contain_text("Uw aanvraag is naar uw leidinggevende gestuurd.")
    expect(page.locator('[data-plans] [data-state="requested"]')).to_have_text("aangevraagd")
    both_widths(page, shot, "employee-requested")
    plan = Plan.objects.get()
    assert (plan.state, [i.code for i in plan.items.all()]) == ("requested", ["sabbatical"])
