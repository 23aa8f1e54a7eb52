"""What happens around a login: failed and refused logins go to the audit log (DESIGN §6), and a
session of someone who sees health data ends when the browser closes."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed

from levensfase.web.accounts import access
from levensfase.web.accounts.lockout import client_address
from levensfase.web.audit.models import Action, Entry
from levensfase.web.audit.services import record_login


def connect() -> None:
    user_login_failed.connect(audit_failed_login, dispatch_uid="levensfase_audit_failed_login")
    user_logged_in.connect(end_at_browser_close, dispatch_uid="levensfase_session_expiry")


def audit_failed_login(sender, credentials: dict, request=None, **kwargs) -> None:
    """Every failed login: a wrong username or password, or a try refused during a lockout."""
    refused = request is not None and getattr(request, "levensfase_login_refused", False)
    record_login(
        action=Action.LOGIN_REFUSED if refused else Action.LOGIN_FAILED,
        username=str(credentials.get("username") or ""),
        address=client_address(request) if request is not None else "",
    )


def end_at_browser_close(sender, request, user, **kwargs) -> None:
    """Health data stay on a shared computer no longer than the browser window that showed them;
    everyone's session still ends after a working day (SESSION_COOKIE_AGE, also server-side)."""
    if access.sees_health_data(user=user):
        request.session.set_expiry(0)


def audit_login(*, request, action: str, username: str, user=None, **detail) -> None:
    """A single sign-on login or refusal, or a password refused for an SSO-only user."""
    Entry.objects.create(user=user, username=username[:150], action=action,
                         detail={"address": client_address(request), "method": "oidc", **detail})
