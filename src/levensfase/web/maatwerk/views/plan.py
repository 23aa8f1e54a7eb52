"""One plan: items, state, history and the actions the core allows this user; POST applies one.
A refusal is shown on the same page as a sentence (a missing rejection note as a field error)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from levensfase.model import plans as core
from levensfase.web.accounts.access import visible_names
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.maatwerk import presentation, selectors, services
from levensfase.web.maatwerk.models import Plan
from levensfase.web.maatwerk.views.common import lang

PRIMARY = frozenset({"approve", "register", "submit", "reopen"})  # the step forward; the rest are danger


def _visible(request: HttpRequest, plan_id: int) -> Plan:
    plan = Plan.objects.filter(pk=plan_id).prefetch_related("items", "events").first()
    # 404 for plans one may not see: do not reveal that a plan exists.
    if plan is None or not selectors.can_see_plan(user=request.user, plan=plan):
        raise Http404
    return plan


def _page(request: HttpRequest, plan: Plan, *, errors: dict[str, str] | None = None, status: int = 200) -> HttpResponse:
    actor = selectors.actor_for(user=request.user, person_id=plan.person_id)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=plan.person_id,
           detail={"view": "plan", "plan": plan.pk})
    actions = core.allowed_actions(selectors.as_core(plan), actor)
    return render(request, "maatwerk/plan.html", {
        "plan": plan, "plan_items": presentation.plan_items(plan, lang()), "events": list(plan.events.all()),
        "actions": [{"code": a, "kind": "primary" if a in PRIMARY else "danger"} for a in actions],
        "own": plan.person_id == selectors.own_person_id(user=request.user),
        "name": visible_names(user=request.user, person_ids=[plan.person_id]).get(plan.person_id, ""),
        "errors": errors or {}, "note": request.POST.get("note", "") if errors else "",
    }, status=status)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _page(request, _visible(request, plan_id))


def _sentence(text: str) -> str:
    """The core's reason ("een plan dat … kan dat niet") as a sentence for the page."""
    text = capfirst(text.strip())
    return text if text.endswith((".", "!", "?")) else text + "."


@login_required
@require_POST
def plan_act(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _visible(request, plan_id)
    action = request.POST.get("action", "")
    note = request.POST.get("note", "").strip()[:1000]
    if action not in core.ACTIONS:
        return _page(request, plan, errors={"action": _("Choose one of the buttons below.")}, status=400)
    actor = selectors.actor_for(user=request.user, person_id=plan.person_id)
    if action == "reject" and not note and action in core.allowed_actions(selectors.as_core(plan), actor):
        return _page(request, plan, errors={"note": _("Write down why you reject this plan; the employee reads it.")},
                     status=400)
    try:
        services.act(user=request.user, plan_id=plan.pk, action=action, note=note)
    except core.TransitionError as exc:
        return _page(request, plan, errors={"action": _sentence(exc.message_en if lang() == "en" else exc.message_nl)},
                     status=403)
    messages.success(request, str(DONE_MESSAGES[action]) % {"n": plan.pk})
    return redirect("maatwerk:plan", plan_id=plan.pk)


DONE_MESSAGES = {
    "submit": gettext_lazy("Plan %(n)s has been sent to your manager."),
    "approve": gettext_lazy("You approved plan %(n)s. HR registers it next."),
    "reject": gettext_lazy("You rejected plan %(n)s. The employee sees your note."),
    "register": gettext_lazy("Plan %(n)s is registered."),
    "withdraw": gettext_lazy("Plan %(n)s has been withdrawn."),
    "reopen": gettext_lazy("Plan %(n)s is a draft again."),
}
