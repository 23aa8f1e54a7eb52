"""The plan workflow: who may move a plan from which state to which, and the history it leaves."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from levensfase.model.plans import Actor, PlanItem, TransitionError, allowed_actions, new_plan, transition

T = datetime(2025, 3, 1, 10, 0)
EMPLOYEE = Actor("employee", "E1")
MANAGER = Actor("manager", "M1", manages_person=True)
OTHER_MANAGER = Actor("manager", "M2", manages_person=False)
HR = Actor("hr_admin", "H1")
ITEMS = (PlanItem("opleidingsbudget", date(2025, 4, 1), hours=40, cost_eur=1500),)


def requested():
    return transition(new_plan(person_id="E1", items=ITEMS, actor=EMPLOYEE, at=T), action="submit", actor=EMPLOYEE, at=T)


def test_happy_path_leaves_a_history_entry_per_step():
    plan = transition(requested(), action="approve", actor=MANAGER, at=T)
    plan = transition(plan, action="register", actor=HR, at=T, note="in salarisadministratie")
    assert plan.state == "registered"
    assert [(h.action, h.from_state, h.to_state, h.actor_person_id) for h in plan.history] == [
        ("create", None, "draft", "E1"), ("submit", "draft", "requested", "E1"),
        ("approve", "requested", "approved", "M1"), ("register", "approved", "registered", "H1")]
    assert plan.history[-1].note == "in salarisadministratie"


def test_a_manager_cannot_approve_their_own_plan():
    own = Actor("manager", "E1", manages_person=True)  # a manager's plan, their role does not help
    with pytest.raises(TransitionError) as info:
        transition(requested(), action="approve", actor=own, at=T)
    assert info.value.message_nl == "niemand kan over het eigen plan beslissen"


def test_a_manager_of_another_team_cannot_approve():
    with pytest.raises(TransitionError, match="only for their own team"):
        transition(requested(), action="approve", actor=OTHER_MANAGER, at=T)


@pytest.mark.parametrize("actor", [HR, Actor("hr_analyst", "A1"), Actor("works_council", None),
                                   Actor("occupational_health", "B1"), Actor("employee", "E2")])
def test_only_a_line_manager_approves(actor):
    with pytest.raises(TransitionError, match="line manager"):
        transition(requested(), action="approve", actor=actor, at=T)


def test_only_hr_registers_and_not_their_own_plan():
    approved = transition(requested(), action="approve", actor=MANAGER, at=T)
    with pytest.raises(TransitionError, match="only HR"):
        transition(approved, action="register", actor=MANAGER, at=T)
    hr_self = Actor("hr_admin", "E1")
    with pytest.raises(TransitionError, match="their own plan"):
        transition(approved, action="register", actor=hr_self, at=T)


def test_states_must_be_passed_in_order_and_nothing_changes_on_refusal():
    draft = new_plan(person_id="E1", items=ITEMS, actor=EMPLOYEE, at=T)
    with pytest.raises(TransitionError, match="cannot approve a plan that is draft"):
        transition(draft, action="approve", actor=MANAGER, at=T)
    with pytest.raises(TransitionError, match="cannot register a plan that is draft"):
        transition(draft, action="register", actor=HR, at=T)
    assert draft.state == "draft" and len(draft.history) == 1


def test_rejection_needs_a_reason_and_the_employee_may_reopen():
    with pytest.raises(TransitionError, match="needs a reason"):
        transition(requested(), action="reject", actor=MANAGER, at=T)
    rejected = transition(requested(), action="reject", actor=MANAGER, at=T, note="past niet in de planning")
    assert rejected.state == "rejected"
    assert transition(rejected, action="reopen", actor=EMPLOYEE, at=T).state == "draft"
    with pytest.raises(TransitionError, match="only the employee"):
        transition(rejected, action="reopen", actor=MANAGER, at=T)


def test_only_the_employee_submits_or_withdraws():
    draft = new_plan(person_id="E1", items=ITEMS, actor=MANAGER, at=T)  # started in a conversation
    with pytest.raises(TransitionError, match="only the employee"):
        transition(draft, action="submit", actor=MANAGER, at=T)
    withdrawn = transition(requested(), action="withdraw", actor=EMPLOYEE, at=T)
    assert withdrawn.state == "withdrawn"
    registered = transition(transition(requested(), action="approve", actor=MANAGER, at=T),
                            action="register", actor=HR, at=T)
    with pytest.raises(TransitionError, match="cannot withdraw a plan that is registered"):
        transition(registered, action="withdraw", actor=EMPLOYEE, at=T)


def test_starting_a_plan_and_allowed_actions():
    with pytest.raises(TransitionError, match="only the employee or their own manager"):
        new_plan(person_id="E1", items=ITEMS, actor=OTHER_MANAGER, at=T)
    with pytest.raises(TransitionError, match="at least one arrangement"):
        new_plan(person_id="E1", items=(), actor=EMPLOYEE, at=T)
    plan = requested()
    assert allowed_actions(plan, EMPLOYEE) == ["withdraw"]
    assert allowed_actions(plan, MANAGER) == ["approve", "reject"]
    assert allowed_actions(plan, OTHER_MANAGER) == [] and allowed_actions(plan, HR) == []
    with pytest.raises(TransitionError, match="unknown action"):
        transition(plan, action="delete", actor=HR, at=T)
