"""/api/v1/ (the API, its schema and docs) and /api/tokens/ (the user's own tokens), from web/urls.py."""

from __future__ import annotations

from functools import wraps

from django.urls import path, re_path

from levensfase.web.api import views
from levensfase.web.api.api import api


def _noting_status(view):
    """Write each token use's answer status on its ApiUse row (the audit trail of the token)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        use = getattr(request, "api_use", None)
        if use is not None:
            type(use).objects.filter(pk=use.pk).update(status=response.status_code)
        return response

    return wrapped


_patterns, _app, _namespace = api.urls
for _pattern in _patterns:
    _pattern.callback = _noting_status(_pattern.callback)

urlpatterns = [
    path("v1/", (_patterns, _app, _namespace)),
    path("tokens/", views.tokens, name="api_tokens"),
    path("tokens/<int:token_id>/revoke/", views.revoke, name="api_token_revoke"),
    re_path(r"^.*$", views.not_found),  # any other /api/ address: a JSON 404, not the HTML page
]
