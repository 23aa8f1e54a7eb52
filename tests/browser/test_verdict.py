"""The executive verdict on the analyst's home page and the policy scan, on a demo organisation,
in a real browser: the column's questions, their answers with numbers, links to the detail."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import _login


def test_verdict_on_the_analyst_home_page_and_the_policy_scan(page, demo_site, shot):
    _login(page, demo_site, "hr-analist")
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
