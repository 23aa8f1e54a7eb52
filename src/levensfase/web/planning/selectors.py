"""Read side of the planning pages: the organisation's plan, cached per data version and inputs."""

from __future__ import annotations

from datetime import date

from levensfase.planning.effects import Effects, load_effects
from levensfase.planning.planner import Policy
from levensfase.planning.planner_baseline import PublishedPlan, plan_for_workforce
from levensfase.web.dashboards.cache import cached, data_version
from levensfase.web.hr.selectors import load_workforce


def effects() -> Effects:
    """The packaged effects file (an organisation edits its copy; see docs/planner.md)."""
    return cached(("planning", "effects"), load_effects)


def investment_plan(*, policy: Policy, by: str, as_of: date, k: int) -> PublishedPlan:
    """The published plan; raises PlannerError for input that cannot be planned."""
    key = ("planning", "plan", data_version(), policy, by, as_of, k)
    return cached(key, lambda: plan_for_workforce(load_workforce(), by=by, as_of=as_of, effects=effects(),
                                                  policy=policy, k=k))
