"""Who is calling: a personal API token (Authorization: Bearer lf_…) or the browser's session.

A token acts as its user (their role and view), limited to its scope: `read` may only read,
`import` may also upload and confirm imports. A session (the browser docs) has both.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from levensfase.web.api.errors import ApiError
from levensfase.web.api.models import Scope
from levensfase.web.api.tokens import use_token


class TokenAuth(HttpBearer):
    openapi_description = "Personal API token (create one at /api/tokens/), sent as `Authorization: Bearer lf_…`."

    def authenticate(self, request: HttpRequest, token: str):
        match = request.resolver_match
        route = "/" + match.route if match is not None and match.route else request.path
        api_token, use = use_token(secret=token, method=request.method or "", path=route)
        request.user = api_token.user
        request.api_token = api_token
        request.api_use = use
        return api_token.user


class BrowserSession(SessionAuth):
    """The logged-in browser (for the interactive docs); CSRF is checked on writes."""

    openapi_description = "The session of a user logged in to the web app."


def require_scope(request: HttpRequest, scope: str) -> None:
    """Refuse a token that lacks `scope` (a session has every scope its role allows)."""
    token = getattr(request, "api_token", None)
    if token is not None and scope == Scope.IMPORT and token.scope != Scope.IMPORT:
        raise ApiError(403, "Dit token mag alleen lezen; maak een token met bereik ‘import’.",
                       "This token may only read; create a token with the ‘import’ scope.")


AUTH = [TokenAuth(), BrowserSession()]
