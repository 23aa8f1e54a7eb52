"""Investment planner: small instances whose optimum, duals and constraint costs are worked out by hand.

The LP cases say `integer=False` (whole places are the default since issue 18): duals exist only for the LP.

Hand model (planner docstring): value per place = exit_rate × reduction × fte × horizon.
"""

from __future__ import annotations

import itertools
import random

import pytest

from levensfase.planning.effects import ArrangementType
from levensfase.planning.planner import Category, PlannerError, Policy, solve_plan


def kind(code: str, bundle: str, cost: float, reduction: float, max_places: int | None = None) -> ArrangementType:
    return ArrangementType(code=code, bundle=bundle, name_nl=code, name_en=code, cost_eur=cost, reduction=reduction,
                           source="test", max_places=max_places)


DEV = kind("dev", "development", 1000, 0.5)
ACC = kind("acc", "accommodative", 500, 0.2)
TWO = [Category("A", 10, 1.0, 0.2), Category("B", 10, 1.0, 0.1)]


def places(result) -> dict[tuple[str, str], float]:
    return {(r["category"], r["type"]): r["places"] for r in result.allocation.iter_rows(named=True)}


def row(result, name: str) -> dict:
    return result.constraints.filter(name=name).row(0, named=True)


def test_budget_only_goes_to_the_best_value_per_euro():
    # Per euro: A-dev 0.2·0.5/1000 = 1e-4, A-acc 0.2·0.2/500 = 8e-5, B-dev 5e-5, B-acc 4e-5.
    # € 5,000 buys 5 A-dev places (reach 10 not binding): 5 × 0.1 = 0.5 FTE-years.
    result = solve_plan(TWO, [DEV, ACC], Policy(budget=5000, horizon_years=1, integer=False))
    assert places(result) == pytest.approx({("A", "dev"): 5, ("A", "acc"): 0, ("B", "dev"): 0, ("B", "acc"): 0})
    assert result.retained_fte_years == pytest.approx(0.5)
    assert result.spend == pytest.approx(5000)
    budget = row(result, "budget")
    assert budget["binding"] and budget["shadow_price"] == pytest.approx(1e-4)
    assert budget["gain_if_relaxed"] == pytest.approx(0.05)  # +10 % = € 500 more = half an A-dev place
    assert not row(result, "reach[A]")["binding"]


def test_minimum_share_forces_money_to_the_weaker_category_and_says_what_it_costs():
    # B must get ≥ 20 % of € 5,000 = € 1,000: its best is 1 B-dev place (0.05); A gets 4 places (0.4).
    result = solve_plan(TWO, [DEV, ACC], Policy(budget=5000, horizon_years=1, min_category_share=0.2, integer=False))
    assert places(result)[("A", "dev")] == pytest.approx(4)
    assert places(result)[("B", "dev")] == pytest.approx(1)
    assert result.retained_fte_years == pytest.approx(0.45)
    floor_b = row(result, "min_share[B]")
    # Each euro moved from A-dev (1e-4) to B-dev (5e-5) loses 5e-5; dropping the floor wins back 0.05.
    assert floor_b["binding"] and floor_b["shadow_price"] == pytest.approx(-5e-5)
    assert floor_b["gain_if_relaxed"] == pytest.approx(0.05)
    floor_a = row(result, "min_share[A]")
    assert not floor_a["binding"] and floor_a["gain_if_relaxed"] == 0 and floor_a["used"] == pytest.approx(4000)


ONE = [Category("X", 100, 1.0, 0.5)]
DEV2 = kind("dev", "development", 1000, 0.1)  # per place 0.5·0.1·1·2 = 0.1 over two years
ACC2 = kind("acc", "accommodative", 500, 0.2)  # per place 0.2, twice the value for half the money


def test_development_minimum_binds_with_its_dual_and_cost():
    # ≥ 40 % of € 10,000 on development: 4 dev places (0.4) + € 6,000 / 500 = 12 acc places (2.4).
    result = solve_plan(ONE, [DEV2, ACC2], Policy(budget=10_000, horizon_years=2, min_development_share=0.4, integer=False))
    assert places(result) == pytest.approx({("X", "dev"): 4, ("X", "acc"): 12})
    assert result.retained_fte_years == pytest.approx(2.8)
    dev = row(result, "development")
    # A euro moved from acc (0.2/500 = 4e-4) to dev (1e-4) loses 3e-4; without the floor: 20 acc = 4.0.
    assert dev["binding"] and dev["shadow_price"] == pytest.approx(-3e-4)
    assert dev["gain_if_relaxed"] == pytest.approx(1.2)
    assert row(result, "budget")["shadow_price"] == pytest.approx(4e-4)


def test_capacity_binds_and_the_rest_goes_to_the_next_best():
    capped = kind("acc", "accommodative", 500, 0.2, max_places=10)
    result = solve_plan(ONE, [DEV2, capped], Policy(budget=10_000, horizon_years=2, integer=False))
    # 10 acc (€ 5,000, 2.0) + 5 dev (€ 5,000, 0.5) = 2.5; a place more of acc is worth 0.2 − 500 × 1e-4.
    assert places(result) == pytest.approx({("X", "dev"): 5, ("X", "acc"): 10})
    assert result.retained_fte_years == pytest.approx(2.5)
    cap = row(result, "capacity[acc]")
    assert cap["binding"] and cap["shadow_price"] == pytest.approx(0.15)
    assert cap["gain_if_relaxed"] == pytest.approx(1.5)


def test_reach_limits_places_to_the_people_there_are():
    few = [Category("X", 8, 1.0, 0.5)]
    result = solve_plan(few, [DEV2, ACC2], Policy(budget=10_000, horizon_years=2, integer=False))
    # Eight people, one type each: all acc (0.2 > 0.1 per place) for € 4,000; money is left over.
    assert places(result) == pytest.approx({("X", "dev"): 0, ("X", "acc"): 8})
    assert result.spend == pytest.approx(4000)
    assert not row(result, "budget")["binding"] and row(result, "budget")["shadow_price"] == pytest.approx(0)
    assert row(result, "reach[X]")["shadow_price"] == pytest.approx(0.2)


def test_category_overrides_of_the_effect_are_used():
    young = ArrangementType(code="dev", bundle="development", name_nl="d", name_en="d", cost_eur=1000,
                            reduction=0.1, source="t", by_category=(("age_band", (("20-24", 0.4),)),))
    cats = [Category("20-24", 5, 1.0, 0.2), Category("50-54", 5, 1.0, 0.2)]
    result = solve_plan(cats, [young], Policy(budget=5000, horizon_years=1, integer=False), axis="age_band")
    assert places(result) == pytest.approx({("20-24", "dev"): 5, ("50-54", "dev"): 0})
    assert result.retained_fte_years == pytest.approx(5 * 0.2 * 0.4)


def brute_force(categories, types, policy) -> float:
    """Best objective over every whole-number allocation (independent of the solver)."""
    best = -1.0
    ranges = [range(c.population + 1) for c in categories for _ in types]
    for x in itertools.product(*ranges):
        spend = [sum(x[i * len(types) + j] * t.cost_eur for j, t in enumerate(types)) for i in range(len(categories))]
        if sum(spend) > policy.budget + 1e-9:
            continue
        if any(s < policy.min_category_share * policy.budget - 1e-9 for s in spend):
            continue
        dev = sum(x[i * len(types) + j] * t.cost_eur for i in range(len(categories))
                  for j, t in enumerate(types) if t.bundle == "development")
        if dev < policy.min_development_share * policy.budget - 1e-9:
            continue
        if any(sum(x[i * len(types):(i + 1) * len(types)]) > c.population for i, c in enumerate(categories)):
            continue
        if any(t.max_places is not None and sum(x[i * len(types) + j] for i in range(len(categories))) > t.max_places
               for j, t in enumerate(types)):
            continue
        value = sum(x[i * len(types) + j] * c.exit_rate * t.reduction * c.fte * policy.horizon_years
                    for i, c in enumerate(categories) for j, t in enumerate(types))
        best = max(best, value)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_whole_places_match_brute_force(seed):
    rng = random.Random(seed)
    types = [kind("dev", "development", rng.choice([700, 1000, 1300]), rng.uniform(0.05, 0.4)),
             kind("util", "utilisation", rng.choice([400, 600]), rng.uniform(0.05, 0.3), max_places=rng.choice([None, 3])),
             kind("acc", "accommodative", rng.choice([900, 2500]), rng.uniform(0.05, 0.3))]
    cats = [Category(c, rng.randint(1, 4), rng.choice([0.6, 0.8, 1.0]), rng.uniform(0.02, 0.3)) for c in "AB"]
    policy = Policy(budget=rng.choice([2900, 4100, 5300]), horizon_years=rng.randint(1, 3),
                    min_category_share=rng.choice([0.0, 0.1, 0.2]), min_development_share=rng.choice([0.0, 0.15]),
                    integer=True)
    expected = brute_force(cats, types, policy)
    if expected < 0:
        with pytest.raises(PlannerError):
            solve_plan(cats, types, policy)
        return
    result = solve_plan(cats, types, policy)
    assert result.retained_fte_years == pytest.approx(expected, abs=1e-9)
    assert all(float(p).is_integer() for p in result.allocation["places"])
    lp = solve_plan(cats, types, Policy(**{**policy.__dict__, "integer": False}))
    assert lp.retained_fte_years >= expected - 1e-9  # the LP relaxation bounds the whole-number plan


def test_lp_matches_an_independent_scipy_formulation():
    scipy_optimize = pytest.importorskip("scipy.optimize")
    rng = random.Random(7)
    types = [kind("dev", "development", 1500, 0.2), kind("util", "utilisation", 800, 0.12, max_places=40),
             kind("main", "maintenance", 600, 0.08), kind("acc", "accommodative", 3000, 0.1)]
    cats = [Category(f"C{i}", rng.randint(5, 80), rng.uniform(0.5, 1.0), rng.uniform(0.03, 0.25)) for i in range(6)]
    policy = Policy(budget=120_000, min_category_share=0.05, min_development_share=0.3, horizon_years=3, integer=False)
    n, m = len(cats), len(types)
    c = [-(cat.exit_rate * t.reduction * cat.fte * 3) for cat in cats for t in types]
    a_ub, b_ub = [[t.cost_eur for _ in cats for t in types]], [policy.budget]
    for i in range(n):
        a_ub.append([-t.cost_eur if k == i else 0 for k in range(n) for t in types])
        b_ub.append(-0.05 * policy.budget)
        a_ub.append([1 if k == i else 0 for k in range(n) for _ in types])
        b_ub.append(cats[i].population)
    a_ub.append([-t.cost_eur if t.bundle == "development" else 0 for _ in cats for t in types])
    b_ub.append(-0.3 * policy.budget)
    a_ub.append([1 if t.code == "util" else 0 for _ in cats for t in types])
    b_ub.append(40)
    reference = scipy_optimize.linprog(c, A_ub=a_ub, b_ub=b_ub, bounds=[(0, None)] * (n * m), method="highs")
    assert reference.status == 0
    assert solve_plan(cats, types, policy).retained_fte_years == pytest.approx(-reference.fun, rel=1e-9)


@pytest.mark.parametrize(("policy", "words"), [
    (Policy(budget=0, integer=False), "budget must be a positive amount"),
    (Policy(budget=float("nan"), integer=False), "budget must be a positive amount"),
    (Policy(budget=5000, min_category_share=0.6, integer=False), "adds up to 120 % of the budget; at most 50.0 % each"),
    (Policy(budget=5000, min_development_share=1.5, integer=False), "between 0 and 100 %"),
    (Policy(budget=5000, horizon_years=0, integer=False), "horizon must be 1 to 15 years"),
    (Policy(budget=10_000_000, min_category_share=0.1, integer=False), "category A can use at most € 10,000 a year"),
    (Policy(budget=10_000_000, min_development_share=0.1, integer=False), "development arrangements can absorb at most € 20,000"),
])
def test_impossible_input_gets_a_clear_message(policy, words):
    with pytest.raises(PlannerError, match=words.replace("(", r"\(").replace(".", r"\.")):
        solve_plan(TWO, [DEV, ACC], policy)


def test_infeasible_combination_names_the_limit_to_lower():
    # Whole places, one person per category; each must get ≥ € 2,000, so each needs the € 3,000 type:
    # € 6,000 > € 4,000. (As an LP, 2/3 of a place each would do.)
    cats = [Category("A", 1, 1.0, 0.1), Category("B", 1, 1.0, 0.1)]
    types = [kind("dev", "development", 1000, 0.1), kind("acc", "accommodative", 3000, 0.1)]
    with pytest.raises(PlannerError, match="the minimum share per category cannot be met within the budget"):
        solve_plan(cats, types, Policy(budget=4000, min_category_share=0.5, integer=True))


def test_no_categories_or_types_is_refused():
    with pytest.raises(PlannerError, match="no categories"):
        solve_plan([], [DEV], Policy(budget=1000, integer=False))
    with pytest.raises(PlannerError, match="no arrangement types"):
        solve_plan(TWO, [], Policy(budget=1000, integer=False))


def test_many_binding_limits_with_whole_places_are_priced_by_group_only():
    # 14 one-person categories and money for all: every reach limit binds. As an LP each is re-solved:
    # without its reach limit category i takes the € 8,600 left over (86 places) plus the € 100 of each
    # of the i categories worth less per place: gain (86 + i)·v_i − Σ_{j<i} v_j, v_i = 0.01(i + 1)·0.5.
    # With whole places (more than 12 binding limits) only budget/development/capacity are re-solved.
    cats = [Category(f"C{i:02d}", 1, 1.0, 0.01 * (i + 1)) for i in range(14)]
    cheap = [kind("dev", "development", 100, 0.5)]
    lp = solve_plan(cats, cheap, Policy(budget=10_000, horizon_years=1, integer=False))
    reach = lp.constraints.filter(kind="reach").sort("name")
    assert reach["binding"].all()
    v = [0.01 * (i + 1) * 0.5 for i in range(14)]
    assert reach["gain_if_relaxed"].to_list() == pytest.approx([(86 + i) * v[i] - sum(v[:i]) for i in range(14)])
    whole = solve_plan(cats, cheap, Policy(budget=10_000, horizon_years=1, integer=True))
    assert whole.retained_fte_years == pytest.approx(lp.retained_fte_years)
    assert whole.constraints.filter(kind="reach")["gain_if_relaxed"].null_count() == 14
    assert whole.constraints.filter(kind="budget")["gain_if_relaxed"].to_list() == [0.0]
