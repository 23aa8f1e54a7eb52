"""One plan: items, state, history and the actions the core allows this user; POST applies one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levensfase.model import plans as core
from levensfase.web.accounts.access import visible_names
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.maatwerk import presentation, selectors, services
from levensfase.web.maatwerk.models import Plan
from levensfase.web.maatwerk.views.common import forbidden, lang


def _visible(request: HttpRequest, plan_id: int) -> Plan:
    plan = Plan.objects.filter(pk=plan_id).prefetch_related("items", "events").first()
    # 404 for plans one may not see: do not reveal that a plan exists.
    if plan is None or not selectors.can_see_plan(user=request.user, plan=plan):
        raise Http404
    return plan


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _visible(request, plan_id)
    actor = selectors.actor_for(user=request.user, person_id=plan.person_id)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=plan.person_id,
           detail={"view": "plan", "plan": plan.pk})
    return render(request, "maatwerk/plan.html", {
        "plan": plan, "plan_items": presentation.plan_items(plan, lang()), "events": list(plan.events.all()),
        "actions": core.allowed_actions(selectors.as_core(plan), actor),
        "own": plan.person_id == selectors.own_person_id(user=request.user),
        "name": visible_names(user=request.user, person_ids=[plan.person_id]).get(plan.person_id, ""),
    })


@login_required
@require_POST
def plan_act(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _visible(request, plan_id)
    action = request.POST.get("action", "")
    if action not in core.ACTIONS:
        return forbidden(request, _("Unknown action."))
    try:
        services.act(user=request.user, plan_id=plan.pk, action=action, note=request.POST.get("note", "")[:1000])
    except core.TransitionError as exc:
        return forbidden(request, exc.message_en if lang() == "en" else exc.message_nl)
    return redirect("maatwerk:plan", plan_id=plan.pk)
