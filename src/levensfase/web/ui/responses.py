"""Answers every app gives the same way: a 403 page that says why, in the UI language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "ui/forbidden.html", {"message": message}, status=403)
