"""The planner's view of an organisation: per category its people, mean FTE and observed exit rate,
and the plan published through the privacy gate (DESIGN §6).

Baseline exit risk of a category = exits in the last `window_years` complete calendar years divided
by the average headcount of those years ((opening + closing) / 2 per year, from `yearly_flows`):
the DESIGN §4 turnover rate pooled over the window, read as a yearly exit probability.
The population is the people with an assignment on `as_of`, each in the category of their main
(largest) job; their mean FTE sums all their jobs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.categories import PERSON_CATEGORIES, attach, ordered
from levensfase.analytics.flows import yearly_flows
from levensfase.analytics.metrics import covering
from levensfase.analytics.privacy import Suppressed, suppress
from levensfase.model.workforce import Workforce
from levensfase.planning.effects import Effects
from levensfase.planning.planner import Category, PlanResult, Policy, solve_plan

__all__ = ["PublishedPlan", "category_baseline", "plan_for_workforce"]


def category_baseline(workforce: Workforce, *, by: str, as_of: date, window_years: int = 3) -> pl.DataFrame:
    """Rows value, population, fte (mean per person), exits, exposure, exit_rate; ordered for reading."""
    on_day = covering(workforce.assignments, as_of).sort(
        "person_id", "fte", "start_date", "unit_id", "job_id", descending=[False, True, False, False, False])
    person_fte = on_day.group_by("person_id").agg(pl.col("fte").sum().alias("person_fte"))
    main = on_day.unique("person_id", keep="first", maintain_order=True).with_columns(day=pl.lit(as_of))
    main = main.join(person_fte, on="person_id")
    if by in PERSON_CATEGORIES:
        main = main.select("person_id", "day", "person_fte")
    stock = attach(main, workforce, by=by, day="day").group_by("value").agg(
        pl.len().alias("population"), pl.col("person_fte").mean().alias("fte"))
    years = list(range(as_of.year - window_years, as_of.year))
    flows = yearly_flows(workforce, years=years, by=by).group_by("value").agg(
        pl.col("outflow").sum().alias("exits"),
        ((pl.col("opening") + pl.col("closing")) / 2).sum().alias("exposure"))
    table = stock.join(flows, on="value", how="left").with_columns(
        pl.col("exits").fill_null(0).cast(pl.Int64), pl.col("exposure").fill_null(0.0))
    table = table.with_columns(
        exit_rate=pl.when(pl.col("exposure") > 0).then(
            (pl.col("exits") / pl.col("exposure")).clip(0.0, 1.0)).otherwise(0.0))
    table = table.with_columns(pl.col("population").cast(pl.Int64))
    return ordered(table, by=by).select("value", "population", "fte", "exits", "exposure", "exit_rate")


@dataclass(frozen=True)
class PublishedPlan:
    """What may leave the core. `categories`: value, population, exit_rate, places, spend, retained_fte_years
    after `suppress` (hidden rows have value null). `allocation` and `constraints` have the hidden
    categories' names and numbers nulled (flag `hidden`). `result` stays inside (it names every category)."""

    categories: Suppressed
    allocation: pl.DataFrame
    constraints: pl.DataFrame
    spend: float
    retained_fte_years: float
    effects: Effects
    axis: str
    window_years: int


def plan_for_workforce(workforce: Workforce, *, by: str, as_of: date, effects: Effects, policy: Policy,
                       k: int = 5, window_years: int = 3) -> PublishedPlan:
    """Baseline → solve → privacy: small categories are planned for but not shown by name."""
    base = category_baseline(workforce, by=by, as_of=as_of, window_years=window_years)
    base = base.filter(pl.col("population") > 0)
    gate = suppress(base.select("value", "population", "exit_rate"), k=k, values=["exit_rate"])
    hidden = {v for v, s in zip(base["value"].to_list(), gate.table["suppressed"].to_list()) if s}
    categories = [
        Category(value=r["value"], population=r["population"], fte=r["fte"], exit_rate=r["exit_rate"],
                 label=f"(a category with fewer than {k} people, or hidden with one)" if r["value"] in hidden else None)
        for r in base.iter_rows(named=True)
    ]
    result = solve_plan(categories, effects, policy, axis=by)
    return publish(result, base=base, hidden=hidden, effects=effects, k=k, window_years=window_years)


def publish(result: PlanResult, *, base: pl.DataFrame, hidden: set[str], effects: Effects, k: int,
            window_years: int) -> PublishedPlan:
    per_category = result.allocation.group_by("category").agg(
        pl.col("places").sum(), pl.col("spend").sum(), pl.col("retained_fte_years").sum())
    table = base.select("value", "population", "exit_rate").join(
        per_category.rename({"category": "value"}), on="value", how="left")
    gate = suppress(table, k=k, values=["exit_rate", "places", "spend", "retained_fte_years"])
    gate = Suppressed(table=gate.table.with_columns(
        pl.when(pl.col("suppressed")).then(None).otherwise(pl.col("value")).alias("value")),
        k=gate.k, total_withheld=gate.total_withheld, withheld_parents=gate.withheld_parents)
    hidden = hidden | {v for v, s in zip(table["value"].to_list(), gate.table["suppressed"].to_list()) if s}
    is_hidden = pl.col("category").is_in(sorted(hidden))
    allocation = result.allocation.with_columns(hidden=is_hidden).with_columns(
        pl.when(pl.col("hidden")).then(None).otherwise(pl.col(c)).alias(c)
        for c in ("category", "places", "spend", "retained_fte_years"))
    allocation = allocation.filter(~pl.col("hidden"))
    constraints = result.constraints.with_columns(hidden=is_hidden.fill_null(False)).with_columns(
        pl.when(pl.col("hidden")).then(None).otherwise(pl.col(c)).alias(c)
        for c in ("name", "category", "limit", "used", "shadow_price", "gain_if_relaxed"))
    return PublishedPlan(categories=gate, allocation=allocation, constraints=constraints, spend=result.spend,
                         retained_fte_years=result.retained_fte_years, effects=effects, axis=result.axis or "",
                         window_years=window_years)
