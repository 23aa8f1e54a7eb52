"""The executive verdict on the analyst's home page and the policy scan, on a demo organisation,
in a real browser: the column's questions, their answers with numbers, links to the detail."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import _login

PASSWORD = "verdict-demo-wachtwoord"


@pytest.fixture
def demo_site(transactional_db, live_server, settings, tmp_path, monkeypatch):
    """A small demo organisation (same generator as `levensfase demo`), imported the normal way, its
    year audits decided as `levensfase demo` and the import's warm-up do before the first page: the
    verdict's outflow rows follow the downloaded document's decision, which reads them."""
    from levensfase.web.dashboards.selectors import decide_years
    from levensfase.web.demo import setup_demo
    from levensfase.web.hr.selectors import forget_workforce

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("LEVENSFASE_HOME", str(tmp_path))
    settings.HOME = tmp_path
    forget_workforce()
    setup_demo(employees=500, seed=1, password=PASSWORD)
    decide_years()
    return {"url": live_server.url}


def test_verdict_on_the_analyst_home_page_and_the_policy_scan(page, demo_site, shot):
    _login(page, demo_site, "hr-analist", password=PASSWORD)
    verdict = page.locator("[data-verdict]")
    expect(verdict.get_by_role("heading", name="Oordeel in het kort")).to_be_visible()
    questions = verdict.locator("dt").all_inner_texts()
    assert questions[0] == "Investeren we in de duurzame inzetbaarheid van álle categorieën?" and len(questions) == 5
    aware = verdict.locator("dd[data-key='life_phase_aware']").inner_text()
    # the oldest band with enough people: 55-64 on 500 generated people (55-69 on 800)
    assert re.match(r"Eerder leeftijdsgebonden dan levensfasebewust\. Bij 55-\d\d jaar heeft ", aware), aware
    assert "van de medewerkers een ontwikkelregeling" in aware  # shares of people, not of records
    untapped = verdict.locator("dd[data-key='untapped_potential']").inner_text()
    assert "ontwikkelgeld per medewerker" in untapped and "€ " in untapped
    shot(page, "verdict-home-hr-analist")
    verdict.locator("dd[data-key='all_categories'] a").click()
    page.wait_for_url(demo_site["url"] + "/maatwerk/policy-scan/")
    assert page.locator("[data-verdict] dd[data-key='life_phase_aware']").inner_text() == aware
    shot(page, "verdict-policy-scan")
