"""Why a plan cannot be made: clear messages before the solver says only "infeasible", and after it.

Split from `planner` so the model stays one idea; both name the limit the user should change.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import highspy

from levensfase.planning.effects import ArrangementType

if TYPE_CHECKING:
    from levensfase.planning.planner import Category, Policy, _Model

__all__ = ["PlannerError", "check_input", "why_infeasible"]

_INF = highspy.kHighsInf


class PlannerError(ValueError):
    """Input the planner cannot solve; the message says which limit to change.

    `code` and `params` let a front end say the same in its own language."""

    def __init__(self, message: str, *, code: str = "infeasible", **params: object) -> None:
        super().__init__(message)
        self.code, self.params = code, params


def check_input(categories: Sequence[Category], types: Sequence[ArrangementType], policy: Policy) -> None:
    """Clear messages for input that cannot work, before the solver says only 'infeasible'."""
    if not categories:
        raise PlannerError("there are no categories with people in them to plan for", code="no_categories")
    if not types:
        raise PlannerError("the effects file names no arrangement types", code="no_types")
    if not (math.isfinite(policy.budget) and policy.budget > 0):
        raise PlannerError(f"the budget must be a positive amount, got {policy.budget!r}", code="budget")
    for name, share in (("minimum share per category", policy.min_category_share),
                        ("minimum development share", policy.min_development_share)):
        if not (math.isfinite(share) and 0 <= share <= 1):
            raise PlannerError(f"the {name} must be between 0 and 100 %, got {share * 100:g} %", code="share_range")
    if not (isinstance(policy.horizon_years, int) and 1 <= policy.horizon_years <= 15):
        raise PlannerError(f"the horizon must be 1 to 15 years, got {policy.horizon_years!r}", code="horizon")
    total = policy.min_category_share * len(categories)
    if total > 1 + 1e-9:
        raise PlannerError(
            f"a minimum share of {policy.min_category_share * 100:g} % for each of {len(categories)} categories "
            f"adds up to {total * 100:g} % of the budget; at most {100 / len(categories):.1f} % each is possible",
            code="shares_sum", share=policy.min_category_share * 100, categories=len(categories),
            most=100 / len(categories))
    floor = policy.min_category_share * policy.budget
    for c in categories:
        most = min(c.population * max(t.cost_eur for t in types),  # one type per person (reach)
                   sum(min(c.population, t.max_places if t.max_places is not None else c.population) * t.cost_eur
                       for t in types))
        if most + 1e-6 < floor:
            raise PlannerError(
                f"category {c.shown_as} can use at most € {most:,.0f} a year, less than "
                f"the minimum share of € {floor:,.0f}; lower the minimum share or the budget",
                code="category_capacity", category=c.value, hidden=c.label is not None, most=most, floor=floor)
    dev = [t for t in types if t.bundle == "development"]
    dev_floor = policy.min_development_share * policy.budget
    if dev_floor > 0:
        places = sum(c.population for c in categories)
        most = sum(min(places, t.max_places if t.max_places is not None else places) * t.cost_eur for t in dev)
        if most + 1e-6 < dev_floor:
            raise PlannerError(
                f"development arrangements can absorb at most € {most:,.0f} a year, less than the minimum "
                f"development share of € {dev_floor:,.0f}; lower the development share or the budget",
                code="development_capacity", most=most, floor=dev_floor)



def why_infeasible(model: _Model, status: str) -> tuple[str, str | None]:
    """Name the group of constraints whose removal makes the problem solvable."""
    if status != "Infeasible":
        return (f"the solver stopped without a plan ({status}); with whole places, try again without "
                "'whole places only'"), None
    groups = {"min_share": "the minimum share per category", "development": "the minimum development share",
              "capacity": "the maximum places per arrangement type"}
    for kind, words in groups.items():
        dropped = {i: (-_INF, _INF) for i, r in enumerate(model.rows) if r.kind == kind}
        if dropped and model.solve_with(dropped)[0] == "Optimal":
            return f"no plan meets all limits together; {words} cannot be met within the budget — lower it", kind
    return f"no plan meets all limits together (solver: {status}); lower the minimum shares or raise the budget", None
