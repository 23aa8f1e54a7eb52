"""plotly.min.js straight from the installed plotly package: offline, no CDN, cached for a year
(the URL carries the package version, so an upgrade gets a new URL)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@cache
def _script() -> bytes:
    return files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()


@require_GET
def plotly_js(request: HttpRequest, version: str) -> HttpResponse:
    response = HttpResponse(_script(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
