"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import org_fixture as fixture_data
from support.pattern_store import shared_pattern_store  # noqa: F401 (a session fixture)

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PASSWORD = "browser-test-wachtwoord"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; browser tests are required in CI")
        pytest.skip(f"{CHROMIUM} is missing (apt install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server, settings, tmp_path):
    """The hand-made organisation and one login per role, served by the live server. Its year
    audits are decided first, as `levensfase demo` does before it serves: chained from 2013, they
    would otherwise hold up the first dashboard a test opens (past the page timeout under load).
    The patterns stay in the session's store (keyed by the data's content); the data version is
    moved on, since a test may add rows directly (a conversation, skills) that the workforce read
    here would not have, and such writes do not move it."""
    from levensfase.web.accounts.models import Role
    from levensfase.web.dashboards.selectors import decide_years
    from levensfase.web.hr.selectors import bump_data_version
    from levensfase.web.ui import cache
    from levensfase.web.ui.scope import dashboard_scope

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.HOME = tmp_path
    org = fixture_data.build_org()
    users = fixture_data.build_users(password=PASSWORD)
    decide_years(today=org.today)
    # the manager's team chain starts where the organisation's does (2013): decided as well
    decide_years(today=org.today, unit_ids=dashboard_scope(user=users[Role.MANAGER]).unit_ids)
    bump_data_version()
    cache.clear()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return {"url": live_server.url, "org": org, "users": users}


@pytest.fixture
def demo_site(transactional_db, live_server, settings, tmp_path, monkeypatch):
    """A small demo organisation (the generator of `levensfase demo`, 500 people, ten years), imported
    the normal way, with one login per role; its year audits are decided as `levensfase demo` and
    the import's warm-up do before the first page: the home page's verdict reads them for its
    outflow rows. Every test that asks for it gets the same data, so the session's pattern store
    decides those years once."""
    from levensfase.web.dashboards.selectors import decide_years
    from levensfase.web.demo import setup_demo
    from levensfase.web.hr.selectors import forget_workforce

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("LEVENSFASE_HOME", str(tmp_path))
    settings.HOME = tmp_path
    forget_workforce()
    setup_demo(employees=500, seed=1, password=PASSWORD)
    decide_years()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return {"url": live_server.url}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def login():
    """login(page, site, username): sign in through the real form, land on the home page."""
    return _login


@pytest.fixture
def menu():
    """menu(page, name): click a link of the main navigation, opening its group first when it is in one."""
    return _menu


def _menu(page, name: str) -> None:
    nav = page.locator("nav[aria-label='Hoofdnavigatie']")
    link = nav.get_by_role("link", name=name, exact=True, include_hidden=True)
    group = nav.locator("details").filter(has=page.get_by_role("link", name=name, exact=True, include_hidden=True))
    if group.count() and not group.evaluate("details => details.open"):
        group.locator("summary").click()
    link.click()


@pytest.fixture
def shot():
    """shot(page, name): a full-page screenshot under test-output/screenshots/."""
    return lambda page, name: page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


LANDING = 90_000  # ms: HR's home page computes its verdict on first sight (unserved, it waits for it)


def _login(page, site, username: str, *, password: str = PASSWORD) -> None:
    """Sign in as `username` (signed out first) and land on the home page."""
    page.context.clear_cookies()
    page.goto(site["url"] + "/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click(timeout=LANDING)
    page.wait_for_url(site["url"] + "/", timeout=LANDING)
