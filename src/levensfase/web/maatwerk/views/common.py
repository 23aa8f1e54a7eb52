"""Small helpers shared by the maatwerk views: the UI language and a 403 that says why."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language


def lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "maatwerk/forbidden.html", {"message": message}, status=403)
