"""The executive verdict on the analyst's home page and the policy scan, on a demo organisation,
in a real browser: the column's questions, their answers with numbers, links to the detail."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

PASSWORD = "verdict-demo-wachtwoord"


@pytest.fixture
def demo_site(transactional_db, live_server, settings, tmp_path, monkeypatch):
    """A small demo organisation (same generator as `levensfase demo`), imported the normal way."""
    from levensfase.web.demo import setup_demo
    from levensfase.web.hr.selectors import forget_workforce

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("LEVENSFASE_HOME", str(tmp_path))
    settings.HOME = tmp_path
    forget_workforce()
    setup_demo(employees=800, seed=1, password=PASSWORD)
    return {"url": live_server.url}


def _login(page, site, username):
    page.goto(site["url"] + "/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(site["url"] + "/")


def test_verdict_on_the_analyst_home_page_and_the_policy_scan(page, demo_site, shot):
    _login(page, demo_site, "hr-analist")
    verdict = page.locator("[data-verdict]")
    expect(verdict.get_by_role("heading", name="Oordeel in het kort")).to_be_visible()
    questions = verdict.locator("dt").all_inner_texts()
    assert questions[0] == "Investeren we in de duurzame inzetbaarheid van álle categorieën?" and len(questions) == 5
    aware = verdict.locator("dd[data-key='life_phase_aware']").inner_text()
    assert aware.startswith("Eerder leeftijdsgebonden dan levensfasebewust. Bij 55-69 jaar heeft ")
    assert "van de medewerkers een ontwikkelregeling" in aware  # shares of people, not of records
    untapped = verdict.locator("dd[data-key='untapped_potential']").inner_text()
    assert "ontwikkelgeld per medewerker" in untapped and "€ " in untapped
    shot(page, "verdict-home-hr-analist")
    verdict.locator("dd[data-key='all_categories'] a").click()
    page.wait_for_url(demo_site["url"] + "/maatwerk/policy-scan/")
    assert page.locator("[data-verdict] dd[data-key='life_phase_aware']").inner_text() == aware
    shot(page, "verdict-policy-scan")
