"""Personal API tokens: created and revoked by their user, checked on every request, rate-limited.

The secret is shown once (`lf_` + 40 random characters) and stored only as its SHA-256: a stolen
database gives no working token. Each use writes an ApiUse row; the rate limit counts those rows
of the last minute, so it holds across worker processes without a shared cache.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from levensfase.web.api.models import ApiToken, ApiUse, Scope
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record

PREFIX = "lf_"
DEFAULT_DAYS = 90
MAX_DAYS = 365
WINDOW = timedelta(minutes=1)


def rate_limit() -> int:
    """Requests per token per minute: the setting or environment variable LEVENSFASE_API_RATE (default 60)."""
    return int(getattr(settings, "LEVENSFASE_API_RATE", None) or os.environ.get("LEVENSFASE_API_RATE") or 60)


class TokenRefused(Exception):
    """The token cannot be used; `status` is 401 (unknown, expired, revoked) or 429 (too many uses)."""

    def __init__(self, status: int, nl: str, en: str):
        super().__init__(en)
        self.status, self.nl, self.en = status, nl, en


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(*, user, name: str, scope: str, days: int = DEFAULT_DAYS) -> NewToken:
    """A new token for `user`; the secret is returned once and only its hash is kept."""
    if scope not in Scope.values:
        raise ValueError(f"unknown scope {scope!r}")
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must lie between 1 and {MAX_DAYS}")
    secret = PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(user=user, name=name.strip()[:80] or "API", prefix=secret[:10],
                                    key_hash=_hash(secret), scope=scope,
                                    expires_at=timezone.now() + timedelta(days=days))
    record(user=user, action=Action.API_TOKEN, detail={"made": token.prefix, "scope": scope, "days": days})
    return NewToken(token=token, secret=secret)


def revoke_token(*, user, token_id: int) -> bool:
    """Revoke one of `user`'s own tokens; False when it is not theirs or already revoked."""
    mine = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True)
    prefix = mine.values_list("prefix", flat=True).first()
    if prefix is None or not mine.update(revoked_at=timezone.now()):
        return False
    record(user=user, action=Action.API_TOKEN, detail={"revoked": prefix})
    return True


def tokens_of(*, user) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def use_token(*, secret: str, method: str, path: str) -> tuple[ApiToken, ApiUse]:
    """The live token behind `secret`, with this use recorded; raise TokenRefused otherwise."""
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(secret)).first() if secret else None
    now = timezone.now()
    if token is None or not token.user.is_active:
        raise TokenRefused(401, "Onbekend API-token.", "Unknown API token.")
    if token.revoked_at is not None:
        raise TokenRefused(401, "Dit API-token is ingetrokken.", "This API token has been revoked.")
    if token.expires_at <= now:
        raise TokenRefused(401, "Dit API-token is verlopen.", "This API token has expired.")
    if ApiUse.objects.filter(token=token, at__gt=now - WINDOW).count() >= rate_limit():
        raise TokenRefused(429, "Te veel verzoeken met dit token; probeer het over een minuut opnieuw.",
                           "Too many requests with this token; try again in a minute.")
    use = ApiUse.objects.create(token=token, method=method[:8], path=path[:300])
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token, use


def uses_of(*, token: ApiToken, limit: int = 20) -> list[ApiUse]:
    return list(token.uses.all()[:limit])
