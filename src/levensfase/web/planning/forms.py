"""The planner form, read from the query string: the page computes, it never saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from levensfase.planning.planner import Policy
from levensfase.web.ui.filters import CATEGORY_LABELS

# planner_baseline.PLANNER_AXES in reading order: the primary life phase (a partition) beside age band and job family
AXES = ("job_family", "primary_phase", "age_band", "generation", "unit", "contract", "sex")
AXIS_LABELS = {**CATEGORY_LABELS, "primary_phase": _("primary life phase")}
DEFAULTS = {"budget": 100_000, "min_category_share": 2, "min_development_share": 25, "by": "job_family",
            "horizon": 3, "whole": True}


class PlannerForm(forms.Form):
    budget = forms.DecimalField(label=_("Budget per year (€)"), min_value=1, max_value=1_000_000_000,
                                decimal_places=2, max_digits=14)
    min_category_share = forms.DecimalField(label=_("Minimum share per category (% of the budget)"), min_value=0,
                                            max_value=100, decimal_places=2, max_digits=5)
    min_development_share = forms.DecimalField(label=_("Minimum development share (% of the budget)"),
                                               min_value=0, max_value=100, decimal_places=2, max_digits=5)
    by = forms.ChoiceField(label=_("Categories"), choices=[(a, AXIS_LABELS[a]) for a in AXES])
    horizon = forms.IntegerField(label=_("Horizon (years)"), min_value=1, max_value=15)
    whole = forms.BooleanField(label=_("Whole places only"), required=False)

    def policy(self) -> Policy:
        data = self.cleaned_data
        return Policy(budget=float(data["budget"]), min_category_share=float(data["min_category_share"]) / 100,
                      min_development_share=float(data["min_development_share"]) / 100,
                      horizon_years=int(data["horizon"]), integer=bool(data["whole"]))


def planner_form(params) -> PlannerForm:
    """A bound form: the defaults, overridden by whatever the query string sets (csv, etc. ignored)."""
    data = {name: params.get(name, "") if name in params else value for name, value in DEFAULTS.items()}
    if params and "budget" in params:  # a submitted form: an unticked box is absent, not the default
        data["whole"] = params.get("whole", "")
    return PlannerForm(data)
