"""The maatwerk pages of employees and managers: what is there for me, the catalog, a personal plan
and its steps, the lists of requests and plans, the team and its career conversations."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from levensfase.model import plans as core
from levensfase.model.conversations import TOPICS
from levensfase.model.plans import TransitionError
from levensfase.web.accounts import access as accounts_access
from levensfase.web.accounts.access import visible_names
from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.hr.models import Person
from levensfase.web.maatwerk import access, conversation_form, presentation, selectors, services, team
from levensfase.web.maatwerk.models import Plan
from levensfase.web.ui.labels import language
from levensfase.web.ui.responses import forbidden


# 'Wat is er voor mij?': the employee's own budget, recommended arrangements, a request form and own
# plans.
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    if not access.has_own_record(user=request.user):
        return forbidden(request, _("This page is for employees with their own personnel record."))
    person_id = selectors.own_person_id(user=request.user)
    today = date.today()
    result = selectors.maatwerk_of(person_id=person_id, on=today)
    errors: list[str] = []
    if request.method == "POST" and result is not None:
        errors = _request(request, person_id=person_id, result=result, today=today)
        if not errors:
            messages.success(request, _("Your request has been sent to your manager. You can follow it under “My plans”."))
            return redirect("maatwerk:mine")
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id, detail={"view": "maatwerk"})
    ui = language()
    context = {"person_id": person_id, "employed": result is not None, "errors": errors, "today": today,
               "plans": presentation.plan_rows(selectors.plans_of(person_id=person_id), ui)}
    if result is not None:
        context.update(presentation.budget_context(result, ikb_pct=selectors.budget_rules().ikb_pct))
        context["recommendations"] = presentation.recommendation_rows(result, ui)
    return render(request, "maatwerk/mine.html", context, status=400 if errors else 200)


def _request(request: HttpRequest, *, person_id: str, result, today: date) -> list[str]:
    """Validate the form and store the request; the messages to show when it cannot be done."""
    # recommended, or any active arrangement the employee meets the conditions of (the catalog page)
    offered = set(result.recommendations.codes) | {c for c, v in presentation.requestable(result, language()).items() if v["ok"]}
    codes = request.POST.getlist("code")
    if not codes:
        return [_("Choose at least one arrangement.")]
    if any(c not in offered for c in codes):
        return [_("You can only request arrangements whose conditions you meet today.")]
    try:
        start = date.fromisoformat(request.POST.get("start", "").strip())
    except ValueError:
        return [_("Enter a start date as YYYY-MM-DD.")]
    if start < today:
        return [_("The start date cannot be in the past.")]
    note = request.POST.get("note", "").strip()[:1000]
    items = [services.default_item(code=c, start=start) for c in dict.fromkeys(codes)]
    try:
        services.request_plan(user=request.user, person_id=person_id, items=items, note=note)
    except TransitionError as exc:
        return [exc.message_en if language() == "en" else exc.message_nl]
    return []


# The arrangement catalog as offered (switched-off entries hidden); HR admin also sees the WGBL flag, the
# legal notes, switched-off and changed entries, and the links to change them.
@login_required
def catalog(request: HttpRequest) -> HttpResponse:
    if not access.can_view_catalog(user=request.user):
        return forbidden(request, _("Your account has no role yet."))
    ui = language()
    admin = access.can_manage_catalog(user=request.user)
    default, changed = selectors.default_catalog(), set(selectors.catalog_overrides())
    rows = [{"code": a.code, "name": a.name(ui), "description": a.description_en if ui == "en" else a.description_nl,
             "bundle": a.bundle, "cost": a.cost, "wgbl": a.wgbl_justification_required, "legal_note": a.legal_note,
             "source": a.source, "active": a.active,
             "status": "own" if a.code not in default else "changed" if a.code in changed else ""}
            for a in selectors.catalog() if admin or a.active]
    context = {"rows": rows, "legal": access.sees_legal_notes(user=request.user), "admin": admin, "own": False}
    if access.has_own_record(user=request.user):
        context.update(_own(request, rows, ui))
    return render(request, "maatwerk/catalog.html", context)


def _own(request: HttpRequest, rows: list[dict], ui: str) -> dict:
    """For someone with their own record: per arrangement whether they can request it today and
    why not; a request goes to the same form handling as "Wat is er voor mij?". Audited: it reads
    the person's own facts."""
    person_id = selectors.own_person_id(user=request.user)
    today = date.today()
    result = selectors.maatwerk_of(person_id=person_id, on=today)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id, detail={"view": "catalog"})
    if result is None:
        return {"own": True, "employed": False}
    verdicts = presentation.requestable(result, ui)
    for row in rows:
        row["can"] = verdicts.get(row["code"], {"ok": False, "why": []})
    return {"own": True, "employed": True, "today": today}


# One plan: items, state, history and the actions the core allows this user; POST applies one. A refusal
# is shown on the same page as a sentence (a missing rejection note as a field error).
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
        "plan": plan, "plan_items": presentation.plan_items(plan, language()), "events": list(plan.events.all()),
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
        return _page(request, plan, errors={"action": _sentence(exc.message_en if language() == "en" else exc.message_nl)},
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


# The manager's open requests (own team only) and HR admin's approved plans to register.
@login_required
def requests(request: HttpRequest) -> HttpResponse:
    if not access.can_decide_requests(user=request.user):
        return forbidden(request, _("Only line managers decide on plan requests."))
    return _plan_list(request, selectors.team_requests(user=request.user), title=_("Plan requests of my team"),
                      empty=_("There are no open requests from your team."))


@login_required
def register(request: HttpRequest) -> HttpResponse:
    if not access.can_register(user=request.user):
        return forbidden(request, _("Only HR administrators register plans."))
    return _plan_list(request, selectors.plans_to_register(), title=_("Approved plans to register"),
                      empty=_("There are no approved plans waiting to be registered."))


def _plan_list(request: HttpRequest, plans, *, title: str, empty: str) -> HttpResponse:
    names = visible_names(user=request.user, person_ids={p.person_id for p in plans})
    return render(request, "maatwerk/plan_list.html", {
        "rows": presentation.plan_rows(plans, language(), names), "title": title, "empty": empty})


# The team list: the manager's own team (HR admin: any unit) with the last career conversation, a flag
# when it is more than 12 months ago or never held, open plan requests, and the way to start one.
@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    if not team.can_view_team(user=request.user):
        return forbidden(request, _("The team list is for line managers and HR administrators."))
    units = team.unit_choices(user=request.user)
    unit_id = request.GET.get("unit", "")[:64]
    if unit_id and unit_id not in {u.unit_id for u in units}:
        unit_id = ""  # an unknown or foreign unit filters nothing rather than failing
    page, rows = team.team_page(user=request.user, unit_id=unit_id, today=date.today(),
                                page=request.GET.get("page", 1))
    record(user=request.user, action=Action.VIEW_PERSON,
           detail={"view": "team", "unit": unit_id, "people": [r.person_id for r in rows]})
    return render(request, "maatwerk/team.html", {
        "rows": rows, "page": page, "units": units, "unit_id": unit_id,
        "manager": accounts_access.role_of(request.user) == Role.MANAGER,
    })


# Career conversation (loopbaangesprek): the employee themself or their own manager records the answers;
# each save adds rows to the exchange conversations table, so the history stays.
@login_required
def conversation(request: HttpRequest, person_id: str) -> HttpResponse:
    own = person_id == selectors.own_person_id(user=request.user)
    if not (own or selectors.manages(user=request.user, person_id=person_id)) \
            or not Person.objects.filter(person_id=person_id).exists():
        return forbidden(request, _("Only the employee and their own manager can hold this career conversation."))
    ui = language()
    errors: list[str] = []
    if request.method == "POST":
        answers, errors = conversation_form.clean(request.POST, ui)
        if not errors:
            services.save_conversation(user=request.user, person_id=person_id, on=date.today(), answers=answers)
            return redirect("maatwerk:conversation", person_id=person_id)
    record(user=request.user, action=Action.VIEW_PERSON, person_id=person_id, detail={"view": "conversation"})
    labels = {t.name: (t.label_en if ui == "en" else t.label_nl) for t in TOPICS.values()}
    history = [{"date": d, "topic": labels.get(t, t), "value": str(conversation_form.CHOICE_LABELS.get(v, v))}
               for d, t, v in selectors.conversation_history(person_id=person_id)]
    return render(request, "maatwerk/conversation.html", {
        "person_id": person_id, "own": own, "errors": errors, "history": history,
        "name": visible_names(user=request.user, person_ids=[person_id]).get(person_id, ""),
        "fields": conversation_form.fields(ui, request.POST if errors else None),
    }, status=400 if errors else 200)
