"""Why each category gets what it gets: one reason per category, read off the solved plan.

The findings module (`analytics.findings.planner`) turns these codes into sentences; the codes are
also what a test checks money per head against. A category's money per head differs from the
organisation's average for one of these reasons, in this order:

  past_aow     everyone in it is at or past the AOW date within the horizon: no FTE-year to keep
  no_outflow   no influenceable exit in the window: nothing observed that an arrangement could prevent
  reach        everyone in it has a place (the reach limit binds)
  floor        it gets only the minimum share per category (that limit binds; with whole places: its
               spend is less than one place of the cheapest type above the minimum)
  returns      it got money until, with diminishing returns, its next euro kept less than elsewhere
  outranked    its first euro keeps less than the last euro spent elsewhere
and, beside the reason, `few_exits` (an evidence gap: its rate rests on fewer than MIN_EXITS exits,
DESIGN §6a) and `capacity` (a type it would get more of is full).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from levensfase.planning.planner import Category, PlanResult

__all__ = ["EXPLAINED", "MIN_EXITS", "REASONS", "category_reasons"]

REASONS = ("past_aow", "no_outflow", "reach", "floor", "returns", "outranked")
EXPLAINED = frozenset({"past_aow", "no_outflow", "reach", "floor"})  # a limit or the data, not the optimum
MIN_EXITS = 20  # analytics.findings.stats.MIN_N: fewer events say too little to rank a group


def category_reasons(result: PlanResult, categories: Sequence[Category], *, exits: dict[str, int],
                     costs: dict[str, float]) -> pl.DataFrame:
    """category, places, spend, per_head, per_head_ratio (to the organisation's average), coverage,
    next_value_per_euro, reason (REASONS), few_exits, capacity, explained (a limit or an evidence gap)."""
    horizon = result.policy.horizon_years
    spent = {r["category"]: r for r in result.allocation.group_by("category").agg(
        pl.col("places").sum(), pl.col("spend").sum()).iter_rows(named=True)}
    margins = {r["category"]: r for r in result.margins.iter_rows(named=True)} if result.margins is not None else {}
    binding = {(r["kind"], r["category"]) for r in result.constraints.filter("binding").iter_rows(named=True)}
    full_types = {r["type"] for r in result.constraints.filter(pl.col("binding") & (pl.col("kind") == "capacity"))
                  .iter_rows(named=True)}
    with_full = set(result.allocation.filter(pl.col("type").is_in(sorted(full_types)) & (pl.col("places") > 0))
                    ["category"].to_list())
    average = result.spend / max(1, sum(c.population for c in categories))
    floors = {r["category"]: r["limit"] for r in result.constraints.filter(kind="min_share").iter_rows(named=True)}
    cheapest = min(costs.values()) if result.policy.integer else 0.0
    records = []
    for c in categories:
        money = spent.get(c.value, {"places": 0.0, "spend": 0.0})
        per_head = money["spend"] / c.population if c.population else 0.0
        if c.years(horizon) <= 1e-9:
            reason = "past_aow"
        elif c.exit_rate <= 0:
            reason = "no_outflow"
        elif ("reach", c.value) in binding:
            reason = "reach"
        elif ("min_share", c.value) in binding or (
                c.value in floors and money["spend"] < floors[c.value] + cheapest - 1e-6):
            reason = "floor"
        else:
            reason = "returns" if money["spend"] > 0 else "outranked"
        few = exits.get(c.value, 0) < MIN_EXITS
        capacity = c.value in with_full
        margin = margins.get(c.value, {})
        records.append((c.value, money["places"], money["spend"], per_head, per_head / average if average else None,
                        margin.get("coverage"), margin.get("next_value_per_euro"), reason, few, capacity,
                        reason in EXPLAINED or few or capacity))
    return pl.DataFrame(records, orient="row", schema={
        "category": pl.String, "places": pl.Float64, "spend": pl.Float64, "per_head": pl.Float64,
        "per_head_ratio": pl.Float64, "coverage": pl.Float64, "next_value_per_euro": pl.Float64,
        "reason": pl.String, "few_exits": pl.Boolean, "capacity": pl.Boolean, "explained": pl.Boolean})
