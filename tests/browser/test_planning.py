"""Planning pages in a real browser: the HR analyst plans an investment and compares scenarios."""

from __future__ import annotations

import re


def test_analyst_plans_an_investment(page, site, login, shot, settings):
    settings.LEVENSFASE_K = 1  # the hand-made organisation's groups are all smaller than 5
    login(page, site, "hr-analist")
    page.get_by_role("link", name="Planning").click()
    page.get_by_label("Minimumaandeel ontwikkeling (% van het budget)").fill("0")
    page.get_by_label("Minimumaandeel per categorie (% van het budget)").fill("0")
    page.get_by_label("Budget per jaar (€)").fill("3000")
    page.get_by_role("button", name="Plan", exact=True).click()
    page.wait_for_url(re.compile(r".*budget=3000.*"))
    page.locator("#chart-allocation .main-svg").first.wait_for()
    assert "Elke € 10.000 extra" in page.locator("#constraints .takeaway").inner_text()
    assert page.locator("#allocation tbody tr").count() == 4  # three job families and the total
    shot(page, "planning-planner")
