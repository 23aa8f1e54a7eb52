"""Competency dashboard (HR analyst/admin, works council; a manager their own units): untapped
potential, development need and development money per category, each with a takeaway, chart,
table and CSV. Uses the dashboards' scope, filters, cache and table helpers."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from levensfase.web.competencies import dashboard as panels_of
from levensfase.web.competencies.views.common import forbidden, page
from levensfase.web.dashboards.selectors import section_coverage_lines
from levensfase.web.ui import filters as dashboard_filters
from levensfase.web.ui.downloads import panel_csv, unknown_table
from levensfase.web.ui.reads import k
from levensfase.web.ui.scope import dashboard_scope

TEMPLATE = "competencies/dashboard.html"


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = dashboard_scope(user=request.user)
    if scope is None:
        return forbidden(request, _("The competency dashboard shows aggregates for HR, the works council and managers."))
    today = date.today()
    filters, errors = dashboard_filters.parse(request.GET, scope=scope, default_by="age_band", today=today)
    context = {
        "filters": filters, "k": k(), "errors": errors, "scope": scope, "uses_by": True,
        "units": dashboard_filters.unit_choices(scope=scope),
        "categories": [(c, dashboard_filters.CATEGORY_LABELS[c]) for c in panels_of.CATEGORIES],
        "years": list(range(dashboard_filters.year_range(today=today)[0], today.year + 1)),
    }
    if scope.team and not scope.unit_ids:
        context["errors"] = [_("You do not lead any unit yet, so there is no team to show. Ask HR to link your units.")]
        return page(request, TEMPLATE, context, tab="dashboard")
    if errors:
        return page(request, TEMPLATE, context, tab="dashboard", status=400)
    panels = panels_of.panels(units=dashboard_filters.effective_units(scope=scope, filters=filters),
                              scope_key=scope.key, by=filters.by, as_of=filters.end)
    wanted = request.GET.get("csv")
    if wanted is not None:
        response = panel_csv(panels, wanted, page="competencies")
        if response is not None:
            return response
        context["errors"] = [unknown_table(wanted)]
        return page(request, TEMPLATE, context, tab="dashboard", status=400)
    coverage = section_coverage_lines(section="competencies", start=filters.start, end=filters.end, k=context["k"],
                                      unit_ids=scope.unit_ids, unit=filters.unit or None, scope_key=scope.key)
    return page(request, TEMPLATE, {**context, "panels": panels, "coverage": coverage}, tab="dashboard")
