"""Names where work needs them, in a real browser (issue 16): the manager sees the team by name on
the people list, the career-conversation list and the competencies team; the analyst sees no name
and no person id on any dashboard (the visible text of each page is scanned for every display_name
and person_id of the fixture); the privacy officer reads the audit log and nothing else."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from support.org_fixture import ALL_PEOPLE, MANAGER_SEES, NAMES

DASHBOARDS = ["/dashboards/", "/dashboards/flows/", "/dashboards/retention/", "/dashboards/categories/",
              "/surveys/dashboard/", "/maatwerk/policy-scan/", "/competencies/dashboard/", "/planning/"]


def _names_in(text: str) -> set[str]:
    return {pid for pid, name in NAMES.items() if name in text}


def test_manager_sees_team_members_by_name(page, site, login, shot):
    login(page, site, "manager")
    page.goto(site["url"] + "/people/")
    assert _names_in(page.locator("main").inner_text()) == MANAGER_SEES
    shot(page, "names-manager-people")
    page.goto(site["url"] + "/maatwerk/team/")
    rows = page.locator("table tbody tr td:first-child").all_inner_texts()
    assert sorted(rows) == sorted(f"{NAMES[p]} ({p})" for p in MANAGER_SEES - {"P07"})
    shot(page, "names-manager-conversations")
    page.goto(site["url"] + "/competencies/team/")
    assert _names_in(page.locator("main").inner_text()) == MANAGER_SEES - {"P07"}
    shot(page, "names-manager-competencies")


def test_analyst_sees_no_name_or_person_id_on_any_dashboard(page, site, login, shot):
    login(page, site, "hr-analist")
    for path in DASHBOARDS:
        response = page.goto(site["url"] + path)
        assert response.status == 200, path
        text = page.locator("body").inner_text()
        assert _names_in(text) == set(), path
        assert [pid for pid in sorted(ALL_PEOPLE) if re.search(rf"\b{pid}\b", text)] == [], path
        html = page.content()
        assert _names_in(html) == set(), path  # not hidden in markup or chart data either
    shot(page, "names-analyst-planning")
    page.goto(site["url"] + "/dashboards/")
    shot(page, "names-analyst-dashboard")


def test_privacy_officer_reads_the_audit_log_and_no_record(page, site, login, shot):
    login(page, site, "bedrijfsarts")
    page.goto(site["url"] + "/people/P01/")
    page.context.clear_cookies()
    login(page, site, "fg")
    page.goto(site["url"] + "/audit/")
    expect(page.get_by_role("cell", name="inclusief gezondheidsgegevens").first).to_be_visible()
    assert _names_in(page.locator("body").inner_text()) == set()
    shot(page, "audit-privacy-officer")
    assert page.goto(site["url"] + "/people/").status == 403
    assert page.goto(site["url"] + "/people/P01/").status == 404
    assert page.goto(site["url"] + "/dashboards/").status == 403
