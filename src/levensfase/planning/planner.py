"""The investment planner: which categories to bet on, as a portfolio across all of them.

Given a yearly budget, choose how many places of each arrangement type to fund in each category
(age band, unit, job family, …) to maximise the expected retained FTE-years. The model, first
order and linear so that a solver can show what every policy constraint costs:

    a place = one person of category c reached by type a for one year
    retained FTE-years per place = exit_rate(c) × reduction(a, c) × mean FTE(c) × horizon

`exit_rate(c)` is the observed yearly exit probability of the category (see `planner_baseline`),
`reduction(a, c)` the relative risk reduction from `effects.toml`; the funded places are kept for
`horizon` years, each year avoiding exit_rate × reduction exits of people worth mean-FTE each.
Spending is per year. Constraints:
  budget            Σ cost × places ≤ budget
  min_share[c]      spend in c ≥ min_category_share × budget (every category gets something)
  development       spend on development-bundle types ≥ min_development_share × budget
  capacity[a]       Σ places of type a ≤ max_places (when the type has a maximum)
  reach[c]          Σ places in c ≤ population of c (one type per person: effects do not stack)
Solved as an LP (duals = shadow prices) or, with `integer=True`, a MILP with whole places, by
HiGHS. What each constraint costs is also measured by re-solving without it (budget: +10 %).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import highspy
import numpy as np
import polars as pl

from levensfase.planning.effects import ArrangementType, Effects

__all__ = ["Category", "PlanResult", "PlannerError", "Policy", "solve_plan"]

_INF = highspy.kHighsInf
BUDGET_STEP = 0.10  # the budget "relaxation" is this fraction more money


class PlannerError(ValueError):
    """Input the planner cannot solve; the message says which limit to change.

    `code` and `params` let a front end say the same in its own language."""

    def __init__(self, message: str, *, code: str = "infeasible", **params: object) -> None:
        super().__init__(message)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Category:
    """One category as the planner sees it; `label` names it in messages (a hidden one gets a neutral label)."""

    value: str
    population: int
    fte: float
    exit_rate: float
    label: str | None = None

    @property
    def shown_as(self) -> str:
        return self.label if self.label is not None else self.value


@dataclass(frozen=True)
class Policy:
    """The choices management makes: money, floors, how long the funded places are kept."""

    budget: float
    min_category_share: float = 0.0
    min_development_share: float = 0.0
    horizon_years: int = 3
    integer: bool = False


@dataclass(frozen=True)
class PlanResult:
    """allocation: category, type, bundle, places, spend, retained_fte_years (one row per pair);
    constraints: name, kind, category, type, limit, used, binding, shadow_price, gain_if_relaxed, relaxation."""

    allocation: pl.DataFrame
    constraints: pl.DataFrame
    spend: float
    retained_fte_years: float
    policy: Policy
    axis: str | None = None


@dataclass(frozen=True)
class _Row:
    name: str
    kind: str
    category: str | None
    type: str | None
    columns: tuple[int, ...]
    coefficients: tuple[float, ...]
    lower: float
    upper: float


def _coefficient(category: Category, kind: ArrangementType, axis: str | None, horizon: int) -> float:
    return category.exit_rate * kind.reduction_for(axis, category.value) * category.fte * horizon


def _rows(categories: Sequence[Category], types: Sequence[ArrangementType], policy: Policy) -> list[_Row]:
    n_types = len(types)
    cost = [t.cost_eur for t in types]
    every = tuple(range(len(categories) * n_types))
    rows = [_Row("budget", "budget", None, None, every, tuple(cost * len(categories)), -_INF, policy.budget)]
    if policy.min_category_share > 0:
        floor = policy.min_category_share * policy.budget
        for i, c in enumerate(categories):
            cols = tuple(i * n_types + j for j in range(n_types))
            rows.append(_Row(f"min_share[{c.value}]", "min_share", c.value, None, cols, tuple(cost), floor, _INF))
    if policy.min_development_share > 0:
        dev = [j for j, t in enumerate(types) if t.bundle == "development"]
        cols = tuple(i * n_types + j for i in range(len(categories)) for j in dev)
        rows.append(_Row("development", "development", None, None, cols, tuple(cost[j] for _ in categories for j in dev),
                         policy.min_development_share * policy.budget, _INF))
    for j, t in enumerate(types):
        if t.max_places is not None:
            cols = tuple(i * n_types + j for i in range(len(categories)))
            rows.append(_Row(f"capacity[{t.code}]", "capacity", None, t.code, cols, (1.0,) * len(cols), -_INF, t.max_places))
    for i, c in enumerate(categories):
        cols = tuple(i * n_types + j for j in range(n_types))
        rows.append(_Row(f"reach[{c.value}]", "reach", c.value, None, cols, (1.0,) * n_types, -_INF, c.population))
    return rows


def _solve(objective: list[float], upper: list[float], rows: list[_Row], integer: bool) -> tuple[str, list, list, float]:
    """(status, column values, row duals or [], objective) of max objective·x s.t. rows, 0 ≤ x ≤ upper."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    empty_i, empty_v = np.array([], dtype=np.int32), np.array([], dtype=np.float64)
    for c, u in zip(objective, upper):
        h.addCol(float(c), 0.0, float(u), 0, empty_i, empty_v)
    for r in rows:
        h.addRow(float(r.lower), float(r.upper), len(r.columns), np.array(r.columns, dtype=np.int32),
                 np.array(r.coefficients, dtype=np.float64))
    if integer and objective:
        h.changeColsIntegrality(len(objective), np.arange(len(objective), dtype=np.int32),
                                np.array([highspy.HighsVarType.kInteger] * len(objective)))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        return h.modelStatusToString(status), [], [], math.nan
    solution = h.getSolution()
    duals = list(solution.row_dual) if solution.dual_valid and not integer else []
    return "Optimal", list(solution.col_value), duals, float(h.getInfo().objective_function_value)


def _check(categories: Sequence[Category], types: Sequence[ArrangementType], policy: Policy) -> None:
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


def solve_plan(categories: Sequence[Category], effects: Effects | Sequence[ArrangementType], policy: Policy,
               *, axis: str | None = None) -> PlanResult:
    """The optimal portfolio and what each constraint costs. Raises PlannerError when it cannot be solved."""
    types = list(effects.types if isinstance(effects, Effects) else effects)
    _check(categories, types, policy)
    objective = [_coefficient(c, t, axis, policy.horizon_years) for c in categories for t in types]
    # No column bounds: reach and capacity are rows, so their duals (not reduced costs) carry the price.
    upper = [_INF] * len(objective)
    rows = _rows(categories, types, policy)
    status, x, duals, best = _solve(objective, upper, rows, policy.integer)
    if status != "Optimal":
        message, group = _why_infeasible(objective, upper, rows, policy.integer, status)
        raise PlannerError(message, code="infeasible", group=group)
    if policy.integer:
        x = [round(v) for v in x]
    allocation = pl.DataFrame(
        [(c.value, t.code, t.bundle, float(x[i * len(types) + j]), x[i * len(types) + j] * t.cost_eur,
          x[i * len(types) + j] * objective[i * len(types) + j])
         for i, c in enumerate(categories) for j, t in enumerate(types)],
        schema={"category": pl.String, "type": pl.String, "bundle": pl.String, "places": pl.Float64,
                "spend": pl.Float64, "retained_fte_years": pl.Float64}, orient="row")
    constraints = _constraint_costs(objective, upper, rows, x, duals, best, policy.integer)
    return PlanResult(allocation=allocation, constraints=constraints, spend=float(allocation["spend"].sum()),
                      retained_fte_years=best, policy=policy, axis=axis)


def _constraint_costs(objective: list[float], upper: list[float], rows: list[_Row], x: list, duals: list,
                      best: float, integer: bool) -> pl.DataFrame:
    """Per row: how much of the limit is used, whether it binds, its dual, and the gain of a re-solve without it."""
    records = []
    for r_index, row in enumerate(rows):
        used = sum(x[c] * v for c, v in zip(row.columns, row.coefficients))
        limit = row.upper if row.upper != _INF else row.lower
        binding = abs(used - limit) <= 1e-6 * max(1.0, abs(limit))
        if row.kind == "budget":
            relaxed = [replace(row, upper=row.upper * (1 + BUDGET_STEP)) if r is row else r for r in rows]
            relaxation = "+10%"
        else:
            relaxed = [r for r in rows if r is not row]
            relaxation = "dropped"
        if binding:
            status, _, _, value = _solve(objective, upper, relaxed, integer)
            gain = max(0.0, value - best) if status == "Optimal" else None
        else:
            gain = 0.0
        shadow = float(duals[r_index]) if duals else None
        records.append((row.name, row.kind, row.category, row.type, float(limit), float(used), binding, shadow,
                        gain, relaxation))
    return pl.DataFrame(records, orient="row", schema={
        "name": pl.String, "kind": pl.String, "category": pl.String, "type": pl.String, "limit": pl.Float64,
        "used": pl.Float64, "binding": pl.Boolean, "shadow_price": pl.Float64, "gain_if_relaxed": pl.Float64,
        "relaxation": pl.String})


def _why_infeasible(objective: list[float], upper: list[float], rows: list[_Row], integer: bool,
                    status: str) -> tuple[str, str | None]:
    """Name the group of constraints whose removal makes the problem solvable."""
    groups = {"min_share": "the minimum share per category", "development": "the minimum development share",
              "capacity": "the maximum places per arrangement type"}
    for kind, words in groups.items():
        if any(r.kind == kind for r in rows):
            status_without, *_ = _solve(objective, upper, [r for r in rows if r.kind != kind], integer)
            if status_without == "Optimal":
                return f"no plan meets all limits together; {words} cannot be met within the budget — lower it", kind
    return f"no plan meets all limits together (solver: {status}); lower the minimum shares or raise the budget", None
