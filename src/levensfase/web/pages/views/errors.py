"""Error pages in the UI language, inside the normal layout (except 500, which must not fail)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    return HttpResponse(loader.render_to_string("403.html", request=request), status=403)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: a broken database or session must not break the error page too.
    return HttpResponse(loader.render_to_string("500.html"), status=500)
