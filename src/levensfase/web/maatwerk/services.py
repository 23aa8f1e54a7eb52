"""Writes for the maatwerk screens. Every change asks `model.plans` first; a refused action raises
its TransitionError and nothing is written. Registering copies the items into the exchange
arrangements table, so budgets, analytics and the policy scan see them."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from levensfase.model import plans as core
from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.hr.models import Arrangement, Conversation
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.maatwerk import selectors
from levensfase.web.maatwerk.models import Plan, PlanEvent, PlanItem


def _store_events(*, plan: Plan, result: core.Plan, user, start: int) -> None:
    for e in result.history[start:]:
        PlanEvent.objects.create(plan=plan, at=e.at, action=e.action, from_state=e.from_state or "",
                                 to_state=e.to_state, actor_role=e.actor_role, actor_person_id=e.actor_person_id or "",
                                 user=user, username=user.get_username(), note=e.note)


@transaction.atomic
def request_plan(*, user, person_id: str, items: list[core.PlanItem], note: str = "") -> Plan:
    """A new plan for `person_id`, created and submitted in one step (the employee's "request")."""
    actor = selectors.actor_for(user=user, person_id=person_id)
    now = timezone.now()
    draft = core.new_plan(person_id=person_id, items=tuple(items), actor=actor, at=now, note=note)
    result = core.transition(draft, action="submit", actor=actor, at=now)
    plan = Plan.objects.create(person_id=person_id, state=result.state, created_at=now)
    for i in result.items:
        PlanItem.objects.create(plan=plan, code=i.code, start_date=i.start_date, end_date=i.end_date,
                                hours=i.hours, cost_eur=i.cost_eur)
    _store_events(plan=plan, result=result, user=user, start=0)
    record(user=user, action=Action.PLAN, person_id=person_id,
           detail={"plan": plan.pk, "action": "submit", "codes": [i.code for i in result.items]})
    return plan


@transaction.atomic
def act(*, user, plan_id: int, action: str, note: str = "") -> Plan:
    """Apply one core action to a stored plan; TransitionError (nothing written) when not allowed."""
    plan = Plan.objects.select_for_update().get(pk=plan_id)
    before = selectors.as_core(plan)
    result = core.transition(before, action=action, actor=selectors.actor_for(user=user, person_id=plan.person_id),
                             at=timezone.now(), note=note)
    plan.state = result.state
    plan.save(update_fields=["state"])
    _store_events(plan=plan, result=result, user=user, start=len(before.history))
    if action == "register":
        _register(plan=plan, items=result.items)
    record(user=user, action=Action.PLAN, person_id=plan.person_id,
           detail={"plan": plan.pk, "action": action, "state": result.state})
    return plan


def _register(*, plan: Plan, items: tuple[core.PlanItem, ...]) -> None:
    forget_workforce()
    for i in items:
        Arrangement.objects.update_or_create(
            person_id=plan.person_id, code=i.code, start_date=i.start_date,
            defaults={"end_date": i.end_date, "hours": i.hours, "cost_eur": i.cost_eur,
                      "import_run": None})  # an app row: no import removes or overwrites it
    transaction.on_commit(forget_workforce)


def default_item(*, code: str, start: date) -> core.PlanItem:
    """A requested arrangement with the catalog's cost (hours for the PLB, euros otherwise)."""
    cost = selectors.catalog()[code].cost
    return core.PlanItem(code=code, start_date=start, hours=cost.hours or None, cost_eur=cost.eur or None)


@transaction.atomic
def save_conversation(*, user, person_id: str, on: date, answers: dict[str, str]) -> None:
    """Store one conversation's answers (already normalised); a second save on the same day replaces
    that day's answer per topic, earlier days stay as history."""
    forget_workforce()
    for topic, value in answers.items():
        Conversation.objects.update_or_create(person_id=person_id, date=on, topic=topic,
                                              defaults={"value": value, "import_run": None})  # an app row
    transaction.on_commit(forget_workforce)
    record(user=user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"view": "conversation", "saved": sorted(answers)})
