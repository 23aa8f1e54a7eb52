"""Throttling of logins with django-axes: which address a request comes from, the backend that
refuses a locked account or address, and the page a refused login gets (settings: AXES_*)."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check before the password check; marks a refusal on the request so the audit
    log can tell it from a wrong password (login_events)."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs):
        if request is None:  # no HTTP request (the shell, a test's authenticate()): no address to limit
            return None
        try:
            return super().authenticate(request, username, password, **kwargs)
        except AxesBackendPermissionDenied:
            request.levensfase_login_refused = True
            raise


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind LEVENSFASE_TRUSTED_PROXIES reverse proxies the
    entry those proxies appended to X-Forwarded-For (entries further left are the client's word)."""
    proxies = settings.LEVENSFASE_TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies > 0 and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


def lockout_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict | None = None) -> HttpResponse:
    """The login page again, saying why it refuses (HTTP 429): even the right password waits."""
    message = _("Too many failed login attempts for this account or from this address. "
                "Try again in %(minutes)d minutes.") % {"minutes": lockout_minutes()}
    context = {"form": AuthenticationForm(request), "lockout": message, "next": request.POST.get("next", "")}
    return render(request, "accounts/login.html", context, status=429)
