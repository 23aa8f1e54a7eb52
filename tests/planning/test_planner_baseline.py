"""Planner baseline from the history and the privacy gate on what the planner publishes."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce
from levensfase.planning.effects import load_effects
from levensfase.planning.planner import Policy
from levensfase.planning.planner_baseline import category_baseline, plan_for_workforce


def test_baseline_by_unit_by_hand(hand_built):
    table = {r["value"]: r for r in category_baseline(hand_built, by="unit", as_of=date(2025, 1, 1),
                                                      window_years=1).to_dicts()}
    # On 1 Jan 2025: U1 has A (1.0), B (0.5 there + 0.3 in U2: main job U1, 0.8), G (1.0), H (0.8);
    # U2 has C (0.9). In 2024 U1 opened and closed with 4 and lost E; U2 opened and closed with 1, lost D and F.
    assert table["U1"]["population"] == 4 and table["U1"]["fte"] == pytest.approx((1.0 + 0.8 + 1.0 + 0.8) / 4)
    assert table["U2"]["population"] == 1 and table["U2"]["fte"] == pytest.approx(0.9)
    # Only influenceable exits count (DESIGN §4, issue 18): U1's one exit in 2024 is E, let go by the
    # employer (involuntary) → 0. U2 lost D (retired 31 Aug 2024, after her AOW date of 1 June 2024: the
    # pension wave, never "prevented") and F (voluntary) → 1 exit over an average headcount of 1.
    assert (table["U1"]["exits"], table["U1"]["exposure"]) == (0, 4.0)
    assert table["U1"]["exit_rate"] == 0.0
    assert (table["U2"]["exits"], table["U2"]["exposure"], table["U2"]["exit_rate"]) == (1, 1.0, 1.0)
    assert table["U2"]["early_retirements"] == 0


def test_baseline_by_age_band_uses_the_age_on_the_day(hand_built):
    table = {r["value"]: r["population"] for r in category_baseline(
        hand_built, by="age_band", as_of=date(2025, 1, 1), window_years=1).to_dicts()}
    # A 1990 → 34, B 1975 → 49, C 1985 → 39, G 1999 → 25, H 1966 → 58.
    assert table == {"25-29": 1, "30-34": 1, "35-39": 1, "45-49": 1, "55-59": 1}


@pytest.fixture(scope="module")
def small_org() -> Workforce:
    return Workforce.from_tables(generate(employees=400, years=5, seed=3, as_of=date(2026, 1, 1)))


def test_small_categories_are_planned_for_but_not_shown_by_name(small_org):
    k = 5
    base = category_baseline(small_org, by="job_family", as_of=date(2026, 1, 1))
    small = set(base.filter(pl.col("population") < k)["value"].to_list())
    assert small, "the fixture needs a job family below k"
    plan = plan_for_workforce(small_org, by="job_family", as_of=date(2026, 1, 1), effects=load_effects(),
                              policy=Policy(budget=150_000, min_category_share=0.01), k=k)
    shown = plan.categories.table.filter(~pl.col("suppressed"))
    assert shown["population"].min() >= k
    assert plan.categories.table["suppressed"].sum() >= 2  # never one alone: the total is published
    assert not small & set(shown["value"].to_list())
    assert not small & set(plan.allocation["category"].drop_nulls().to_list())
    names = " ".join(plan.constraints["name"].drop_nulls().to_list())
    assert not any(f"[{family}]" in names for family in small)
    assert plan.spend == pytest.approx(150_000)
    # The hidden categories still got their minimum share: the published ones do not add up to everything.
    assert shown["spend"].sum() < plan.spend
