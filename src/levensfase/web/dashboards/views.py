"""The four dashboards. Every one does the same: check the role, read the filters, compute (or
reuse) the panels, and answer with the page or with one panel's table as CSV."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from levensfase.web.dashboards.selectors import coverage_lines, page_data
from levensfase.web.ui import filters as dashboard_filters
from levensfase.web.ui.downloads import csv_response
from levensfase.web.ui.reads import k
from levensfase.web.ui.scope import dashboard_scope
from levensfase.web.ui.tables import Panel

PAGES = (
    ("composition", "dashboard_composition"),
    ("flows", "dashboard_flows"),
    ("retention", "dashboard_retention"),
    ("categories", "dashboard_categories"),
)


def dashboard(request: HttpRequest, *, page: str, template: str, default_by: str = "age_band",
              uses_by: bool = False) -> HttpResponse:
    scope = dashboard_scope(user=request.user)
    if scope is None:
        raise PermissionDenied  # employees and the bedrijfsarts work with records, not aggregates
    today = date.today()
    filters, errors = dashboard_filters.parse(request.GET, scope=scope, default_by=default_by, today=today)
    context = {
        "page": page, "filters": filters, "k": k(), "errors": errors, "scope": scope, "uses_by": uses_by,
        "units": dashboard_filters.unit_choices(scope=scope),
        "unit_options": dashboard_filters.unit_options(scope=scope, selected=filters.unit),
        "unit_hint": dashboard_filters.unit_hint(scope=scope),
        "categories": list(dashboard_filters.CATEGORY_LABELS.items()),
        "years": list(range(dashboard_filters.year_range(today=today)[0], today.year + 1)),
    }
    if scope.team and not scope.unit_ids:
        context["errors"] = [_("You do not lead any unit yet, so there is no team to show. Ask HR to link your units.")]
        return render(request, template, context)
    if errors:
        return render(request, template, context, status=400)
    data = page_data(page=page, scope=scope, filters=filters)
    panels: tuple[Panel, ...] = data.panels if hasattr(data, "panels") else data
    wanted = request.GET.get("csv")
    if wanted is not None:
        return csv_response(request, template, context, panels, wanted, page=page)
    context.update({"data": data, "panels": panels,
                    "coverage": coverage_lines(page=page, scope=scope, filters=filters, k=context["k"])})
    return render(request, template, context)


@login_required
def composition(request: HttpRequest) -> HttpResponse:
    """Headcount, age pyramid, generation and life-phase mix on the period's last day."""
    return dashboard(request, page="composition", template="dashboards/panels.html")


@login_required
def flows(request: HttpRequest) -> HttpResponse:
    """The Sankey of instroom → units → uitstroom and turnover per category over the years."""
    return dashboard(request, page="flows", template="dashboards/panels.html", uses_by=True)


@login_required
def retention(request: HttpRequest) -> HttpResponse:
    """Kaplan–Meier curves per life phase and per generation."""
    return dashboard(request, page="retention", template="dashboards/panels.html")


@login_required
def categories(request: HttpRequest) -> HttpResponse:
    """Every group of one category side by side, losing and not-moving groups marked."""
    return dashboard(request, page="categories", template="dashboards/panels.html", uses_by=True)
