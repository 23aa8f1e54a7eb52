"""The planner of issue 18: diminishing returns per category, whole places, influenceable outflow only,
working years up to the AOW date and the work-longer type — on instances small enough to work out by
hand, and checked against a brute force that shares no code with the solver."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from levensfase.planning.effects import ArrangementType, Returns
from levensfase.planning.explain import category_reasons
from levensfase.planning.planner import Category, Policy, solve_plan


def kind(code: str, bundle: str, cost: float, reduction: float, *, delay: float | None = None,
         max_places: int | None = None) -> ArrangementType:
    return ArrangementType(code=code, bundle=bundle, name_nl=code, name_en=code, cost_eur=cost, reduction=reduction,
                           source="test", retirement_delay_years=delay, max_places=max_places)


def places(result) -> dict[tuple[str, str], float]:
    return {(r["category"], r["type"]): r["places"] for r in result.allocation.iter_rows(named=True)}


HALF = Returns(coverage=(0.25, 1.0), weight=(1.0, 0.5))  # a quarter of a category at full effect, the rest half
DEV = kind("dev", "development", 1000, 0.5)


def test_diminishing_returns_spread_money_by_hand():
    # Per place (q × 0.5 × FTE 1 × 1 year): A 0.10, B 0.06. Four people each: widths ceil(0.25 × 4) = 1, then 3.
    # Linear: € 3,000 buys 3 A places = 0.30. With returns the second A place is worth 0.05 < B's first 0.06:
    # A1 (0.10) + B1 (0.06) + A2 (0.05) = 0.21.
    cats = [Category("A", 4, 1.0, 0.2), Category("B", 4, 1.0, 0.12)]
    linear = solve_plan(cats, [DEV], Policy(budget=3000, horizon_years=1))
    assert places(linear) == {("A", "dev"): 3, ("B", "dev"): 0}
    assert linear.retained_fte_years == pytest.approx(0.30)
    spread = solve_plan(cats, [DEV], Policy(budget=3000, horizon_years=1), returns=HALF)
    assert places(spread) == {("A", "dev"): 2, ("B", "dev"): 1}
    assert spread.retained_fte_years == pytest.approx(0.21)
    margins = {r["category"]: r for r in spread.margins.iter_rows(named=True)}
    assert margins["A"]["coverage"] == 0.5 and margins["B"]["coverage"] == 0.25
    # The next euro in A keeps 0.05 / 1000, in B (its second place, half weight) 0.03 / 1000.
    assert margins["A"]["next_value_per_euro"] == pytest.approx(5e-5)
    assert margins["B"]["next_value_per_euro"] == pytest.approx(3e-5)


def test_whole_places_not_fractions():
    # € 2,500 buys 2.5 places as an LP; whole places buy 2 (A1 + B1 = 0.16), never a half.
    cats = [Category("A", 4, 1.0, 0.2), Category("B", 4, 1.0, 0.12)]
    whole = solve_plan(cats, [DEV], Policy(budget=2500, horizon_years=1), returns=HALF)
    assert all(float(p).is_integer() for p in whole.allocation["places"])
    assert whole.retained_fte_years == pytest.approx(0.16)
    lp = solve_plan(cats, [DEV], Policy(budget=2500, horizon_years=1, integer=False), returns=HALF)
    assert lp.retained_fte_years == pytest.approx(0.16 + 0.5 * 0.05)  # half an A2 place


def test_work_longer_counts_retained_years_up_to_the_aow_date():
    # C: influenceable exits 10 % a year, of which early retirement 8 %, on average 1.0 year before AOW.
    # Everyone has at least 3 years to AOW here (working years 3 for a 3-year horizon).
    # Work-longer W (delay 1.5 years, reduction 0.1 of the other 2 %): per place and year
    # 0.02 × 0.1 + 0.08 × min(1.5, 1.0) = 0.082 → × FTE 0.5 × 3 years = 0.123 FTE-years.
    # Development D (reduction 0.5 of all 10 %): 0.05 × 0.5 × 3 = 0.075. One place of € 1,000: W wins.
    work = kind("w", "accommodative", 1000, 0.1, delay=1.5)
    dev = kind("d", "development", 1000, 0.5)
    c = Category("C", 1, 0.5, 0.10, early_retirement_rate=0.08, retirement_gap_years=1.0,
                 working_years=(1.0, 2.0, 3.0))
    result = solve_plan([c], [work, dev], Policy(budget=1000, horizon_years=3))
    assert places(result) == {("C", "w"): 1, ("C", "d"): 0}
    assert result.retained_fte_years == pytest.approx(0.123)
    # A longer gap does not pay more than the delay: gap 4 years → min(1.5, 4) = 1.5.
    far = Category("C", 1, 0.5, 0.10, early_retirement_rate=0.08, retirement_gap_years=4.0)
    assert solve_plan([far], [work], Policy(budget=1000, horizon_years=3)).retained_fte_years == pytest.approx(
        (0.02 * 0.1 + 0.08 * 1.5) * 0.5 * 3)


def test_people_past_their_aow_date_are_never_retained():
    # P: everyone reaches AOW within the horizon on average after 0 years: no FTE-year to keep, so no money
    # (without a minimum share), whatever its exit rate; Q (far from AOW) gets the places.
    past = Category("P", 5, 1.0, 0.5, working_years=(0.0, 0.0, 0.0))
    young = Category("Q", 5, 1.0, 0.05)
    result = solve_plan([past, young], [DEV], Policy(budget=2000, horizon_years=3))
    assert places(result) == {("P", "dev"): 0, ("Q", "dev"): 2}
    reasons = category_reasons(result, [past, young], exits={"P": 30, "Q": 30}, costs={"dev": 1000})
    assert dict(zip(reasons["category"], reasons["reason"])) == {"P": "past_aow", "Q": "returns"}


def test_reasons_name_the_floor_and_the_evidence_gap():
    # R has no influenceable exits; S few (5 < 20). With a 30 % floor each gets € 3,000 = the floor.
    r, s, u = Category("R", 10, 1.0, 0.0), Category("S", 10, 1.0, 0.01), Category("U", 10, 1.0, 0.3)
    result = solve_plan([r, s, u], [DEV], Policy(budget=10_000, min_category_share=0.3, horizon_years=1))
    reasons = {row["category"]: row for row in category_reasons(
        result, [r, s, u], exits={"R": 0, "S": 5, "U": 40}, costs={"dev": 1000}).iter_rows(named=True)}
    assert reasons["R"]["reason"] == "no_outflow" and reasons["S"]["reason"] == "floor"
    assert reasons["S"]["few_exits"] and reasons["S"]["explained"]
    assert reasons["U"]["reason"] == "returns" and not reasons["U"]["explained"]
    assert reasons["U"]["spend"] == 4000 and reasons["U"]["per_head_ratio"] == pytest.approx(400 / (10_000 / 30))


def brute_force(categories, types, policy, returns: Returns) -> float:
    """Best value over every whole-number allocation; the value of a category's places is computed by
    ordering them by value and weighting each by the segment its rank falls in."""
    def linear(c, t):
        reduction = t.reduction
        years = c.working_years[policy.horizon_years - 1] if c.working_years else policy.horizon_years
        if t.retirement_delay_years is not None:
            per_year = (c.exit_rate - c.early_retirement_rate) * reduction + c.early_retirement_rate * min(
                t.retirement_delay_years, c.retirement_gap_years)
        else:
            per_year = c.exit_rate * reduction
        return per_year * c.fte * years

    def weight_at(rank, population):
        for share, weight in zip(returns.coverage, returns.weight):
            if rank < math.ceil(share * population - 1e-9) or share == 1:
                return weight
        return returns.weight[-1]

    best = -1.0
    ranges = [range(c.population + 1) for c in categories for _ in types]
    for x in itertools.product(*ranges):
        cells = [x[i * len(types):(i + 1) * len(types)] for i in range(len(categories))]
        spend = [sum(n * t.cost_eur for n, t in zip(cell, types)) for cell in cells]
        if sum(spend) > policy.budget + 1e-9 or any(s < policy.min_category_share * policy.budget - 1e-9 for s in spend):
            continue
        if any(sum(cell) > c.population for cell, c in zip(cells, categories)):
            continue
        if any(t.max_places is not None and sum(cell[j] for cell in cells) > t.max_places for j, t in enumerate(types)):
            continue
        value = 0.0
        for cell, c in zip(cells, categories):
            each = sorted((linear(c, t) for n, t in zip(cell, types) for _ in range(n)), reverse=True)
            value += sum(v * weight_at(rank, c.population) for rank, v in enumerate(each))
        best = max(best, value)
    return best


@pytest.mark.parametrize("seed", range(10))
def test_whole_places_with_returns_match_brute_force(seed):
    rng = random.Random(100 + seed)
    types = [kind("dev", "development", rng.choice([700, 1000, 1300]), rng.uniform(0.05, 0.4)),
             kind("util", "utilisation", rng.choice([400, 600]), rng.uniform(0.05, 0.3), max_places=rng.choice([None, 2])),
             kind("work", "accommodative", rng.choice([900, 2500]), rng.uniform(0.0, 0.2), delay=rng.choice([0.5, 2.0]))]
    cats = []
    for name in "AB":
        q, left = rng.uniform(0.02, 0.3), rng.choice([0.5, 2.0, 15.0])  # exit rate; years to AOW
        cats.append(Category(name, rng.randint(1, 4), rng.choice([0.6, 1.0]), q,
                             early_retirement_rate=q * rng.choice([0.0, 0.5]),
                             retirement_gap_years=rng.choice([0.5, 1.5, 3.0]),
                             working_years=tuple(min(float(h), left) for h in range(1, 16))))
    returns = Returns(coverage=(0.25, 0.5, 1.0), weight=(1.0, 0.6, 0.2))
    policy = Policy(budget=rng.choice([2900, 4100, 5300]), horizon_years=rng.randint(1, 3),
                    min_category_share=rng.choice([0.0, 0.1]))
    expected = brute_force(cats, types, policy, returns)
    result = solve_plan(cats, types, policy, returns=returns)
    assert result.retained_fte_years == pytest.approx(expected, abs=1e-9)
    assert all(float(p).is_integer() for p in result.allocation["places"])
    assert result.allocation["retained_fte_years"].sum() == pytest.approx(expected, abs=1e-9)
