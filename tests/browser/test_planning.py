"""Planning pages in a real browser: the HR analyst plans an investment and compares scenarios."""

from __future__ import annotations

import re

from .conftest import SCREENSHOTS


def test_analyst_plans_an_investment(page, site, login, menu, shot, settings):
    settings.LEVENSFASE_K = 1  # the hand-made organisation's groups are all smaller than 5
    login(page, site, "hr-analist")
    menu(page, "Planning")
    page.get_by_label("Minimumaandeel ontwikkeling (% van het budget)").fill("0")
    page.get_by_label("Minimumaandeel per categorie (% van het budget)").fill("0")
    page.get_by_label("Budget per jaar (€)").fill("3000")
    page.get_by_role("button", name="Plan", exact=True).click()
    page.wait_for_url(re.compile(r".*budget=3000.*"))
    page.locator("#chart-allocation .main-svg").first.wait_for()
    assert "Elke € 10.000 extra" in page.locator("#constraints .takeaway").inner_text()
    assert page.locator("#allocation tbody tr").count() == 4  # three job families and the total
    # Issue 18: why each category gets what it gets, and every effect flagged gemeten or aanname.
    assert page.locator("#reasons tbody tr").count() == 3
    assert "per medewerker" in page.locator("#reasons tbody tr").first.inner_text()
    assert page.locator('[data-status="aanname"]').count() == 5
    shot(page, "planning-planner")


def test_analyst_compares_two_scenarios(page, demo_site, login, menu, shot):
    """On the demo organisation of `demo_site`: enough people for the comparison to show groups
    instead of "< 5" everywhere."""
    site = demo_site
    login(page, site, "hr-analist")
    menu(page, "Planning")
    page.get_by_role("link", name="Scenario's vergelijken").click()
    page.locator("#panel-headcount").wait_for()  # a first visit shows the baseline alone
    page.get_by_label("Doorwerken tot AOW-datum + 1 jaar").check()
    page.get_by_label("Jaren vooruit").fill("8")
    page.get_by_label("Monte-Carlo-runs").fill("300")
    page.get_by_role("button", name="Vergelijken").click()
    page.wait_for_url(re.compile(r".*scenarios=work_longer.*"))
    page.locator("#chart-headcount .main-svg").first.wait_for()
    page.locator("#chart-retirements .main-svg").first.wait_for()
    headers = page.locator("#headcount thead th").all_inner_texts()
    assert headers == ["Jaar", "Basis: trend zet door", "Doorwerken tot AOW-datum + 1 jaar"]
    assert page.locator("#headcount tbody tr").count() == 9  # this year and eight ahead
    assert page.locator("[data-scenarios] section").count() == 2
    assert "Doorwerken tot AOW-datum + 1 jaar" in page.locator("#chart-headcount").inner_text()
    retirements = page.locator("#retirements tbody tr").first.locator("td").all_inner_texts()
    assert len(retirements) == 2 and all(cell.strip() for cell in retirements)
    shot(page, "planning-compare")
    page.locator("#retirements").screenshot(path=str(SCREENSHOTS / "planning-compare-retirements.png"))
