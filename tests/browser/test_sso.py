"""Single sign-on in a real browser (issue 20 item 6): the login page's organisation-account
button, the in-process OpenID Connect provider's sign-in page, and back logged in with the role
the groups map to; an account without a role gets the Dutch refusal page; a password of an
SSO-only role is refused. Screenshots for a human look."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from support import oidc_provider as idp

PASSWORD = "browser-test-wachtwoord"  # the site fixture's (tests/browser/conftest.py)


@pytest.fixture
def sso_site(site, settings, tmp_path):
    idp.configure(settings, base_url=site["url"], mapping_dir=tmp_path)
    idp.IDENTITIES.update({
        "Tessa Teamleider": {"sub": "t-1", "preferred_username": "teamleider@zorggroep.nl", "name": "Tessa",
                             "groups": ["lf-medewerkers", "lf-leidinggevenden"], "levensfase_units": ["ZORG"],
                             "employee_number": "P07"},
        "Gijs Gast": {"sub": "g-1", "preferred_username": "gast@zorggroep.nl", "groups": ["bezoekers"]},
    })
    return site


def through_provider(page, site, identity: str) -> None:
    page.goto(site["url"] + "/login/")
    button = page.get_by_role("link", name="Inloggen met Zorggroep-account")
    expect(button).to_be_visible()
    button.click()
    expect(page.get_by_role("heading", name="Test-IdP: aanmelden")).to_be_visible()
    page.get_by_label("Account").select_option(identity)
    page.get_by_role("button", name="Aanmelden bij test-IdP").click()


def test_manager_logs_in_with_the_organisation_account(page, sso_site, shot):
    page.goto(sso_site["url"] + "/login/")
    expect(page.get_by_role("link", name="Inloggen met Zorggroep-account")).to_be_visible()
    shot(page, "sso-login-page")
    through_provider(page, sso_site, "Tessa Teamleider")
    page.wait_for_url(sso_site["url"] + "/")
    expect(page.get_by_role("link", name="Mijn team", exact=True).first).to_be_visible()
    shot(page, "sso-home-manager")
    page.get_by_role("link", name="Mijn team", exact=True).first.click()
    page.wait_for_url(sso_site["url"] + "/people/")
    expect(page.locator("table tbody tr").first).to_be_visible()  # the team page loaded, not the home page
    ids = sorted(t.rsplit("(", 1)[1].rstrip(")") for t in page.locator("table tbody tr td:first-child a").all_inner_texts())
    assert ids == ["P01", "P02", "P05", "P07", "P09"]  # the ZORG team from the units claim, as for a local manager
    assert Entry.objects.filter(action="login_sso", username="teamleider@zorggroep.nl").count() == 1


def test_an_account_without_a_role_sees_the_refusal(page, sso_site, shot):
    through_provider(page, sso_site, "Gijs Gast")
    expect(page.get_by_role("heading", name="Inloggen geweigerd")).to_be_visible()
    expect(page.get_by_text("Uw organisatie-account heeft geen rol in levensfase.")).to_be_visible()
    shot(page, "sso-refused-no-role")
    assert Entry.objects.filter(action="sso_refused", username="gast@zorggroep.nl").count() == 1


def test_password_refused_for_an_sso_only_role(page, sso_site, settings, shot):
    settings.LEVENSFASE_SSO_ONLY_ROLES = [Role.HR_ADMIN]
    page.goto(sso_site["url"] + "/login/")
    page.get_by_label("Gebruikersnaam").fill("hr-admin")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("Log in met uw organisatie-account.")).to_be_visible()
    shot(page, "sso-password-refused")
