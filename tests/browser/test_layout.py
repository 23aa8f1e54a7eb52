"""Navigation and layout in a real browser (issue 22 item 5): per role the menu is one row at
1366 px with exactly one current item on each of its pages; its groups open by keyboard and
without script; wide tables scroll inside their own labelled frame, not the page; and the
employee's and manager's pages fit a 390 px phone without sideways scrolling."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from levensfase.model.plans import PlanItem
from levensfase.web.accounts.models import Role
from levensfase.web.maatwerk import services

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
MENU = "nav[aria-label='Hoofdnavigatie']"

# What the widest menu of a role can be: HR admin has 15 pages today (with the catalog) in 5 entries.
ROLES = ("hr-admin", "hr-analist", "manager", "medewerker", "bedrijfsarts", "or", "fg")


def _menu_urls(page) -> list[str]:
    return page.eval_on_selector_all(f"{MENU} a[href]", "els => els.map(e => e.getAttribute('href'))")


def _one_row(page) -> tuple[float, float]:
    """(height of the menu's list, height of its tallest top-level entry)."""
    return page.evaluate("""sel => {
        const list = document.querySelector(sel + ' > ul');
        const items = [...list.children].map(li => li.querySelector(':scope > a, :scope > details > summary'));
        return [list.getBoundingClientRect().height, Math.max(...items.map(i => i.getBoundingClientRect().height))];
    }""", MENU)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("username", ROLES)
def test_menu_is_one_row_with_one_current_item_on_each_page(browser, site, login, shot, username):
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, site, username)
    shot(page, f"menu-{username}-1366")
    urls = _menu_urls(page)
    assert urls[0] == "/"
    for url in urls:
        page.goto(site["url"] + url)
        expect(page.locator(MENU)).to_be_visible()
        height, item = _one_row(page)
        assert height <= item + 1, f"{username} {url}: the menu wraps ({height} px for items of {item} px)"
        current = page.locator(f"{MENU} [aria-current='page']")
        expect(current).to_have_count(1)
        assert current.get_attribute("href") == url, f"{username} {url}: another item is current"
    context.close()


def test_hr_admin_menu_groups_and_the_catalog(page, site, login, shot):
    page.set_viewport_size(LAPTOP)
    login(page, site, "hr-admin")
    groups = page.locator(f"{MENU} summary")
    expect(groups).to_have_text(["Personeel", "Analyse", "Beleid", "Beheer"])
    catalog = page.locator(MENU).get_by_role("link", name="Regelingencatalogus")
    expect(catalog).to_be_hidden()
    # keyboard alone: Tab to the group, Enter opens it, Escape closes it again
    page.locator(f"{MENU} summary", has_text="Beleid").focus()
    page.keyboard.press("Enter")
    expect(catalog).to_be_visible()
    shot(page, "menu-hr-admin-open-1366")
    page.keyboard.press("Escape")
    expect(catalog).to_be_hidden()
    expect(page.locator(f"{MENU} summary", has_text="Beleid")).to_be_focused()
    # one group open at a time
    page.locator(f"{MENU} summary", has_text="Beleid").click()
    page.locator(f"{MENU} summary", has_text="Beheer").click()
    expect(catalog).to_be_hidden()
    expect(page.locator(MENU).get_by_role("link", name="Auditlog")).to_be_visible()
    page.locator(f"{MENU} summary", has_text="Beleid").click()
    catalog.click()
    expect(page.get_by_role("heading", name="Regelingencatalogus", level=1)).to_be_visible()
    expect(page.locator(f"{MENU} summary.current")).to_have_text("Beleid")
    expect(page.locator(f"{MENU} [aria-current='page']")).to_have_text("Regelingencatalogus")


def test_every_menu_link_is_reachable_without_script(browser, site, login):
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    login(page, site, "hr-admin")
    page.locator(f"{MENU} summary", has_text="Analyse").click()
    page.locator(MENU).get_by_role("link", name="Planning").click()
    expect(page).to_have_url(re.compile(r"/planning/$"))
    expect(page.locator(f"{MENU} [aria-current='page']")).to_have_text("Planning")
    context.close()


def test_manager_team_page_has_one_current_item(page, site, login):
    page.set_viewport_size(LAPTOP)
    login(page, site, "manager")
    page.goto(site["url"] + "/maatwerk/team/")
    current = page.locator(f"{MENU} [aria-current='page']")
    expect(current).to_have_count(1)
    expect(current).to_have_text("Loopbaangesprekken")


def _plan(site) -> int:
    users = site["users"]
    item = PlanItem(code="opleidingsbudget", start_date=date.today() + timedelta(days=14), hours=40.0, cost_eur=900.0)
    return services.request_plan(user=users[Role.EMPLOYEE], person_id="P01", items=[item], note="Graag").pk


PHONE_PAGES = {
    "medewerker": ("/", "/people/P01/", "/maatwerk/", "/maatwerk/catalog/", "/maatwerk/plans/{plan}/", "/surveys/",
                   "/competencies/mine/"),
    "manager": ("/", "/people/", "/people/P01/", "/maatwerk/team/", "/maatwerk/requests/", "/maatwerk/plans/{plan}/",
                "/maatwerk/conversations/P01/", "/maatwerk/"),
}


@pytest.mark.parametrize("username", sorted(PHONE_PAGES))
def test_employee_and_manager_pages_fit_a_phone(browser, site, login, shot, username):
    plan = _plan(site)
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, site, username)
    for path in PHONE_PAGES[username]:
        url = path.format(plan=plan)
        page.goto(site["url"] + url)
        expect(page.locator("main h1")).to_be_visible()
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{username} {url}: the page is {width[0]} px wide on a {width[1]} px phone"
        shot(page, f"phone-{username}-{url.strip('/').replace('/', '-') or 'home'}-390")
    if username == "manager":  # the team list keeps its actions on screen
        page.goto(site["url"] + "/maatwerk/team/")
        action = page.locator("[data-team] a").first
        expect(action).to_be_visible()
        box = action.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    context.close()


WIDE_TABLES = ("/dashboards/flows/", "/dashboards/categories/", "/surveys/dashboard/", "/maatwerk/catalog/",
               "/maatwerk/policy-scan/", "/maatwerk/werkt-het/", "/planning/")


def test_wide_tables_scroll_inside_their_own_frame(browser, site, login, shot):
    """At tablet width (1024 px) the page never scrolls sideways; a table wider than the column
    scrolls inside its frame, a region with a name that takes keyboard focus."""
    context = browser.new_context(viewport={"width": 1024, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, site, "hr-admin")
    for path in WIDE_TABLES:
        page.goto(site["url"] + path)
        expect(page.locator("main h1")).to_be_visible()
        assert _fits(page), f"{path}: the page scrolls sideways"
        frames = page.evaluate("""() => [...document.querySelectorAll('main table')].map(t => {
            const frame = t.closest('.table-wrap');
            return frame && {role: frame.getAttribute('role'), label: frame.getAttribute('aria-label') || frame.getAttribute('aria-labelledby'),
                             tabindex: frame.getAttribute('tabindex'), scrolls: frame.scrollWidth > frame.clientWidth,
                             fits: t.getBoundingClientRect().width <= frame.clientWidth + 1};
        })""")
        assert frames and all(frames), f"{path}: a table outside a frame"
        for frame in frames:
            assert frame["role"] == "region" and frame["label"] and frame["tabindex"] == "0", (path, frame)
            assert frame["fits"] or frame["scrolls"], (path, frame)
        shot(page, f"tables-{path.strip('/').replace('/', '-')}-1024")
    context.close()


@pytest.mark.parametrize("username", ("hr-admin", "manager"))
def test_menu_wraps_rather_than_widening_a_tablet_page(browser, site, login, shot, username):
    """Between phone and laptop (a tablet in portrait, 800 px) the menu may take two rows; the
    page never scrolls sideways."""
    context = browser.new_context(viewport={"width": 800, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    login(page, site, username)
    expect(page.locator(MENU)).to_be_visible()
    assert _fits(page)
    shot(page, f"menu-{username}-800")
    context.close()
