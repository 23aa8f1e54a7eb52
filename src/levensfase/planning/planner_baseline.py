"""The planner's view of an organisation: per category its people, mean FTE, observed *influenceable*
exit rate and working years before the AOW date, and the plan published through the privacy gate
(DESIGN §4, §6).

Baseline exit risk of a category = influenceable exits (voluntary, disability, retirement before the
AOW date) in the last `window_years` complete calendar years divided by the average headcount of
those years ((opening + closing) / 2 per year): the DESIGN §4 rate pooled over the window, read as a
yearly probability. Retirement at or after the AOW date is the pension wave: no arrangement prevents
it, so it is not in the rate. The population is the people with an assignment on `as_of`, each in the
category of their main (largest) job; their mean FTE sums all their jobs. Working years: per horizon
h = 1…15, the mean over the category's people of min(h, years to their AOW date).

`primary_phase` (one named life phase per person, by the priority of the phase rules, or "no named
phase") partitions people like an age band does, so no money is counted twice. A person is in the
phase of their profile on 1 January (opening) and 31 December (closing) of each year; an exit counts
in the phase of 1 January of its year. People hired and gone within one year are in neither stock,
so their exits are left out as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.categories import PERSON_CATEGORIES, attach, ordered
from levensfase.analytics.flows import category_at, yearly_flows
from levensfase.analytics.metrics import covering
from levensfase.analytics.outflow_kinds import aow_dates, classified_exits
from levensfase.analytics.phase_categories import NO_PHASE, cached_profiles
from levensfase.analytics.privacy import Suppressed, mark_withheld, suppress
from levensfase.model.workforce import Workforce
from levensfase.planning.effects import Effects
from levensfase.planning.evidence import with_evidence
from levensfase.planning.explain import category_reasons
from levensfase.planning.planner import Category, PlanResult, Policy, solve_plan

__all__ = ["PLANNER_AXES", "PublishedPlan", "category_baseline", "plan_for_workforce"]

PLANNER_AXES = ("primary_phase", "age_band", "job_family", "generation", "unit", "contract", "sex")
MAX_HORIZON = 15
_YEAR = 365.25


def category_baseline(workforce: Workforce, *, by: str, as_of: date, window_years: int = 3) -> pl.DataFrame:
    """Rows value, population, fte (mean per person), exits (influenceable), early_retirements, exposure,
    exit_rate, early_retirement_rate, retirement_gap_years, working_years (list per horizon 1…15)."""
    years = list(range(as_of.year - window_years, as_of.year))
    if by == "primary_phase":
        stock, exits, exposure = _by_primary_phase(workforce, as_of=as_of, years=years)
    else:
        stock, exits, exposure = _by_category(workforce, by=by, as_of=as_of, years=years)
    counted = exits.filter(pl.col("kind") == "influenceable").group_by("value").agg(
        pl.len().cast(pl.Int64).alias("exits"),
        (pl.col("part") == "early_retirement").sum().cast(pl.Int64).alias("early_retirements"),
        pl.when(pl.col("part") == "early_retirement").then(
            (pl.col("aow_date") - pl.col("end_date")).dt.total_days() - 1).otherwise(None).mean().alias("_gap"))
    table = stock.join(exposure, on="value", how="left").join(counted, on="value", how="left").with_columns(
        pl.col("exits", "early_retirements").fill_null(0), pl.col("exposure").fill_null(0.0),
        retirement_gap_years=(pl.col("_gap").fill_null(0.0) / _YEAR).clip(lower_bound=0.0))
    rate = lambda c: pl.when(pl.col("exposure") > 0).then((pl.col(c) / pl.col("exposure")).clip(0.0, 1.0)).otherwise(0.0)  # noqa: E731
    table = table.with_columns(exit_rate=rate("exits"), early_retirement_rate=rate("early_retirements"),
                               population=pl.col("population").cast(pl.Int64))
    return ordered(table, by="life_phase" if by == "primary_phase" else by).select(
        "value", "population", "fte", "exits", "early_retirements", "exposure", "exit_rate", "early_retirement_rate",
        "retirement_gap_years", "working_years")


def _people_on(workforce: Workforce, as_of: date) -> pl.DataFrame:
    """Everyone at work on `as_of` in their main job, with all their FTE and their working years."""
    on_day = covering(workforce.assignments, as_of).sort(
        "person_id", "fte", "start_date", "unit_id", "job_id", descending=[False, True, False, False, False])
    person_fte = on_day.group_by("person_id").agg(pl.col("fte").sum().alias("person_fte"))
    main = on_day.unique("person_id", keep="first", maintain_order=True).with_columns(day=pl.lit(as_of))
    main = main.join(person_fte, on="person_id").join(aow_dates(workforce.people), on="person_id", how="left")
    left = ((pl.col("aow_date") - pl.lit(as_of)).dt.total_days() / _YEAR).clip(lower_bound=0.0)
    return main.with_columns(_left=left.fill_null(float(MAX_HORIZON)))


def _stock(people: pl.DataFrame) -> pl.DataFrame:
    return people.group_by("value").agg(
        pl.len().alias("population"), pl.col("person_fte").mean().alias("fte"),
        pl.concat_list([pl.col("_left").clip(upper_bound=float(h)).mean() for h in range(1, MAX_HORIZON + 1)])
        .first().alias("working_years"))


def _by_category(workforce: Workforce, *, by: str, as_of: date, years: list[int]):
    people = _people_on(workforce, as_of)
    if by in PERSON_CATEGORIES:
        people = people.select("person_id", "day", "person_fte", "_left")
    stock = _stock(attach(people, workforce, by=by, day="day"))
    exposure = yearly_flows(workforce, years=years, by=by).group_by("value").agg(
        ((pl.col("opening") + pl.col("closing")) / 2).sum().alias("exposure"))
    ended = workforce.spells.filter(pl.col("end_date").dt.year().is_in(years))
    kinds = classified_exits(workforce, ended).select("person_id", "spell_no", "end_date", "aow_date", "kind", "part")
    tagged = category_at(workforce, ended, "end_date", by).select("person_id", "spell_no", "value")
    return stock, tagged.join(kinds, on=["person_id", "spell_no"], how="left"), exposure


def _by_primary_phase(workforce: Workforce, *, as_of: date, years: list[int]):
    phase = lambda day: cached_profiles(workforce, on=day).select(  # noqa: E731
        "person_id", pl.col("primary_phase").fill_null(NO_PHASE).alias("value"))
    stock = _stock(_people_on(workforce, as_of).join(phase(as_of), on="person_id", how="left"))
    counts, exits = [], []
    for y in years:
        opening, closing = phase(date(y, 1, 1)), phase(date(y, 12, 31))
        counts += [opening.group_by("value").len("n").with_columns(pl.col("n") / 2),
                   closing.group_by("value").len("n").with_columns(pl.col("n") / 2)]
        ended = workforce.spells.filter(pl.col("end_date").dt.year() == y)
        kinds = classified_exits(workforce, ended).select("person_id", "end_date", "aow_date", "kind", "part")
        exits.append(kinds.join(opening, on="person_id", how="inner"))
    exposure = pl.concat(counts).group_by("value").agg(pl.col("n").cast(pl.Float64).sum().alias("exposure"))
    return stock, pl.concat(exits), exposure


@dataclass(frozen=True)
class PublishedPlan:
    """What may leave the core. `categories`: value, population, exit_rate, exits, places, spend,
    retained_fte_years, per_head, per_head_ratio, coverage, reason, few_exits, capacity, explained — after
    `suppress` (hidden rows have value, numbers and reason null). `allocation` and `constraints` have the
    hidden categories' names and numbers nulled (flag `hidden`). `effects` are the ones solved with, each
    flagged gemeten/aanname. `average_per_head`: the organisation's spend per person at work."""

    categories: Suppressed
    allocation: pl.DataFrame
    constraints: pl.DataFrame
    spend: float
    retained_fte_years: float
    effects: Effects
    axis: str
    window_years: int
    average_per_head: float = 0.0
    population: int = 0
    exit_rate: float = 0.0  # the organisation's influenceable exit rate per year (all categories)
    policy: Policy | None = None


def plan_for_workforce(workforce: Workforce, *, by: str, as_of: date, effects: Effects, policy: Policy,
                       k: int = 5, window_years: int = 3, evaluation: list[dict] | None = None) -> PublishedPlan:
    """Baseline → solve → privacy: small categories are planned for but not shown by name.
    `evaluation`: rows of `levensfase evaluate` (planning.evidence); none → every effect is the assumption."""
    if by not in PLANNER_AXES:
        raise ValueError(f"unknown category {by!r}; choose one of {', '.join(PLANNER_AXES)}")
    effects = with_evidence(effects, evaluation)
    base = category_baseline(workforce, by=by, as_of=as_of, window_years=window_years)
    base = base.filter(pl.col("population") > 0)
    gate = suppress(base.select("value", "population", "exit_rate"), k=k, values=["exit_rate"])
    hidden = {v for v, s in zip(base["value"].to_list(), gate.table["suppressed"].to_list()) if s}
    categories = [
        Category(value=r["value"], population=r["population"], fte=r["fte"], exit_rate=r["exit_rate"],
                 label=f"(a category with fewer than {k} people, or hidden with one)" if r["value"] in hidden else None,
                 early_retirement_rate=r["early_retirement_rate"], retirement_gap_years=r["retirement_gap_years"],
                 working_years=tuple(r["working_years"]))
        for r in base.iter_rows(named=True)
    ]
    result = solve_plan(categories, effects, policy, axis=by)
    reasons = category_reasons(result, categories, exits=dict(zip(base["value"].to_list(), base["exits"].to_list())),
                               costs={t.code: t.cost_eur for t in effects})
    return publish(result, base=base, reasons=reasons, hidden=hidden, effects=effects, k=k, window_years=window_years)


_SHOWN = ("exit_rate", "exits", "places", "spend", "retained_fte_years", "per_head", "per_head_ratio", "coverage")


def publish(result: PlanResult, *, base: pl.DataFrame, reasons: pl.DataFrame, hidden: set[str], effects: Effects,
            k: int, window_years: int) -> PublishedPlan:
    per_category = result.allocation.group_by("category").agg(pl.col("retained_fte_years").sum())
    table = base.select("value", "population", "exit_rate", "exits").join(
        per_category.rename({"category": "value"}), on="value", how="left").join(
        reasons.drop("next_value_per_euro").rename({"category": "value"}), on="value", how="left")
    gate = suppress(table, k=k, values=list(_SHOWN))
    gate = Suppressed(table=mark_withheld(gate.table, pl.col("suppressed"),
                                          values=("value", "reason", "few_exits", "capacity", "explained")),
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
    population = int(base["population"].sum())
    exposure = float(base["exposure"].sum())
    return PublishedPlan(categories=gate, allocation=allocation, constraints=constraints, spend=result.spend,
                         retained_fte_years=result.retained_fte_years, effects=effects, axis=result.axis or "",
                         window_years=window_years, average_per_head=result.spend / population if population else 0.0,
                         population=population, exit_rate=float(base["exits"].sum()) / exposure if exposure else 0.0,
                         policy=result.policy)
