"""The investment planner: which categories to bet on, as a portfolio across all of them.

Given a yearly budget, choose how many whole places of each arrangement type to fund in each
category (age band, primary life phase, job family, …) to maximise the expected retained
FTE-years. The model, first order so that a solver can show what every policy constraint costs:

    a place = one person of category c reached by type a for one year
    value of a place = [q(c) × reduction(a, c)] × mean FTE(c) × working years(c)
    work-longer type:  [(q(c) − q_er(c)) × reduction(a, c) + q_er(c) × min(delay(a), gap(c))] × FTE × years

q(c) is the category's yearly *influenceable* exit probability (DESIGN §4: voluntary, disability,
early retirement before the AOW date; retirement at AOW is never prevented), q_er(c) its early
retirement part, gap(c) the mean years between an early retirement and the AOW date, and the
working years the mean over the category's people of min(horizon, years to their AOW date): no
FTE-year is counted past the AOW date. A work-longer type (`retirement_delay_years`) moves an early
retirement later instead of preventing an exit. Returns diminish per category (`effects.Returns`):
the places of a category fill segments of its population whose value is weighted 1, then less, so
the plan spreads instead of piling into the one category with the steepest effect.
Spending is per year. Constraints:
  budget            Σ cost × places ≤ budget
  min_share[c]      spend in c ≥ min_category_share × budget (every category gets something)
  development       spend on development-bundle types ≥ min_development_share × budget
  capacity[a]       Σ places of type a ≤ max_places (when the type has a maximum)
  reach[c]          Σ places in c ≤ population of c (one type per person: effects do not stack)
  (returns[c, s]    places in segment s of c ≤ its width: the shape of the return, not a limit)
Solved as an LP (duals = shadow prices) or, with `integer=True` (the default), a MILP with whole
places, by HiGHS. What each limit costs is also measured by re-solving without it (budget: +10 %).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np
import polars as pl

from levensfase.planning.effects import LINEAR, ArrangementType, Effects, Returns
from levensfase.planning.planner_checks import PlannerError, check_input, why_infeasible

__all__ = ["Category", "PlanResult", "PlannerError", "Policy", "place_value", "solve_plan"]

_INF = highspy.kHighsInf
BUDGET_STEP = 0.10  # the budget "relaxation" is this fraction more money
MILP_SECONDS = 20.0  # a whole-places plan that takes longer is refused (the LP answers at once)
MILP_RESOLVES = 12  # with whole places, re-solve every binding limit only up to this many


@dataclass(frozen=True)
class Category:
    """One category as the planner sees it; `label` names it in messages (a hidden one gets a neutral label).
    exit_rate is the yearly influenceable exit probability, early_retirement_rate its early-retirement part."""

    value: str
    population: int
    fte: float
    exit_rate: float
    label: str | None = None
    early_retirement_rate: float = 0.0
    retirement_gap_years: float = 0.0
    working_years: tuple[float, ...] | None = None  # per horizon 1, 2, …: mean min(horizon, years to AOW)

    @property
    def shown_as(self) -> str:
        return self.label if self.label is not None else self.value

    def years(self, horizon: int) -> float:
        """Mean FTE-years a place can keep per person: the horizon, cut at each person's AOW date."""
        if self.working_years is None:
            return float(horizon)
        return self.working_years[min(horizon, len(self.working_years)) - 1]


@dataclass(frozen=True)
class Policy:
    """The choices management makes: money, floors, how long the funded places are kept."""

    budget: float
    min_category_share: float = 0.0
    min_development_share: float = 0.0
    horizon_years: int = 3
    integer: bool = True


@dataclass(frozen=True)
class PlanResult:
    """allocation: category, type, bundle, places, spend, retained_fte_years (one row per pair);
    constraints: name, kind, category, type, limit, used, binding, shadow_price, gain_if_relaxed, relaxation;
    margins: category, coverage (share of its people reached), next_value_per_euro (FTE-years the next
    euro would keep there, with the best type and the return of the next place) — why money stopped."""

    allocation: pl.DataFrame
    constraints: pl.DataFrame
    spend: float
    retained_fte_years: float
    policy: Policy
    axis: str | None = None
    margins: pl.DataFrame | None = None


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


def place_value(category: Category, kind: ArrangementType, axis: str | None, horizon: int) -> float:
    """Retained FTE-years of one place before diminishing returns (module docstring)."""
    reduction = kind.reduction_for(axis, category.value)
    if kind.works_longer:
        early = min(category.early_retirement_rate, category.exit_rate)
        per_year = (category.exit_rate - early) * reduction + early * min(kind.retirement_delay_years,
                                                                          category.retirement_gap_years)
    else:
        per_year = category.exit_rate * reduction
    return per_year * category.fte * category.years(horizon)


@dataclass(frozen=True)
class _Layout:
    """Column j of the model is (category, type, segment); `segments[i]` are the widths of category i."""

    n_types: int
    segments: tuple[tuple[int, ...], ...]
    weights: tuple[float, ...]

    def columns(self, i: int, j: int | None = None, s: int | None = None) -> tuple[int, ...]:
        base = i * self.n_types * len(self.weights)
        return tuple(base + jj * len(self.weights) + ss for jj in range(self.n_types) if j is None or jj == j
                     for ss in range(len(self.weights)) if s is None or ss == s)

    @property
    def size(self) -> int:
        return len(self.segments) * self.n_types * len(self.weights)


def _rows(categories: Sequence[Category], types: Sequence[ArrangementType], policy: Policy,
          layout: _Layout) -> list[_Row]:
    cost = [t.cost_eur for t in types]
    n_seg = len(layout.weights)
    per_column = [cost[j] for _c in categories for j in range(len(types)) for _s in range(n_seg)]
    rows = [_Row("budget", "budget", None, None, tuple(range(layout.size)), tuple(per_column), -_INF, policy.budget)]
    if policy.min_category_share > 0:
        floor = policy.min_category_share * policy.budget
        for i, c in enumerate(categories):
            cols = layout.columns(i)
            rows.append(_Row(f"min_share[{c.value}]", "min_share", c.value, None, cols,
                             tuple(per_column[k] for k in cols), floor, _INF))
    if policy.min_development_share > 0:
        cols = tuple(k for i in range(len(categories)) for j, t in enumerate(types) if t.bundle == "development"
                     for k in layout.columns(i, j))
        rows.append(_Row("development", "development", None, None, cols, tuple(per_column[k] for k in cols),
                         policy.min_development_share * policy.budget, _INF))
    for j, t in enumerate(types):
        if t.max_places is not None:
            cols = tuple(k for i in range(len(categories)) for k in layout.columns(i, j))
            rows.append(_Row(f"capacity[{t.code}]", "capacity", None, t.code, cols, (1.0,) * len(cols), -_INF, t.max_places))
    for i, c in enumerate(categories):
        cols = layout.columns(i)
        rows.append(_Row(f"reach[{c.value}]", "reach", c.value, None, cols, (1.0,) * len(cols), -_INF, c.population))
        for s, width in enumerate(layout.segments[i][:-1]):
            cols = layout.columns(i, s=s)
            rows.append(_Row(f"returns[{c.value},{s}]", "returns", c.value, None, cols, (1.0,) * len(cols), -_INF, width))
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


def solve_plan(categories: Sequence[Category], effects: Effects | Sequence[ArrangementType], policy: Policy,
               *, axis: str | None = None, returns: Returns | None = None) -> PlanResult:
    """The optimal portfolio and what each constraint costs. Raises PlannerError when it cannot be solved.
    `returns` defaults to the effects file's (linear for a bare list of types)."""
    types = list(effects.types if isinstance(effects, Effects) else effects)
    if returns is None:
        returns = effects.returns if isinstance(effects, Effects) else LINEAR
    check_input(categories, types, policy)
    layout = _Layout(len(types), tuple(tuple(returns.widths(c.population)) for c in categories), returns.weight)
    value = [[place_value(c, t, axis, policy.horizon_years) for t in types] for c in categories]
    objective = [value[i][j] * w for i in range(len(categories)) for j in range(len(types)) for w in returns.weight]
    # No column bounds: reach, capacity and returns are rows, so their duals (not reduced costs) carry the price.
    rows = _rows(categories, types, policy, layout)
    model = _Model(objective, rows, policy.integer)
    status, x, duals, best = model.solve()
    if status != "Optimal":
        message, group = why_infeasible(model, status)
        raise PlannerError(message, code="infeasible" if status == "Infeasible" else "unsolved", group=group)
    if policy.integer:
        x = [round(v) for v in x]
    records = []
    for i, c in enumerate(categories):
        for j, t in enumerate(types):
            cols = layout.columns(i, j)
            places = float(sum(x[k] for k in cols))
            records.append((c.value, t.code, t.bundle, places, places * t.cost_eur, sum(x[k] * objective[k] for k in cols)))
    allocation = pl.DataFrame(records, orient="row", schema={
        "category": pl.String, "type": pl.String, "bundle": pl.String, "places": pl.Float64, "spend": pl.Float64,
        "retained_fte_years": pl.Float64})
    constraints = _constraint_costs(model, x, duals, best)
    return PlanResult(allocation=allocation, constraints=constraints, spend=float(allocation["spend"].sum()),
                      retained_fte_years=best, policy=policy, axis=axis,
                      margins=_margins(categories, types, value, returns, layout, x))


def _margins(categories: Sequence[Category], types: Sequence[ArrangementType], value: list[list[float]],
             returns: Returns, layout: _Layout, x: list) -> pl.DataFrame:
    """Per category: the share of its people reached and what the next euro would keep there."""
    records = []
    for i, c in enumerate(categories):
        placed = sum(x[k] for k in layout.columns(i))
        edges = [sum(layout.segments[i][:s + 1]) for s in range(len(layout.weights))]
        nxt = next((s for s, edge in enumerate(edges) if placed < edge - 1e-9), None)
        per_euro = 0.0 if nxt is None else max(value[i][j] * returns.weight[nxt] / t.cost_eur for j, t in enumerate(types))
        records.append((c.value, placed / c.population if c.population else 0.0, per_euro))
    return pl.DataFrame(records, orient="row", schema={"category": pl.String, "coverage": pl.Float64,
                                                       "next_value_per_euro": pl.Float64})


def _constraint_costs(model: _Model, x: list, duals: list, best: float) -> pl.DataFrame:
    """Per row: how much of the limit is used, whether it binds, its dual, and the gain of a re-solve
    without it (budget: 10 % more). With whole places every re-solve is a MILP, so past
    MILP_RESOLVES binding rows only the budget, development and capacity rows are re-solved."""
    rows = model.rows
    used = [sum(x[c] * v for c, v in zip(row.columns, row.coefficients)) for row in rows]
    limits = [row.upper if row.upper != _INF else row.lower for row in rows]
    binding = [abs(u - lim) <= 1e-6 * max(1.0, abs(lim)) for u, lim in zip(used, limits)]
    few = not model.integer or sum(b for b, r in zip(binding, rows) if r.kind != "returns") <= MILP_RESOLVES
    records = []
    for i, row in enumerate(rows):
        if row.kind == "returns":  # the shape of the return, not a limit anyone sets
            continue
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


