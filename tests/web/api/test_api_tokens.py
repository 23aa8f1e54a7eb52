"""Personal API tokens: made on the page and shown once, stored hashed, scoped, revoked, expired,
every use logged, and rate-limited per token; every refusal is JSON."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from levensfase.web.accounts.models import Role
from levensfase.web.api.models import ApiToken, ApiUse
from levensfase.web.api.tokens import create_token

pytestmark = pytest.mark.django_db


def _me(client, secret):
    return client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_token_is_made_on_the_page_shown_once_and_stored_only_as_its_hash(client, users):
    client.force_login(users[Role.HR_ANALYST])
    page = client.post("/api/tokens/", {"name": "BI-export", "scope": "read", "days": "30"})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    secret = re.search(r"<code data-secret>(lf_[\w-]+)</code>", page.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(list(ApiToken.objects.values_list()))  # only the hash and a short prefix
    assert token.prefix == secret[:10] and token.scope == "read"
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)
    again = client.get("/api/tokens/").content.decode()
    assert "<h1>API-tokens</h1>" in again and "Token aanmaken" in again
    assert secret not in again and f"{secret[:10]}…" in again  # never shown again

    client.logout()
    me = _me(client, secret)
    assert me.status_code == 200
    assert me.json() == {"username": "hr-analist", "role": "hr_analyst", "person_id": None, "token_scope": "read"}


@pytest.mark.parametrize("role", [Role.HR_ADMIN, Role.EMPLOYEE, Role.PRIVACY_OFFICER])
def test_every_page_links_to_the_token_page(client, users, role):
    client.force_login(users[role])
    assert '<a href="/api/tokens/" class="link-button">API-tokens</a>' in client.get("/").content.decode()


def test_making_and_revoking_a_token_is_in_the_audit_log(client, users):
    from levensfase.web.audit.models import Entry

    made = create_token(user=users[Role.HR_ADMIN], name="HRIS", scope="import", days=7)
    client.force_login(users[Role.HR_ADMIN])
    client.post(f"/api/tokens/{made.token.pk}/revoke/")
    entries = list(Entry.objects.filter(action="api_token").order_by("id").values_list("username", "detail"))
    assert entries == [("hr-admin", {"made": made.secret[:10], "scope": "import", "days": 7}),
                       ("hr-admin", {"revoked": made.secret[:10]})]


def test_every_use_is_logged_with_its_answer(client, users):
    secret = create_token(user=users[Role.HR_ANALYST], name="x", scope="read").secret
    _me(client, secret)
    client.get("/api/v1/people/P01", HTTP_AUTHORIZATION=f"Bearer {secret}")
    uses = list(ApiUse.objects.order_by("id").values_list("method", "path", "status"))
    # the route, not the person: who was read is in the audit log, which erasure re-points
    assert uses == [("GET", "/api/v1/me", 200), ("GET", "/api/v1/people/<person_id>", 403)]
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_token_is_refused_with_json_401(client, users):
    user = users[Role.HR_ANALYST]
    secret = create_token(user=user, name="x", scope="read").secret
    client.force_login(users[Role.EMPLOYEE])  # someone else cannot revoke it
    client.post(f"/api/tokens/{ApiToken.objects.get().pk}/revoke/")
    client.logout()
    assert _me(client, secret).status_code == 200
    client.force_login(user)
    assert client.post(f"/api/tokens/{ApiToken.objects.get().pk}/revoke/").status_code == 302
    client.logout()
    refused = _me(client, secret)
    assert refused.status_code == 401 and refused["Content-Type"] == "application/json; charset=utf-8"
    assert refused.json()["message_en"] == "This API token has been revoked."
    assert refused.json()["message_nl"] == "Dit API-token is ingetrokken."


def test_an_expired_or_unknown_token_is_refused_with_json_401(client, users):
    secret = create_token(user=users[Role.HR_ANALYST], name="x", scope="read", days=1).secret
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _me(client, secret).json()["message_en"] == "This API token has expired."
    unknown = _me(client, "lf_" + "a" * 40)
    assert unknown.status_code == 401 and unknown.json()["message_en"] == "Unknown API token."
    assert _me(client, "").status_code == 401


def test_the_rate_limit_answers_429_json_per_token(client, users, settings):
    settings.LEVENSFASE_API_RATE = 3
    first = create_token(user=users[Role.HR_ANALYST], name="a", scope="read").secret
    other = create_token(user=users[Role.HR_ANALYST], name="b", scope="read").secret
    assert [_me(client, first).status_code for _ in range(4)] == [200, 200, 200, 429]
    limited = _me(client, first)
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert limited.json()["message_en"] == "Too many requests with this token; try again in a minute."
    assert _me(client, other).status_code == 200  # per token
    ApiUse.objects.update(at=timezone.now() - timedelta(minutes=2))  # the window has passed
    assert _me(client, first).status_code == 200


def test_a_read_token_cannot_import_and_only_hr_admin_gets_the_import_scope(client, users):
    read = create_token(user=users[Role.HR_ADMIN], name="r", scope="read").secret
    refused = client.get("/api/v1/imports/abc", HTTP_AUTHORIZATION=f"Bearer {read}")
    assert refused.status_code == 403 and "import" in refused.json()["message_en"]
    client.force_login(users[Role.HR_ANALYST])
    page = client.post("/api/tokens/", {"name": "x", "scope": "import", "days": "30"})
    assert "Alleen de HR-beheerder mag importeren" in page.content.decode()  # Dutch by default
    assert not ApiToken.objects.filter(user=users[Role.HR_ANALYST]).exists()


def test_the_browser_session_works_for_the_api(client, users):
    client.force_login(users[Role.WORKS_COUNCIL])
    assert client.get("/api/v1/me").json()["role"] == "works_council"
    client.logout()
    assert client.get("/api/v1/me").status_code == 401
