"""Maatwerk fixtures: a learning wish for P01 (so a development arrangement is recommended) and
plans made through the services, i.e. through the core's state machine."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from levensfase.model.plans import PlanItem
from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Conversation
from levensfase.web.maatwerk import services
from support.org_fixture import make_user


@pytest.fixture
def wish(org):
    Conversation.objects.create(person=org.people["P01"], date=org.today - timedelta(days=10),
                                topic="learning_wish", value="wondzorg")
    return org


@pytest.fixture
def p03_user(db):
    return make_user("p03", Role.EMPLOYEE, person_id="P03")


@pytest.fixture
def make_plan(users):
    """make_plan(person_id, state, user=None) -> a stored plan (one 'opleidingsbudget' item) in `state`."""

    def make(person_id="P01", state="requested", user=None, code="opleidingsbudget"):
        owner = user or users[Role.EMPLOYEE]
        item = PlanItem(code=code, start_date=date.today() + timedelta(days=7), hours=40.0, cost_eur=1500.0)
        plan = services.request_plan(user=owner, person_id=person_id, items=[item])
        if state in ("approved", "registered"):
            plan = services.act(user=users[Role.MANAGER], plan_id=plan.pk, action="approve")
        if state == "registered":
            plan = services.act(user=users[Role.HR_ADMIN], plan_id=plan.pk, action="register")
        return plan

    return make
