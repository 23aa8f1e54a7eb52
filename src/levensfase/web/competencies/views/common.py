"""Shared by the competency views: the 403 page (maatwerk's) and the tabs in the context."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from levensfase.web.competencies import nav
from levensfase.web.maatwerk.views.common import forbidden, lang

__all__ = ["forbidden", "lang", "page"]


def page(request: HttpRequest, template: str, context: dict, *, tab: str, status: int = 200) -> HttpResponse:
    return render(request, template, {**context, "tabs": nav.tabs(user=request.user, current=tab)}, status=status)
