"""Labels for plan states, actions, bundles and budgets in the UI language (templates print these)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

LABELS = {
    "draft": _("draft"), "requested": _("requested"), "approved": _("approved"), "registered": _("registered"),
    "rejected": _("rejected"), "withdrawn": _("withdrawn"),
    "create": _("created"), "submit": _("Request"), "approve": _("approve"), "reject": _("reject"),
    "register": _("register"), "withdraw": _("withdraw"), "reopen": _("reopen"),
    "development": _("development"), "utilisation": _("utilisation"), "maintenance": _("maintenance"),
    "accommodative": _("sparing"),
    "employer": _("employer"), "plb": _("personal budget (hours)"), "ikb": _("individual choice budget"),
    "own_budget": _("levensfasebudget (euros)"), "training_budget": _("training budget (euros)"),
    "once": _("once"), "year": _("per year"),
    "age_band": _("Age band"), "generation": _("Generation"), "unit": _("Unit"), "job_family": _("Job family"),
    "contract": _("Contract"), "sex": _("Sex"), "life_phase": _("Life phase"),
    "add": _("added"), "edit": _("changed"), "reset": _("reset to standard"),
    "hr_admin": _("HR administrator"), "manager": _("Line manager"), "employee": _("Employee"),
}

DONE = {"create": _("created"), "submit": _("requested"), "approve": _("approved"), "reject": _("rejected"),
        "register": _("registered"), "withdraw": _("withdrawn"), "reopen": _("reopened")}


@register.filter
def mw_label(code: str | None) -> str:
    return LABELS.get(code or "", code or "")


@register.filter
def mw_done(action: str) -> str:
    """The history wording of an action ("approved" rather than "approve")."""
    return DONE.get(action, action)
