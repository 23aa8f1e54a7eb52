"""The single sign-on pages: off to the provider, back with a verified ID token, logged in with
the role the claims map to, or refused with a page that says why. Every login and refusal is
audited; the session rules of login_events apply as to any login (user_logged_in)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from levensfase.web.accounts import oidc
from levensfase.web.accounts.login_events import audit_login
from levensfase.web.accounts.sso_accounts import AccountDisabled, AccountTaken, sso_user
from levensfase.web.accounts.sso_mapping import configured_mapping, identity_from_claims
from levensfase.web.audit.models import Action

NEXT_KEY = "levensfase_sso_next"


def start(request: HttpRequest) -> HttpResponse:
    if not oidc.configured():
        raise Http404
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure())
    request.session[NEXT_KEY] = wanted if safe else ""
    try:
        return oidc.start(request, redirect_uri=request.build_absolute_uri(reverse("sso_callback")))
    except oidc.LOGIN_ERRORS as error:
        return _refused(request, username="", reason="provider_unreachable", error=error,
                        message=_("The organisation's login service cannot be reached. Try again later or "
                                  "ask the administrator."))


def callback(request: HttpRequest) -> HttpResponse:
    if not oidc.configured():
        raise Http404
    try:
        claims = oidc.finish(request)
    except oidc.LOGIN_ERRORS as error:
        return _refused(request, username="", reason="token_refused", error=error,
                        message=_("The login with your organisation account could not be verified. "
                                  "Start again from the login page."))
    try:
        identity = identity_from_claims(claims=claims, mapping=configured_mapping())
    except ImproperlyConfigured:  # also reported by `manage.py check` (sso_mapping.check_mapping)
        return _refused(request, username="", reason="mapping_broken",
                        message=_("Logging in with the organisation account is not set up correctly. "
                                  "Ask the administrator."))
    if identity.role is None:
        return _refused(request, username=identity.username, reason="no_role", groups=list(identity.groups[:50]),
                        message=_("Your organisation account has no role in levensfase. Ask your HR "
                                  "department or the administrator to give you access."))
    try:
        user = sso_user(identity=identity)
    except AccountTaken:
        return _refused(request, username=identity.username, reason="account_taken",
                        message=_("There is already an account with this username in levensfase that is not "
                                  "linked to your organisation account. Ask the administrator to link them."))
    except AccountDisabled:
        return _refused(request, username=identity.username, reason="account_disabled",
                        message=_("Your account in levensfase has been switched off. Ask the administrator."))
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    audit_login(request=request, action=Action.LOGIN_SSO, username=user.username, user=user, role=identity.role)
    return redirect(request.session.pop(NEXT_KEY, "") or settings.LOGIN_REDIRECT_URL)


def _refused(request: HttpRequest, *, username: str, reason: str, message: str, error: Exception | None = None,
             **detail) -> HttpResponse:
    if error is not None:
        detail["error"] = type(error).__name__
    audit_login(request=request, action=Action.SSO_REFUSED, username=username, reason=reason, **detail)
    return render(request, "accounts/sso_refused.html", {"message": message}, status=403)
