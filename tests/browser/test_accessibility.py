"""WCAG 2.1 AA in the browser (issue 22 item 7): axe-core on every page type each role reaches,
and the main forms used with the keyboard alone.

axe-core is vendored as one built file (tests/browser/axe/, MPL-2.0, see its README) and injected as
a Playwright init script, so the pages fetch nothing and the app's CSP is not loosened for a test.
Each role signs in, and its pages are found the way a user finds them: the home page, the links
of the navigation, and the links on those pages (one level), one URL per page type (person ids and
numbers in the path count as one type; downloads, logout and the language switch are left out).
A serious or critical violation of a WCAG 2.0/2.1 A or AA rule fails the test, naming the page, the
rule and the first elements.

Runs once, on SQLite: the pages are the same on PostgreSQL and the check takes a minute per role.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from levensfase.web.accounts.models import Role

from .conftest import PASSWORD

AXE = Path(__file__).parent / "axe" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
USERNAMES = {Role.HR_ADMIN: "hr-admin", Role.HR_ANALYST: "hr-analist", Role.MANAGER: "manager",
             Role.EMPLOYEE: "medewerker", Role.OCCUPATIONAL_HEALTH: "bedrijfsarts", Role.WORKS_COUNCIL: "or",
             Role.PRIVACY_OFFICER: "fg"}
# /api/v1/docs/ is Swagger UI, a third-party tool for developers linked from the API-token page, not a
# page of anyone's working day: its own markup has known contrast and nested-control findings.
SKIP = re.compile(r"(logout|/i18n/|download|\.json$|\.csv$|/report/|plotly-|/static/|/admin/|/act/|/reset/|/delete/"
                  r"|/api/v1/docs/)")
SKIP_QUERY = re.compile(r"(^|&)(format|csv)=")


def page_type(url: str) -> str:
    """"/people/P01/" and "/people/P07/" are one page type; so are "/maatwerk/plans/3/" and ".../4/"."""
    parts = urlsplit(url)
    path = re.sub(r"/(P\d+|\d+)/", "/<id>/", parts.path)
    return path + ("?" + "&".join(sorted(k.split("=")[0] for k in parts.query.split("&"))) if parts.query else "")


def links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        href = href.split("#")[0]
        query = urlsplit(href).query
        if href.startswith(base) and not SKIP.search(href) and not SKIP_QUERY.search(query):
            found.append(href)
    return found


def violations(page) -> list[str]:
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in BLOCKING]


def reachable_pages(page, base: str) -> dict[str, str]:
    """page type -> one URL: home, its links, and the links on those pages."""
    pages = {page_type(base + "/"): base + "/"}
    frontier = links(page, base)
    for depth in range(2):
        following = []
        for url in frontier:
            kind = page_type(url)
            if kind in pages:
                continue
            pages[kind] = url
            if depth == 0:
                page.goto(url)
                following += links(page, base)
        frontier = following
    return pages


@pytest.mark.parametrize("role", list(USERNAMES))
def test_every_page_a_role_reaches_passes_axe(browser, site, login, role):
    context = browser.new_context(viewport={"width": 1366, "height": 800}, locale="nl-NL")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, site, USERNAMES[role])
    base = site["url"]
    pages = reachable_pages(page, base)
    assert len(pages) >= 2, f"{role} reaches too few pages: {sorted(pages)}"  # the privacy officer: home, audit log
    failures = {}
    for kind, url in sorted(pages.items()):
        response = page.goto(url)
        if response is None or response.status >= 400 or "html" not in response.headers.get("content-type", ""):
            continue
        found = violations(page)
        if found:
            failures[kind] = found
    context.close()
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())


def test_axe_finds_what_it_should(browser, site):
    """The check can fail: a page with an unlabelled input and an image without alt text."""
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(site["url"] + "/login/")
    page.evaluate("""() => { document.querySelector('main').insertAdjacentHTML('beforeend',
        '<input type="text" name="bad"><img src="x.png">'); }""")
    found = violations(page)
    context.close()
    assert any(v.startswith("label ") for v in found) and any(v.startswith("image-alt ") for v in found)


# --- keyboard only -------------------------------------------------------------------------------

def _tab_to(page, accessible_name_pattern: str, *, limit: int = 60) -> None:
    """Press Tab until the focused element's label/text matches; fail if it never does."""
    pattern = re.compile(accessible_name_pattern, re.I)
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate("""() => { const e = document.activeElement;
            if (!e || e === document.body) return '';
            const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
            return [label, e.getAttribute('aria-label') || '', e.innerText || '', e.value || ''].join(' '); }""")
        if pattern.search(name):
            return
    pytest.fail(f"Tab never reached {accessible_name_pattern!r}")


def _focused_in(page, selector: str, index: int) -> bool:
    return page.evaluate("""([sel, i]) => { const box = document.querySelectorAll(sel)[i];
        return !!box && box.contains(document.activeElement); }""", [selector, index])


def _tab_into(page, selector: str, index: int, *, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused_in(page, selector, index):
            return
    pytest.fail(f"Tab never reached {selector} #{index}")


def _keyboard_login(page, site, username: str) -> None:
    page.goto(site["url"] + "/login/")
    _tab_to(page, "Gebruikersnaam")
    page.keyboard.type(username)
    _tab_to(page, "Wachtwoord")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(site["url"] + "/")


def test_login_by_keyboard_alone(page, site):
    _keyboard_login(page, site, "medewerker")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_wai_form_by_keyboard_alone(page, site):
    """Consent, then all ten WAI questions by Tab, Space and digits, then Enter on the button."""
    _keyboard_login(page, site, "medewerker")
    page.goto(site["url"] + "/surveys/consent/")
    _tab_to(page, "Ik ga akkoord")
    with page.expect_navigation():  # the consent is stored before the form is opened
        page.keyboard.press("Enter")
    page.goto(site["url"] + "/surveys/wai/")
    questions = page.locator("fieldset.question")
    expect(questions.first).to_be_visible()
    for i in range(questions.count()):
        _tab_into(page, "fieldset.question", i)
        kind = page.evaluate("() => document.activeElement.type")
        if kind in ("radio", "checkbox"):
            page.keyboard.press("Space")
        else:
            page.keyboard.type("3")
    _tab_to(page, "Mijn antwoorden versturen")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/surveys/mine/$"))
    expect(page.locator("[data-own-score]")).to_be_visible()


def test_plan_request_by_keyboard_alone(page, site):
    """The employee ticks the first recommendation with Space and sends the request with Enter."""
    _keyboard_login(page, site, "medewerker")
    page.goto(site["url"] + "/maatwerk/")
    expect(page.locator("[data-recommendation]").first).to_be_visible()
    _tab_into(page, "[data-recommendation]", 0)
    assert page.evaluate("() => document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    _tab_to(page, "^\\s*Aanvragen\\s*$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/maatwerk/$"))
    expect(page.locator('[data-plans] [data-state="requested"]').first).to_have_text("aangevraagd")


def test_scan_pages_with_data_pass_axe(browser, site, login):
    """The social-innovation scan's pages with something on them (issue 19): heat map and profile
    charts, a programme with its effects, the forms, and the questionnaire of an open round."""
    from datetime import date, timedelta

    from levensfase.web.scan import services
    from levensfase.web.scan.models import Programme
    from support.scan_fixture import GROUPS, ROUND_1, ROUND_2, response_frame

    services.load_responses(frame=response_frame(GROUPS))
    programme = Programme.objects.create(name="Teams aan zet", start_date=ROUND_1, units=["TA1"],
                                         baseline=ROUND_1, follow_up=ROUND_2, targets={"co_creatie": 3.5})
    scan_round = services.open_round(user=None, name="Vervolg", unit_ids=["ZORG"], on=date.today(),
                                     closes_on=date.today() + timedelta(days=7))
    urls = {"hr-admin": ["/scan/", "/scan/units/TA1/", f"/scan/programmes/{programme.pk}/", "/scan/programmes/new/",
                         f"/scan/programmes/{programme.pk}/edit/", "/scan/rounds/"],
            "medewerker": ["/scan/mine/", f"/scan/rounds/{scan_round.pk}/answer/"]}
    failures = {}
    for username, paths in urls.items():
        context = browser.new_context(viewport={"width": 1366, "height": 800}, locale="nl-NL")
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        page.set_default_timeout(20_000)
        login(page, site, username)
        for path in paths:
            page.goto(site["url"] + path)
            expect(page.locator("h1")).to_be_visible()
            if page.locator("[data-figure]").count():
                expect(page.locator(".chart .main-svg").first).to_be_visible()  # axe sees the drawn charts
            found = violations(page)
            if found:
                failures[path] = found
        context.close()
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())
