"""Flows: the Sankey of instroom → units → uitstroom and turnover per category over the years."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from levensfase.web.dashboards.views.base import dashboard


@login_required
def flows(request: HttpRequest) -> HttpResponse:
    return dashboard(request, page="flows", template="dashboards/panels.html", uses_by=True)
