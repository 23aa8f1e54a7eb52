"""Single sign-on end to end against the in-process OpenID Connect provider (issue 20 item 6):
the redirect carries PKCE, state and nonce; the callback logs in with the mapped role and keeps
the session rules; a bad state, an unmapped account or a taken username is refused with a Dutch
page and audited; local passwords are refused for SSO-only roles and users."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.accounts.sso_accounts import set_sso_only
from levensfase.web.audit.models import Entry
from support import oidc_provider as idp
from support.org_fixture import build_org, make_user

PASSWORD = "juist-en-lang-genoeg"


@pytest.fixture
def sso(live_server, settings, tmp_path, transactional_db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_org()
    idp.configure(settings, base_url=live_server.url, mapping_dir=tmp_path)
    idp.IDENTITIES.update({
        "arts": {"sub": "a-1", "preferred_username": "arts@zorggroep.nl", "groups": ["lf-bedrijfsarts"]},
        "teamleider": {"sub": "t-1", "preferred_username": "teamleider@zorggroep.nl",
                       "groups": ["lf-medewerkers", "lf-leidinggevenden"], "levensfase_units": ["TA1"],
                       "employee_number": "P07"},
        "gast": {"sub": "g-1", "preferred_username": "gast@zorggroep.nl", "groups": ["bezoekers"]},
        "fg": {"sub": "f-1", "preferred_username": "fg", "groups": ["lf-fg"]},
    })
    return settings


def sign_in(client, identity: str, *, next_url: str = ""):
    """Through the provider as `identity`: the login redirect, the provider's page, the callback."""
    start = client.get("/login/sso/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    authorize = urlsplit(start["Location"])
    query = parse_qs(authorize.query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["state"][0] and query["nonce"][0] and query["scope"] == ["openid profile email"]
    back = client.post(f"{authorize.path}?{authorize.query}", {"identity": identity})
    assert back.status_code == 302, back.content
    callback = urlsplit(back["Location"])
    assert callback.path == "/login/sso/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def trail() -> list[tuple[str, str, str]]:
    return [(e.action, e.username, e.detail.get("reason", e.detail.get("role", ""))) for e in Entry.objects.order_by("id")]


def test_login_page_offers_the_organisation_account(client, sso):
    page = client.get("/login/").content.decode()
    assert "Inloggen met Zorggroep-account" in page and 'href="/login/sso/"' in page


def test_no_button_and_no_page_without_configuration(client, settings, transactional_db):
    settings.LEVENSFASE_OIDC_DISCOVERY_URL = ""
    assert "/login/sso/" not in client.get("/login/").content.decode()
    assert client.get("/login/sso/").status_code == 404


def test_manager_logs_in_with_team_and_lands_where_asked(client, sso):
    response = sign_in(client, "teamleider", next_url="/people/")
    assert response.status_code == 302 and response["Location"] == "/people/"
    people = client.get("/people/").content.decode()
    shown = {pid for pid in ("P01", "P02", "P03", "P05", "P07", "P09") if f'href="/people/{pid}/"' in people}
    assert shown == {"P01", "P05", "P07"}  # today's team in TA1 (not ZORG's other teams) and the manager
    assert trail() == [("login_sso", "teamleider@zorggroep.nl", "manager")]


def test_occupational_health_session_ends_with_the_browser(client, sso):
    assert sign_in(client, "arts")["Location"] == "/"
    assert client.session.get_expire_at_browser_close()
    assert client.get("/").status_code == 200


def test_an_account_without_a_role_is_refused_and_audited(client, sso):
    response = sign_in(client, "gast")
    assert response.status_code == 403 and "_auth_user_id" not in client.session
    assert "Uw organisatie-account heeft geen rol in levensfase" in response.content.decode()
    assert trail() == [("sso_refused", "gast@zorggroep.nl", "no_role")]
    assert Entry.objects.get().detail["groups"] == ["bezoekers"]


def test_a_forged_state_is_refused(client, sso):
    client.get("/login/sso/")
    response = client.get("/login/sso/callback/?code=verzonnen&state=verzonnen")
    assert response.status_code == 403 and "_auth_user_id" not in client.session
    assert "kon niet worden gecontroleerd" in response.content.decode()
    assert trail() == [("sso_refused", "", "token_refused")]


def test_a_code_cannot_be_used_twice(client, sso):
    start = urlsplit(client.get("/login/sso/")["Location"])
    back = urlsplit(client.post(f"{start.path}?{start.query}", {"identity": "arts"})["Location"])
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    client.logout()
    assert client.get(f"{back.path}?{back.query}").status_code == 403  # state spent, code spent


def test_a_local_password_account_is_not_taken_over(client, sso):
    make_user("fg", Role.PRIVACY_OFFICER, password=PASSWORD)
    response = sign_in(client, "fg")
    assert response.status_code == 403 and "al een account met deze gebruikersnaam" in response.content.decode()
    assert trail() == [("sso_refused", "fg", "account_taken")]
    assert client.post("/login/", {"username": "fg", "password": PASSWORD}).status_code == 302


def test_a_local_password_is_refused_for_an_sso_only_role(client, sso):
    sso.LEVENSFASE_SSO_ONLY_ROLES = [Role.HR_ADMIN]
    make_user("hr-admin", Role.HR_ADMIN, password=PASSWORD)
    make_user("fg", Role.PRIVACY_OFFICER, password=PASSWORD)
    refused = client.post("/login/", {"username": "hr-admin", "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert "Log in met uw organisatie-account" in refused.content.decode()
    assert trail() == [("password_off", "hr-admin", "")]
    assert client.post("/login/", {"username": "fg", "password": PASSWORD}).status_code == 302  # FG keeps hers


def test_a_local_password_is_refused_for_an_sso_only_user_and_allowed_without_sso(client, sso):
    make_user("medewerker", Role.EMPLOYEE, person_id="P01", password=PASSWORD)
    set_sso_only(username="medewerker", sso_only=True)
    assert "Log in met uw organisatie-account" in client.post(
        "/login/", {"username": "medewerker", "password": PASSWORD}).content.decode()
    sso.LEVENSFASE_OIDC_DISCOVERY_URL = ""  # no provider: nobody is locked out
    assert client.post("/login/", {"username": "medewerker", "password": PASSWORD}).status_code == 302


def test_a_switched_off_account_stays_off(client, sso):
    user = make_user("fg", Role.PRIVACY_OFFICER, password=PASSWORD)
    set_sso_only(username="fg", sso_only=True)
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    response = sign_in(client, "fg")
    assert response.status_code == 403 and "Uw account in levensfase is uitgeschakeld" in response.content.decode()
    assert trail() == [("sso_refused", "fg", "account_disabled")]
    user.refresh_from_db()
    assert not user.is_active and user.profile.sso_subject == ""


def test_an_sso_only_local_account_is_linked_at_its_first_sso_login(client, sso):
    user = make_user("fg", Role.PRIVACY_OFFICER, password=PASSWORD)
    set_sso_only(username="fg", sso_only=True)
    assert sign_in(client, "fg").status_code == 302
    user.profile.refresh_from_db()
    assert int(client.session["_auth_user_id"]) == user.pk and user.profile.sso_subject.endswith(" f-1")


def test_the_sso_only_command_switches_the_password_off_and_on(transactional_db):
    from django.core.management import CommandError, call_command

    user = make_user("fg", Role.PRIVACY_OFFICER, password=PASSWORD)
    call_command("sso_only", "fg")
    user.profile.refresh_from_db()
    assert user.profile.sso_only
    call_command("sso_only", "fg", "--off")
    user.profile.refresh_from_db()
    assert not user.profile.sso_only
    with pytest.raises(CommandError, match="Geen account met rol: niemand"):
        call_command("sso_only", "niemand")


def test_an_unreachable_provider_gets_a_clear_page(client, settings, transactional_db):
    settings.LEVENSFASE_OIDC_DISCOVERY_URL = "http://127.0.0.1:9/nergens"  # the discard port: nothing answers
    settings.LEVENSFASE_OIDC_CLIENT_ID = "levensfase"
    response = client.get("/login/sso/")
    assert response.status_code == 403
    assert "De inlogdienst van de organisatie is niet bereikbaar" in response.content.decode()
    assert trail() == [("sso_refused", "", "provider_unreachable")]


def test_a_broken_mapping_refuses_with_a_page_not_an_error(client, sso):
    sso.LEVENSFASE_OIDC_MAPPING = ""
    sso.LEVENSFASE_OIDC_GROUP_ROLES = "lf-bedrijfsarts=dokter"
    response = sign_in(client, "arts")
    assert response.status_code == 403 and "niet goed ingesteld" in response.content.decode()
    assert trail() == [("sso_refused", "", "mapping_broken")] and "_auth_user_id" not in client.session


def test_the_provider_refuses_an_authorization_request_without_pkce(client, sso):
    """The test provider is a real one: without a code challenge it does not hand out a code."""
    authorize = urlsplit(client.get("/login/sso/")["Location"])
    query = {k: v[0] for k, v in parse_qs(authorize.query).items() if not k.startswith("code_challenge")}
    response = client.post(authorize.path, {**query, "identity": "arts"})
    assert response.status_code == 302 and "error=invalid_request" in response["Location"]
    assert "code=" not in response["Location"]


def test_the_provider_refuses_a_code_with_the_wrong_verifier(client, sso, live_server):
    """So every successful login above proves that the application sent its own PKCE verifier."""
    import requests

    authorize = urlsplit(client.get("/login/sso/")["Location"])
    back = urlsplit(client.post(f"{authorize.path}?{authorize.query}", {"identity": "arts"})["Location"])
    code = parse_qs(back.query)["code"][0]
    answer = requests.post(idp.issuer_for(live_server.url) + "/token", timeout=10, data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": "http://testserver/login/sso/callback/",
        "code_verifier": "x" * 43, "client_id": idp.CLIENT_ID, "client_secret": idp.CLIENT_SECRET})
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
