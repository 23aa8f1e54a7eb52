"""Logging in safely (issue 20 item 5): throttling and lockout per account and per address, every
failed or refused login in the audit log, and sessions that end after a working day (and at
browser close for users who see health data)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import RequestFactory

from levensfase.web.accounts.lockout import client_address
from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from support.org_fixture import build_org, make_user

RIGHT = "juist-en-lang-genoeg"
WRONG = "fout-wachtwoord-123"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def doctor():
    return make_user("bedrijfsarts", Role.OCCUPATIONAL_HEALTH, password=RIGHT)


def attempt(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def audit_trail() -> list[tuple[str, str, str]]:
    return [(e.action, e.username, e.detail.get("address", ""))
            for e in Entry.objects.order_by("id")]


def test_five_wrong_passwords_lock_the_account_and_even_the_right_one_is_refused(client, doctor):
    for _ in range(4):
        assert attempt(client, "bedrijfsarts", WRONG).status_code == 200  # the form again, with its error
    fifth = attempt(client, "bedrijfsarts", WRONG)
    assert fifth.status_code == 429
    right = attempt(client, "bedrijfsarts", RIGHT)
    assert right.status_code == 429 and not logged_in(client)
    assert "Te veel mislukte inlogpogingen" in right.content.decode()
    assert "over 15 minuten" in right.content.decode()
    # Every failed and every refused try is in the audit log, with the name typed and the address.
    assert audit_trail() == [("login_failed", "bedrijfsarts", "10.0.0.1")] * 5 + [
        ("login_refused", "bedrijfsarts", "10.0.0.1")]


def test_the_lockout_ends_after_the_cool_off_and_a_refused_try_does_not_lengthen_it(client, doctor):
    for _ in range(5):
        attempt(client, "bedrijfsarts", WRONG)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert attempt(client, "bedrijfsarts", RIGHT).status_code == 429  # 14 minutes: still locked
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=2))
    response = attempt(client, "bedrijfsarts", RIGHT)  # 16 minutes after the last wrong password
    assert response.status_code == 302 and logged_in(client)


def test_the_account_is_locked_from_every_address(client, doctor):
    for i in range(5):
        attempt(client, "bedrijfsarts", WRONG, address=f"10.0.0.{i + 1}")
    assert attempt(client, "bedrijfsarts", RIGHT, address="10.0.0.99").status_code == 429
    assert not logged_in(client)


def test_an_address_trying_many_accounts_is_locked_for_all_of_them(client, doctor):
    make_user("hr-admin", Role.HR_ADMIN, password=RIGHT)
    for name in ("a", "b", "c", "d", "e"):  # password spraying: one try per (made-up) account
        attempt(client, name, WRONG, address="192.0.2.7")
    assert attempt(client, "hr-admin", RIGHT, address="192.0.2.7").status_code == 429
    assert Entry.objects.filter(action="login_refused", username="hr-admin").count() == 1
    # The same account from another address is not refused: only that address is.
    assert attempt(client, "hr-admin", RIGHT, address="192.0.2.8").status_code == 302


def test_four_wrong_then_the_right_password_logs_in_and_starts_the_count_afresh(client, doctor):
    for _ in range(4):
        attempt(client, "bedrijfsarts", WRONG)
    assert attempt(client, "bedrijfsarts", RIGHT).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "bedrijfsarts", WRONG)
    assert attempt(client, "bedrijfsarts", RIGHT).status_code == 302


def test_the_english_page_says_the_same(client, doctor):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        attempt(client, "bedrijfsarts", WRONG)
    text = attempt(client, "bedrijfsarts", RIGHT).content.decode()
    assert "Too many failed login attempts" in text and "15 minutes" in text


@pytest.mark.parametrize("proxies, forwarded, expected", [
    (0, "203.0.113.9", "127.0.0.1"),  # no trusted proxy: the header is the client's word, ignored
    (1, "203.0.113.9", "203.0.113.9"),  # nginx appended the address it saw
    (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry left of nginx's is not believed
    (2, "203.0.113.9, 10.1.1.1", "203.0.113.9"),
    (1, "", "127.0.0.1"),
])
def test_the_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.LEVENSFASE_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def session_cookie(client):
    return client.cookies["sessionid"]


@pytest.mark.parametrize("role, person_id, closes_with_browser", [
    (Role.OCCUPATIONAL_HEALTH, None, True),  # everyone's health data
    (Role.EMPLOYEE, "P01", True),  # own WAI, own absences
    (Role.MANAGER, "P07", True),  # a manager also sees their own record's health data
    (Role.HR_ADMIN, None, False),  # never health data
    (Role.HR_ANALYST, None, False),
    (Role.WORKS_COUNCIL, None, False),
    (Role.PRIVACY_OFFICER, None, False),
])
def test_sessions_end_after_a_working_day_and_with_the_browser_for_health_data(
        client, role, person_id, closes_with_browser):
    build_org()
    make_user("iemand", role, person_id=person_id, password=RIGHT)
    assert attempt(client, "iemand", RIGHT).status_code == 302
    cookie = session_cookie(client)
    if closes_with_browser:
        assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
        assert client.session.get_expire_at_browser_close()
    else:
        assert int(cookie["max-age"]) == 9 * 3600
    # On the server every session ends after the working day (9 hours), whatever the cookie.
    assert client.session.get_expiry_age() == 9 * 3600
