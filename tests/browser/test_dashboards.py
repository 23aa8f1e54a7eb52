"""The dashboards in a real browser: every page draws its Plotly charts from the local script, a
manager's numbers cover the team only, and screenshots are saved for a human look."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from levensfase.web.accounts.models import Role
from levensfase.web.dashboards.selectors import decide_years
from levensfase.web.ui.scope import dashboard_scope
from levensfase.web.ui import cache

PAGES = (("composition", "/dashboards/"), ("flows", "/dashboards/flows/"), ("retention", "/dashboards/retention/"),
         ("categories", "/dashboards/categories/"))


@pytest.fixture
def small_k(settings, site):
    """The hand-made organisation has 10 people; k = 1 lets every chart draw (suppression itself
    is tested in tests/web/dashboards). The year audits are decided again for k = 1 before the
    first page, as the site fixture does for the product's k."""
    settings.LEVENSFASE_K = 1
    cache.clear()
    decide_years(today=site["org"].today)
    # the manager's team chain starts where the organisation's does (2013): decided too
    decide_years(today=site["org"].today, unit_ids=dashboard_scope(user=site["users"][Role.MANAGER]).unit_ids)
    yield
    cache.clear()


@pytest.mark.parametrize("username", ["hr-analist", "manager"])
def test_each_dashboard_renders_its_charts(page, site, login, menu, shot, small_k, username):
    login(page, site, username)
    menu(page, "Dashboards")
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(site["url"]) else None)
    for name, path in PAGES:
        page.goto(site["url"] + path + "?from=2022")
        page.wait_for_selector(".js-plotly-plot .main-svg")
        charts = page.locator(".chart")
        assert charts.count() >= 1
        for i in range(charts.count()):  # every chart on the page was drawn
            assert charts.nth(i).locator(".main-svg").count() >= 1, f"{name} chart {i}"
        assert page.locator("table caption").count() == charts.count() or name == "composition"
        shot(page, f"dashboard-{name}-{username}")
    assert external == []  # plotly came from the local server, nothing from the internet


def test_manager_headcount_is_the_team_not_the_organisation(page, site, login, small_k):
    login(page, site, "hr-analist")
    page.goto(site["url"] + "/dashboards/")
    organisation = page.locator("[data-figure='headcount']").inner_text().strip()
    page.context.clear_cookies()
    login(page, site, "manager")
    page.goto(site["url"] + "/dashboards/")
    team = page.locator("[data-figure='headcount']").inner_text().strip()
    home_team = None
    page.goto(site["url"] + "/")
    home_team = page.locator("[data-figure='team-size']").inner_text().strip()
    assert organisation == "7" and team == "5" and team == home_team
    page.goto(site["url"] + "/dashboards/flows/")
    options = page.locator("#f-unit option").all_inner_texts()
    assert [o.strip() for o in options] == ["Mijn hele team", "Zorg", "Team Noord", "Team Zuid"]


def test_filters_work_by_keyboard_and_bad_input_gets_a_message(page, site, login, shot, small_k):
    login(page, site, "hr-analist")
    page.goto(site["url"] + "/dashboards/categories/")
    page.locator("#f-by").focus()
    page.keyboard.press("End")  # the last category: sex
    page.keyboard.press("Tab")  # to the "Tonen" button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "by=sex" in page.url
    expect(page.get_by_role("heading", name="Welke categorieën verliezen we of stromen niet door?")).to_be_visible()
    response = page.goto(site["url"] + "/dashboards/?unit=NOPE&from=abc")
    assert response.status == 400
    expect(page.get_by_role("alert")).to_be_visible()
    shot(page, "dashboard-bad-filter")


def test_employee_gets_the_no_access_page(page, site, login):
    login(page, site, "medewerker")
    assert page.goto(site["url"] + "/dashboards/").status == 403
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()


def test_every_dashboard_page_shows_its_data_coverage(page, site, login, shot, small_k):
    """The coverage line (analytics.findings.coverage) is on each page, above the panels."""
    login(page, site, "hr-analist")
    for name, path in PAGES:
        page.goto(site["url"] + path + "?from=2022")
        block = page.locator("[data-coverage]")
        expect(block).to_be_visible()
        expect(block.get_by_role("heading", name="Gegevensdekking")).to_be_visible()
        assert block.locator("li").first.inner_text().startswith("Gegevensbasis: ")
    page.goto(site["url"] + "/maatwerk/policy-scan/")
    expect(page.locator("[data-coverage]")).to_contain_text("geen loopbaangesprekken geregistreerd")
    shot(page, "policy-scan-coverage")
