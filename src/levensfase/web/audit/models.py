"""The audit log (DESIGN §6): every view of a person's record and every import leaves a row."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW_PERSON = "view_person", _("Viewed a person's record")
    IMPORT = "import", _("Imported data")
    PLAN = "plan", _("Acted on a personal plan")
    ERASE = "erase", _("Erased a person on request")
    RETENTION = "retention", _("Anonymised leavers after the retention period")
    ACCESS = "access", _("Downloaded own data (right of access)")
    LOGIN_FAILED = "login_failed", _("Failed login (wrong username or password)")
    LOGIN_REFUSED = "login_refused", _("Login refused (too many failed attempts)")
    LOGIN_SSO = "login_sso", _("Logged in with the organisation account (single sign-on)")
    SSO_REFUSED = "sso_refused", _("Single sign-on refused")
    PASSWORD_OFF = "password_off", _("Password refused: this account must use single sign-on")
    API_TOKEN = "api_token", _("Created or revoked a personal API token")


class Entry(models.Model):
    """Who did what to whose data when. The username and person id are kept as text, so the log
    still reads right after an account is deleted or a person is anonymised."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=20, choices=Action.choices)
    person_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "lf_audit_entry"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.person_id}"
