"""Which categories? Every group of one category side by side, losing and not-moving groups marked."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from levensfase.web.dashboards.views.base import dashboard


@login_required
def categories(request: HttpRequest) -> HttpResponse:
    return dashboard(request, page="categories", template="dashboards/panels.html", uses_by=True)
