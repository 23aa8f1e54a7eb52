"""The investment planner page: the form, the optimal portfolio, what each limit costs, CSV."""

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
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.planning.access import can_plan
from levensfase.web.planning.forms import planner_form
from levensfase.web.planning.presentation import allocation_panel, constraints_panel, euro, reasons_panel
from levensfase.web.planning.selectors import effects, investment_plan
from levensfase.web.ui.downloads import csv_response
from levensfase.web.ui.labels import language, value_label
from levensfase.web.ui.reads import k, unit_names
from levensfase.web.ui.tables import fmt


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
