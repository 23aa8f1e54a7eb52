"""Each role in a real browser: what the navigation offers, which people and health sections
are visible, the language switch, and screenshots for a human look at the design."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

NAV = ("Start", "Personen", "Mijn team", "Mijn dossier", "Importeren", "Auditlog")


def _nav(page) -> list[str]:
    """Every link of the main navigation in reading order, those inside closed groups too."""
    return [t.strip() for t in page.locator("nav[aria-label='Hoofdnavigatie'] a").all_text_contents()]


@pytest.mark.parametrize(
    ("username", "nav"),
    [
        ("hr-admin", ["Start", "Personen", "Loopbaangesprekken", "Plannen", "Competenties", "Dashboards",
                      "Duurzame inzetbaarheid", "Planning", "Beleidsscan", "Werkt het?", "Sociale innovatie",
                      "Regelingencatalogus", "Importeren", "Uitnodigingsrondes", "Auditlog"]),
        ("hr-analist", ["Start", "Dashboards", "Duurzame inzetbaarheid", "Planning", "Competenties", "Beleidsscan",
                        "Werkt het?", "Sociale innovatie", "Uitnodigingsrondes"]),
        ("manager", ["Start", "Mijn team", "Aanvragen", "Loopbaangesprekken", "Competenties", "Dashboards",
                     "Duurzame inzetbaarheid", "Wat is er voor mij?", "Mijn vragenlijsten", "Scan"]),
        ("medewerker", ["Start", "Mijn dossier", "Wat is er voor mij?", "Competenties", "Mijn vragenlijsten", "Scan"]),
        ("bedrijfsarts", ["Start", "Personen", "Auditlog", "Opvolging"]),
        ("or", ["Start", "Dashboards", "Duurzame inzetbaarheid", "Planning", "Competenties", "Beleidsscan", "Werkt het?",
                "Sociale innovatie"]),
        ("fg", ["Start", "Auditlog"]),
    ],
)
def test_navigation_and_home_per_role(page, site, login, shot, username, nav):
    login(page, site, username)
    assert _nav(page) == nav
    shot(page, f"home-{username}")


def test_manager_sees_team_not_others_and_no_health(page, site, login, shot):
    login(page, site, "manager")
    page.get_by_role("link", name="Mijn team", exact=True).first.click()
    page.wait_for_url(site["url"] + "/people/")
    expect(page.locator("table tbody tr").first).to_be_visible()  # the click returns before the team page is drawn
    ids = sorted(t.rsplit("(", 1)[1].rstrip(")") for t in page.locator("table tbody tr td:first-child a").all_inner_texts())
    assert ids == ["P01", "P02", "P05", "P07", "P09"]
    shot(page, "people-manager")
    page.get_by_role("link", name="Sanne de Vries (P01)", exact=True).click()
    expect(page.get_by_role("heading", name="Sanne de Vries (P01)")).to_be_visible()
    assert page.locator("#health").count() == 0
    response = page.goto(site["url"] + "/people/P03/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()


def test_employee_sees_own_health_section(page, site, login, shot):
    login(page, site, "medewerker")
    page.get_by_role("link", name="Mijn dossier").first.click()
    expect(page.locator("#health")).to_be_visible()
    expect(page.get_by_role("heading", name="Verzuim")).to_be_visible()
    shot(page, "person-employee")
    assert page.goto(site["url"] + "/people/P02/").status == 404


def test_bedrijfsarts_sees_health_hr_admin_does_not(page, site, login, shot):
    login(page, site, "bedrijfsarts")
    page.goto(site["url"] + "/people/P01/")
    expect(page.locator("#health")).to_be_visible()
    page.context.clear_cookies()
    login(page, site, "hr-admin")
    page.goto(site["url"] + "/people/P01/")
    expect(page.get_by_role("heading", name="Tijdlijn van aanstellingen")).to_be_visible()
    assert page.locator("#health").count() == 0


@pytest.mark.parametrize("username", ["hr-analist", "or"])
def test_aggregate_roles_cannot_open_people(page, site, login, shot, username):
    login(page, site, username)
    assert page.goto(site["url"] + "/people/").status == 403
    assert page.goto(site["url"] + "/people/P01/").status == 404
    assert page.goto(site["url"] + "/import/").status == 403


def test_language_switch_and_keyboard_skip_link(page, site, login, shot):
    login(page, site, "hr-admin")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_text("Headcount today")).to_be_visible()
    shot(page, "home-hr-admin-en")
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Aantal medewerkers vandaag")).to_be_visible()
    # The first Tab lands on the skip link, which becomes visible.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0


def test_tablet_width_and_import_page(page, site, login, shot):
    login(page, site, "hr-admin")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(site["url"] + "/import/")
    expect(page.get_by_label("Bestand")).to_be_visible()
    expect(page.get_by_label("Mappingprofiel", exact=True)).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 768  # no horizontal scrolling on a tablet
    shot(page, "import-tablet")
