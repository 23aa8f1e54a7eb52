"""Retention: Kaplan–Meier curves per life phase and per generation."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from levensfase.web.dashboards.views.base import dashboard


@login_required
def retention(request: HttpRequest) -> HttpResponse:
    return dashboard(request, page="retention", template="dashboards/panels.html")
