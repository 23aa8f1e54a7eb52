"""Personal API tokens and the log of their use (which is also the rate-limit window)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Scope(models.TextChoices):
    READ = "read", "read"
    IMPORT = "import", "import"


class ApiToken(models.Model):
    """A token belongs to one user and acts with that user's role. Only the SHA-256 of the secret is
    kept; `prefix` (the first characters) lets the user recognise it in the list."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=8, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "lf_api_token"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user}, {self.scope})"


class ApiUse(models.Model):
    """One request made with a token: which token, which route, when, and the answer's status.
    Counted per token over the last minute for the rate limit, and read back as the token's trail.
    `path` is the route pattern (api/v1/people/<person_id>), never a person id: who was read is in the
    audit log, which erasure and retention re-point (web/privacy)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        db_table = "lf_api_use"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["token", "at"])]
