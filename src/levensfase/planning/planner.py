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
from dataclasses import dataclass

import highspy
import numpy as np
import polars as pl

from levensfase.planning.effects import ArrangementType, Effects

__all__ = ["Category", "PlanResult", "PlannerError", "Policy", "solve_plan"]

_INF = highspy.kHighsInf
BUDGET_STEP = 0.10  # the budget "relaxation" is this fraction more money
MILP_SECONDS = 20.0  # a whole-places plan that takes longer is refused (the LP answers at once)
MILP_RESOLVES = 12  # with whole places, re-solve every binding limit only up to this many


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


class _Model:
    """One HiGHS model kept between solves: re-solving with a limit changed starts from the last
    basis, so measuring what each of a hundred limits costs takes a few pivots each, not a solve."""

    def __init__(self, objective: list[float], rows: list[_Row], integer: bool) -> None:
        self.rows, self.integer = rows, integer
        h = self.h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("time_limit", MILP_SECONDS if integer else 60.0)
        n = len(objective)
        h.addVars(n, np.zeros(n), np.full(n, _INF))
        h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(objective, dtype=np.float64))
        starts = np.cumsum([0] + [len(r.columns) for r in rows[:-1]]).astype(np.int32)
        index = np.array([c for r in rows for c in r.columns], dtype=np.int32)
        value = np.array([v for r in rows for v in r.coefficients], dtype=np.float64)
        h.addRows(len(rows), np.array([r.lower for r in rows], dtype=np.float64),
                  np.array([r.upper for r in rows], dtype=np.float64), len(index), starts, index, value)
        if integer and n:
            h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)

    def solve(self) -> tuple[str, list, list, float]:
        """(status, column values, row duals or [], objective)."""
        self.h.run()
        status = self.h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            return self.h.modelStatusToString(status), [], [], math.nan
        solution = self.h.getSolution()
        duals = list(solution.row_dual) if solution.dual_valid and not self.integer else []
        return "Optimal", list(solution.col_value), duals, float(self.h.getInfo().objective_function_value)

    def solve_with(self, bounds: dict[int, tuple[float, float]]) -> tuple[str, float]:
        """Status and objective with some rows' bounds changed; the bounds are put back afterwards."""
        for i, (low, high) in bounds.items():
            self.h.changeRowBounds(i, low, high)
        status, _x, _d, value = self.solve()
        for i in bounds:
            self.h.changeRowBounds(i, self.rows[i].lower, self.rows[i].upper)
        return status, value


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
    rows = _rows(categories, types, policy)
    model = _Model(objective, rows, policy.integer)
    status, x, duals, best = model.solve()
    if status != "Optimal":
        message, group = _why_infeasible(model, status)
        raise PlannerError(message, code="infeasible" if status == "Infeasible" else "unsolved", group=group)
    if policy.integer:
        x = [round(v) for v in x]
    allocation = pl.DataFrame(
        [(c.value, t.code, t.bundle, float(x[i * len(types) + j]), x[i * len(types) + j] * t.cost_eur,
          x[i * len(types) + j] * objective[i * len(types) + j])
         for i, c in enumerate(categories) for j, t in enumerate(types)],
        schema={"category": pl.String, "type": pl.String, "bundle": pl.String, "places": pl.Float64,
                "spend": pl.Float64, "retained_fte_years": pl.Float64}, orient="row")
    constraints = _constraint_costs(model, x, duals, best)
    return PlanResult(allocation=allocation, constraints=constraints, spend=float(allocation["spend"].sum()),
                      retained_fte_years=best, policy=policy, axis=axis)


def _constraint_costs(model: _Model, x: list, duals: list, best: float) -> pl.DataFrame:
    """Per row: how much of the limit is used, whether it binds, its dual, and the gain of a re-solve
    without it (budget: 10 % more). With whole places every re-solve is a MILP, so past
    MILP_RESOLVES binding rows only the budget, development and capacity rows are re-solved."""
    rows = model.rows
    used = [sum(x[c] * v for c, v in zip(row.columns, row.coefficients)) for row in rows]
    limits = [row.upper if row.upper != _INF else row.lower for row in rows]
    binding = [abs(u - lim) <= 1e-6 * max(1.0, abs(lim)) for u, lim in zip(used, limits)]
    few = not model.integer or sum(binding) <= MILP_RESOLVES
    records = []
    for i, row in enumerate(rows):
        gain: float | None = 0.0
        if binding[i] and (few or row.kind in ("budget", "development", "capacity")):
            relaxed = (row.lower, row.upper * (1 + BUDGET_STEP)) if row.kind == "budget" else (-_INF, _INF)
            status, value = model.solve_with({i: relaxed})
            gain = max(0.0, value - best) if status == "Optimal" else None
        elif binding[i]:
            gain = None
        records.append((row.name, row.kind, row.category, row.type, float(limits[i]), float(used[i]), binding[i],
                        float(duals[i]) if duals else None, gain, "+10%" if row.kind == "budget" else "dropped"))
    return pl.DataFrame(records, orient="row", schema={
        "name": pl.String, "kind": pl.String, "category": pl.String, "type": pl.String, "limit": pl.Float64,
        "used": pl.Float64, "binding": pl.Boolean, "shadow_price": pl.Float64, "gain_if_relaxed": pl.Float64,
        "relaxation": pl.String})


def _why_infeasible(model: _Model, status: str) -> tuple[str, str | None]:
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
