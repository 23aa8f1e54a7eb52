"""The planning pages: the what-if planner, the projection and the comparison of scenarios."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from levensfase.analytics.findings.planner import effects_finding
from levensfase.planning.planner import PlannerError
from levensfase.planning.report import ProjectionError
from levensfase.planning.scenarios import ScenarioError
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.planning import selectors
from levensfase.web.planning.access import can_plan
from levensfase.web.planning.forms import planner_form
from levensfase.web.planning.presentation import allocation_panel, constraints_panel, euro, reasons_panel
from levensfase.web.planning.projection_forms import CompareForm, ProjectionForm
from levensfase.web.planning.projection_presentation import (
    band_panel, cost_panel, gap_panel, lines_panel, retirement_panel,
)
from levensfase.web.planning.selectors import effects, investment_plan
from levensfase.web.ui.cache import cached, data_version
from levensfase.web.ui.downloads import csv_response
from levensfase.web.ui.labels import language, value_label
from levensfase.web.ui.reads import k, unit_names
from levensfase.web.ui.tables import fmt


# The investment planner page: the form, the optimal portfolio, what each limit costs, CSV.
@login_required
@require_GET
def planner(request: HttpRequest) -> HttpResponse:
    if not can_plan(user=request.user):
        raise PermissionDenied
    form = planner_form(request.GET)
    context = {"form": form, "k": k(), "effects": effects(), "lang": language(), "page": "planner",
               "effects_text": effects_finding(effects()).text(language())}
    if not form.is_valid():
        return render(request, "planning/planner.html", context, status=400)
    try:
        plan = investment_plan(policy=form.policy(), by=form.cleaned_data["by"], as_of=date.today(), k=k())
    except PlannerError as exc:
        context["plan_error"] = _plan_error(exc, by=form.cleaned_data["by"])
        # The defaults on a first visit may not fit a small organisation: not the user's error.
        return render(request, "planning/planner.html", context, status=400 if request.GET else 200)
    names = _names(plan.axis)
    panels = (allocation_panel(plan, names=names), reasons_panel(plan, names=names),
              constraints_panel(plan, names=names))
    wanted = request.GET.get("csv")
    if wanted is not None:
        return csv_response(request, "planning/planner.html", context, panels, wanted, page="planner")
    context.update({"plan": plan, "panels": panels, "query": request.GET.urlencode(), "effects": plan.effects,
                    "effects_text": effects_finding(plan.effects).text(language())})
    return render(request, "planning/planner.html", context)


def _plan_error(error: PlannerError, *, by: str) -> str:
    """The core's reason in the UI language; a hidden category is not named."""
    p = error.params
    if error.code == "shares_sum":
        return _("A minimum share of %(share)s%% for each of %(n)s categories adds up to more than the whole "
                 "budget; at most %(most)s%% each is possible.") % {
            "share": fmt(p["share"], 1), "n": p["categories"], "most": fmt(p["most"], 1)}
    if error.code == "category_capacity":
        if p["hidden"]:  # its ceiling would reveal its size
            return _("A hidden group (too few people to show) cannot use the minimum share of %(floor)s. Lower the "
                     "minimum share or the budget.") % {"floor": euro(p["floor"])}
        name = value_label("life_phase" if by == "primary_phase" else by, p["category"], names=_names(by))
        return _("%(category)s can use at most %(most)s a year, less than the minimum share of %(floor)s. Lower "
                 "the minimum share or the budget.") % {"category": name, "most": euro(p["most"]),
                                                        "floor": euro(p["floor"])}
    if error.code == "development_capacity":
        return _("Development arrangements can absorb at most %(most)s a year, less than the minimum development "
                 "share of %(floor)s. Lower the development share or the budget.") % {
            "most": euro(p["most"]), "floor": euro(p["floor"])}
    if error.code == "infeasible" and p.get("group") == "min_share":
        return _("No plan meets all limits together: the minimum share per category cannot be met within the "
                 "budget. Lower it.")
    if error.code == "infeasible" and p.get("group") == "development":
        return _("No plan meets all limits together: the minimum development share cannot be met within the "
                 "budget. Lower it.")
    if error.code == "unsolved":
        return _("The plan with whole places took too long to find. Untick “Whole places only”: the plan with "
                 "fractional places is found at once and differs little.")
    if error.code == "no_categories":
        return _("There are no people at work today to plan for.")
    return _("No plan meets all limits together. Lower the minimum shares or raise the budget.")


def _names(by: str) -> dict[str, str]:
    return unit_names(load_workforce()) if by == "unit" else {}


# Projection page: fan charts of headcount and FTE, the retirement wave and the gap with demand for one
# scenario; and the comparison page: up to four scenarios side by side.
def _form_data(params, defaults: dict) -> dict:
    """The query string over the defaults; a first visit (no query) runs with the defaults."""
    data = {**defaults}
    data.update({key: params.getlist(key) if key == "scenarios" else params.get(key) for key in params})
    return data


def _run(request: HttpRequest, *, form, template: str, page: str, panels_of) -> HttpResponse:
    context = {"form": form, "k": k(), "page": page, "lang": language()}
    if not form.is_valid():
        return render(request, template, context, status=400)
    today = date.today()
    demand = form.demand(first_year=today.year + 1)
    if form.errors:  # the demand safety net added one
        return render(request, template, context, status=400)
    chosen = form.cleaned_data["chosen"]
    try:
        document = selectors.projection(scenarios_=chosen, years=form.cleaned_data["years"],
                                        runs=form.cleaned_data["runs"], seed=form.cleaned_data["seed"],
                                        demand=demand, as_of=today, k=k())
    except ProjectionError as exc:
        context["errors"] = [exc.message_en if language() == "en" else exc.message_nl]
        return render(request, template, context, status=400 if request.GET else 200)
    except ScenarioError as exc:
        context["errors"] = [exc.message_en if language() == "en" else exc.message_nl]
        return render(request, template, context, status=400)
    # The charts of a projection take longer to build than the cached projection takes to read:
    # built once per projection (the selector's key), page, k and language.
    key = ("planning_panels", page, data_version(), tuple(chosen), form.cleaned_data["years"], form.cleaned_data["runs"],
           form.cleaned_data["seed"], demand, k(), today, language())
    panels = cached(key, lambda: tuple(p for p in panels_of(document) if p is not None))
    context.update({"document": document, "panels": panels, "query": request.GET.urlencode()})
    wanted = request.GET.get("csv")
    if wanted is not None:
        return csv_response(request, template, context, panels, wanted, page=page)
    return render(request, template, context)


@login_required
@require_GET
def projection(request: HttpRequest) -> HttpResponse:
    if not can_plan(user=request.user):
        raise PermissionDenied
    builtin = selectors.scenarios()
    form = ProjectionForm(_form_data(request.GET, {"scenario": "baseline", "years": 10,
                                                                   "runs": 500, "seed": 1}),
                          families=selectors.job_families(), scenarios=builtin, lang=language())
    if form.is_valid():
        form.cleaned_data["chosen"] = [builtin[form.cleaned_data["scenario"]]]

    def panels(document: dict):
        return (band_panel(document, key="headcount", measure="headcount", title=_("Headcount"), unit=_("headcount"),
                           digits=0),
                band_panel(document, key="fte", measure="fte", title=_("FTE"), unit=_("total FTE"), digits=1),
                retirement_panel(document), gap_panel(document, k=k()))

    return _run(request, form=form, template="planning/projection.html", page="projection", panels_of=panels)


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    if not can_plan(user=request.user):
        raise PermissionDenied
    defaults = {"years": 10, "runs": 500, "seed": 1}
    if not request.GET:
        defaults["scenarios"] = ["baseline"]
    form = CompareForm(_form_data(request.GET, defaults), families=selectors.job_families(),
                       scenarios=selectors.scenarios(), lang=language())

    def panels(document: dict):
        axis = document.get("axis", "life_phase")
        return (band_panel(document, key="headcount", measure="headcount", title=_("Headcount"), unit=_("headcount"),
                           digits=0),
                band_panel(document, key="fte", measure="fte", title=_("FTE"), unit=_("total FTE"), digits=1),
                lines_panel(document, key="phases", group="by_phase", axis=axis, k=k(),
                            title=_("Life phase") if axis == "life_phase" else _("Age band")),
                lines_panel(document, key="families", group="by_family", title=_("Job family"), axis=axis, k=k()),
                retirement_panel(document), gap_panel(document, k=k()), cost_panel(document))

    return _run(request, form=form, template="planning/compare.html", page="compare", panels_of=panels)
