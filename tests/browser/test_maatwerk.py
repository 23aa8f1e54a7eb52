"""Maatwerk in a real browser: the employee requests the training budget their learning wish brings,
the manager approves it, HR admin registers it, and the employee sees the plan registered with its
history and the euros spent from the levensfasebudget. Screenshots for a human look."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from levensfase.web.hr.models import Arrangement, Conversation


def test_request_approve_register(page, site, login, menu, shot):
    org = site["org"]
    Conversation.objects.create(person=org.people["P01"], date=org.today - timedelta(days=10),
                                topic="learning_wish", value="wondzorg")
    login(page, site, "medewerker")
    page.get_by_role("link", name="Wat is er voor mij?").click()
    expect(page.get_by_role("heading", name="Mijn levensfasebudget")).to_be_visible()
    card = page.locator('[data-recommendation="opleidingsbudget"]')
    assert "wondzorg" in card.inner_text()
    shot(page, "maatwerk-employee-offer")
    page.get_by_role("button", name="Aanvragen").click()  # nothing ticked: a clear message, no plan
    assert "Kies minstens één regeling." in page.locator(".error-summary").inner_text()
    card.get_by_role("checkbox").check()
    start = (org.today + timedelta(days=14)).isoformat()
    page.get_by_label("Startdatum").fill(start)
    page.get_by_label("Toelichting voor uw leidinggevende (optioneel)").fill("Graag in het voorjaar")
    page.get_by_role("button", name="Aanvragen").click()
    page.wait_for_url(re.compile(r".*/maatwerk/$"))
    assert page.locator('[data-plans] [data-state="requested"]').inner_text() == "aangevraagd"
    shot(page, "maatwerk-employee-requested")

    page.context.clear_cookies()
    login(page, site, "manager")
    page.get_by_role("link", name="Aanvragen", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^Plan \d+$")).click()
    assert "Opleidingsbudget" in page.locator("[data-items]").inner_text()
    shot(page, "maatwerk-manager-request")
    page.get_by_label("Toelichting (verplicht bij afwijzen)").fill("Akkoord, past bij het teamplan")
    page.get_by_role("button", name="Goedkeuren").click()
    assert page.locator('[data-state]').first.inner_text() == "goedgekeurd"
    shot(page, "maatwerk-manager-approved")

    page.context.clear_cookies()
    login(page, site, "hr-admin")
    menu(page, "Plannen")
    page.get_by_role("link", name=re.compile(r"^Plan \d+$")).click()
    page.get_by_role("button", name="Registreren").click()
    assert page.locator('[data-state]').first.inner_text() == "geregistreerd"
    history = page.locator("[data-history]").inner_text()
    for word in ("aangemaakt", "aangevraagd", "goedgekeurd", "geregistreerd", "Akkoord, past bij het teamplan"):
        assert word in history
    shot(page, "maatwerk-hr-registered")
    assert Arrangement.objects.filter(person_id="P01", code="opleidingsbudget", start_date=start).count() == 1

    page.context.clear_cookies()
    login(page, site, "medewerker")
    page.get_by_role("link", name="Wat is er voor mij?").click()
    assert page.locator('[data-plans] [data-state="registered"]').inner_text() == "geregistreerd"
    shot(page, "maatwerk-employee-registered")


def test_policy_scan_and_catalog(page, site, login, menu, shot):
    login(page, site, "hr-analist")
    menu(page, "Beleidsscan")
    expect(page.locator("[data-summary]")).to_be_visible()
    assert "< 5" in page.locator('[data-by="unit"]').inner_text()
    shot(page, "maatwerk-policy-scan")
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).not_to_be_visible()
    shot(page, "maatwerk-policy-scan-print")
    page.emulate_media(media="screen")
    page.goto(site["url"] + "/maatwerk/catalog/")
    assert page.locator("[data-catalog] tbody tr").count() > 10
    shot(page, "maatwerk-catalog")


def test_hr_admin_changes_the_generatiepact_window(page, site, login, shot):
    login(page, site, "hr-admin")
    page.goto(site["url"] + "/maatwerk/catalog/")
    page.locator('[data-code="generatiepact_80_90_100"]').get_by_role("link", name=re.compile("^Aanpassen")).click()
    page.get_by_label("Minimaal aantal jaren onafgebroken in dienst").fill("10")
    page.get_by_role("button", name="Opslaan").click()  # no WGBL justification yet: refused, explained
    errors = page.locator("[data-errors]").inner_text()
    assert "Er is niets opgeslagen." in errors and "objectieve rechtvaardiging" in errors
    shot(page, "maatwerk-catalog-wgbl-refused")
    page.get_by_label("Objectieve rechtvaardiging (WGBL)").fill("Gezond en werkend de AOW halen (cao art. 13.1).")
    page.get_by_role("button", name="Opslaan").click()
    assert "eligibility.min_service_years" in page.locator("[data-changes]").inner_text()
    assert page.get_by_label("Minimaal aantal jaren onafgebroken in dienst").input_value() == "10"
    shot(page, "maatwerk-catalog-changed")
    page.get_by_role("button", name="Terugzetten naar de standaardversie").click()
    assert page.get_by_label("Minimaal aantal jaren onafgebroken in dienst").input_value() == "8"


def test_manager_team_list_leads_to_the_conversation(page, site, login, shot):
    login(page, site, "manager")
    page.get_by_role("link", name="Loopbaangesprekken").click()
    first = page.locator("[data-team] tbody tr").first
    assert first.get_attribute("data-overdue") is not None  # nobody has had a conversation yet
    shot(page, "maatwerk-manager-team")
    first.get_by_role("link", name=re.compile("^Loopbaangesprek starten")).click()
    expect(page.get_by_role("heading", name="Loopbaangesprek")).to_be_visible()
