"""Composition: headcount, age pyramid, generation and life-phase mix on the period's last day."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from levensfase.web.dashboards.views.base import dashboard


@login_required
def composition(request: HttpRequest) -> HttpResponse:
    return dashboard(request, page="composition", template="dashboards/panels.html")
