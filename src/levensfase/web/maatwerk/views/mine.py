"""'Wat is er voor mij?': the employee's own budget, recommended arrangements, a request form and own plans."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from levensfase.model.plans import TransitionError
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.maatwerk import access, presentation, selectors, services
from levensfase.web.maatwerk.views.common import forbidden, lang


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
    ui = lang()
    context = {"person_id": person_id, "employed": result is not None, "errors": errors, "today": today,
               "plans": presentation.plan_rows(selectors.plans_of(person_id=person_id), ui)}
    if result is not None:
        context.update(presentation.budget_context(result, ikb_pct=selectors.budget_rules().ikb_pct))
        context["recommendations"] = presentation.recommendation_rows(result, ui)
    return render(request, "maatwerk/mine.html", context, status=400 if errors else 200)


def _request(request: HttpRequest, *, person_id: str, result, today: date) -> list[str]:
    """Validate the form and store the request; the messages to show when it cannot be done."""
    # recommended, or any active arrangement the employee meets the conditions of (the catalog page)
    offered = set(result.recommendations.codes) | {c for c, v in presentation.requestable(result, lang()).items() if v["ok"]}
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
        return [exc.message_en if lang() == "en" else exc.message_nl]
    return []
