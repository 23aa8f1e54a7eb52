"""Untapped potential, development need and training spend per category of employees (issue 7).

The question the works council asks: does development reach every group — 55+, part-timers, a
unit far from head office — and where does capability lie unused? Per category value on `as_of`
(docs/competencies.md has the contract):

- population: distinct persons employed on `as_of` in the group (as in the policy scan and the
  composition); someone with two concurrent assignments counts in both groups.
- assessed: persons of the population with at least one skill assessment on or before `as_of`.
  Shares are over the assessed, not the population: someone never assessed has an unknown
  profile, not "a development need in everything".
- untapped_share: assessed persons with ≥ 1 untapped skill / assessed (person-weighted, so a group
  reads as "which part of these people has capability their job does not use").
- development_need_share: assessed persons with ≥ 1 required skill below the required level (or
  not assessed) / assessed.
- training_spend_eur: cost_eur of development-bundle arrangements of the population overlapping
  the 12 months up to `as_of` (the policy scan's window and rule); training_spend_per_person is
  that over the population.
- values: every value someone had in the 12-month window (so every value `levensfase metrics
  --by` shows for a period inside that window appears), plus every state of the life-phase
  categories; a value nobody holds on `as_of` has population 0.
Privacy: rows go through `privacy.suppress` on the population (withholding everything), and the
shares once more on the assessed count (withholding only the shares, so the spend of a group
with few assessments stays visible).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.categories import CATEGORIES, attach, ordered
from levensfase.analytics.exact import exact_sum
from levensfase.analytics.matching import match_candidates, roles_for  # re-exported: one import point for the web
from levensfase.analytics.metrics import covering
from levensfase.analytics.phase_categories import AXIS_CATEGORIES, PHASE_CATEGORIES, phase_order, phase_values
from levensfase.analytics.policy_scan import window_start
from levensfase.analytics.privacy import suppress
from levensfase.analytics.protected_day import DayPattern, day_pattern, withhold_hidden_groups
from levensfase.analytics.report_phase_cells import axis_table
from levensfase.model.arrangements.catalog import Catalog, load_catalog
from levensfase.model.lifephase import PhaseRules, load_rules
from levensfase.model.skills import check_day, profile_history, skills_profile, statuses  # the last two re-exported
from levensfase.model.workforce import Workforce

__all__ = ["BY", "ROW_KEYS", "competency_categories", "competencies_section", "person_flags", "skills_profile",
           "profile_history", "match_candidates", "roles_for"]

BY = (*CATEGORIES, *PHASE_CATEGORIES)  # exactly the choices of `levensfase metrics --by`
ROW_KEYS = ("by", "value", "population", "suppressed", "untapped_share", "development_need_share",
            "training_spend_eur", "assessed", "persons_untapped", "training_spend_per_person")


def person_flags(workforce: Workforce, *, as_of: date, catalog: Catalog | None = None) -> pl.DataFrame:
    """Per person: assessed, has_untapped, has_need (among the assessed) and training_spend_eur."""
    rows = statuses(workforce, on=as_of)
    assessed = rows.filter(pl.col("level").is_not_null()).select("person_id").unique()
    flags = rows.group_by("person_id").agg(
        (pl.col("status") == "untapped").any().alias("has_untapped"),
        (pl.col("status") == "development_need").any().alias("has_need"),
    ).join(assessed.with_columns(assessed=pl.lit(True)), on="person_id", how="left").with_columns(
        pl.col("assessed").fill_null(False)).with_columns(
        pl.col("has_untapped") & pl.col("assessed"), pl.col("has_need") & pl.col("assessed"))
    catalog = catalog or load_catalog()
    development = [code for code, bundle in catalog.bundle_of().items() if bundle == "development"]
    since = window_start(as_of)
    spend = workforce.arrangements.filter(
        pl.col("code").is_in(development) & (pl.col("start_date") <= as_of)
        & (pl.col("end_date").is_null() | (pl.col("end_date") >= since))
    ).unique(["person_id", "code", "start_date"]).group_by("person_id").agg(
        exact_sum(pl.col("cost_eur").fill_null(0.0)).alias("training_spend_eur"))
    return flags.join(spend, on="person_id", how="full", coalesce=True).with_columns(
        pl.col("assessed", "has_untapped", "has_need").fill_null(False),
        pl.col("training_spend_eur").fill_null(0.0))


def _members(workforce: Workforce, *, as_of: date, by: str, rules: PhaseRules | None) -> pl.DataFrame:
    """(value, person_id) of everyone employed on `as_of`, unique."""
    if by in PHASE_CATEGORIES:
        return phase_values(workforce, on=as_of, by=by, rules=rules).select(
            pl.col("value").cast(pl.String), "person_id").unique()
    events = covering(workforce.assignments, as_of).with_columns(day=pl.lit(as_of))
    return attach(events, workforce, by=by, day="day").select(pl.col("value").cast(pl.String), "person_id").unique()


def _values(workforce: Workforce, *, as_of: date, by: str, rules: PhaseRules | None) -> pl.DataFrame:
    """Every value of `by` someone held in the 12-month window (all states for life-phase categories)."""
    if by in PHASE_CATEGORIES:
        return pl.DataFrame({"value": phase_order(by, rules)}, schema={"value": pl.String})
    since = window_start(as_of)
    inside = workforce.assignments.filter(
        (pl.col("start_date") <= as_of) & (pl.col("end_date").is_null() | (pl.col("end_date") >= since)))
    # Ages move by at most one band a year, so the first and last day in the window see every band.
    first = inside.with_columns(day=pl.max_horizontal("start_date", pl.lit(since)))
    last = inside.with_columns(day=pl.min_horizontal(pl.col("end_date").fill_null(as_of), pl.lit(as_of)))
    tagged = [attach(frame, workforce, by=by, day="day").select(pl.col("value").cast(pl.String))
              for frame in (first, last)]
    return pl.concat(tagged).unique()


def competency_counts(workforce: Workforce, *, as_of: date, by: str, rules: PhaseRules | None = None,
                      flags: pl.DataFrame | None = None) -> pl.DataFrame:
    """Unsuppressed counts per value (internal; publish through `competency_categories`)."""
    check_day(as_of, name="as_of")
    if by not in BY:
        raise ValueError(f"unknown category {by!r}; choose one of {', '.join(BY)}")
    flags = person_flags(workforce, as_of=as_of) if flags is None else flags
    members = _members(workforce, as_of=as_of, by=by, rules=rules).join(flags, on="person_id", how="left")
    counts = members.group_by("value").agg(
        pl.col("person_id").n_unique().cast(pl.Int64).alias("population"),
        pl.col("assessed").fill_null(False).sum().cast(pl.Int64).alias("assessed"),
        pl.col("has_untapped").fill_null(False).sum().cast(pl.Int64).alias("persons_untapped"),
        pl.col("has_need").fill_null(False).sum().cast(pl.Int64).alias("persons_development_need"),
        exact_sum(pl.col("training_spend_eur").fill_null(0.0)).alias("training_spend_eur"),
    )
    values = pl.concat([_values(workforce, as_of=as_of, by=by, rules=rules), counts.select("value")]).unique()
    table = values.join(counts, on="value", how="left").with_columns(
        pl.col("population", "assessed", "persons_untapped", "persons_development_need").fill_null(0),
        pl.col("training_spend_eur").fill_null(0.0).round(2))
    return ordered(table, by=by)


def competency_categories(workforce: Workforce, *, as_of: date, by: str, k: int = 5,
                          rules: PhaseRules | None = None, flags: pl.DataFrame | None = None,
                          day: DayPattern | None = None) -> pl.DataFrame:
    """The suppressed table for one category: value, population, assessed, persons_untapped,
    persons_development_need, untapped_share, development_need_share, training_spend_eur,
    training_spend_per_person, suppressed, suppression_reason, shares_withheld. `day`: the day's
    headcounts as the reader sees them elsewhere (the document's day set, the pages'); a row whose
    headcount that hides is withheld too — its population is the same number."""
    counts = competency_counts(workforce, as_of=as_of, by=by, rules=rules, flags=flags)
    share_counts = ["persons_untapped", "persons_development_need"]
    rows = suppress(counts, k=k, population="population", values=["assessed", *share_counts, "training_spend_eur"],
                    has_total=True).table
    if day is not None:
        rows = withhold_hidden_groups(rows, day, name=axis_table(by) if by in AXIS_CATEGORIES else by,
                                      values=("population", "assessed", *share_counts, "training_spend_eur"))
    by_assessed = suppress(counts.select("value", "assessed", *share_counts), k=k, population="assessed",
                           values=share_counts, has_total=True).table
    withheld = by_assessed.get_column("suppressed")
    share = lambda num: pl.when(pl.col("shares_withheld") | (pl.col("assessed") == 0)).then(None).otherwise(  # noqa: E731
        (pl.col(num) / pl.col("assessed")).round(3))
    table = rows.with_columns(shares_withheld=withheld | pl.col("suppressed")).with_columns(
        pl.when(pl.col("shares_withheld")).then(None).otherwise(pl.col(c)).alias(c)
        for c in ("assessed", *share_counts))
    return table.with_columns(
        untapped_share=share("persons_untapped"),
        development_need_share=share("persons_development_need"),
        training_spend_per_person=pl.when(pl.col("population") > 0).then(
            (pl.col("training_spend_eur") / pl.col("population")).round(2)).otherwise(None),
    ).select("value", "population", "assessed", *share_counts, "untapped_share", "development_need_share",
             "training_spend_eur", "training_spend_per_person", "suppressed", "suppression_reason",
             "shares_withheld")


def competencies_section(workforce: Workforce, *, as_of: date, k: int = 5,
                         rules: PhaseRules | None = None, day: DayPattern | None = None) -> dict[str, Any]:
    """The `competencies` section of `levensfase analyse`: ROW_KEYS rows for every category of BY;
    `day` as in `competency_categories` (default: the document's day set)."""
    check_day(as_of, name="as_of")
    rules = rules or load_rules()
    flags = person_flags(workforce, as_of=as_of)
    day = day or day_pattern(workforce, day=as_of, k=k, subtrees=False)
    rows: list[dict[str, Any]] = []
    for by in BY:
        table = competency_categories(workforce, as_of=as_of, by=by, k=k, rules=rules, flags=flags, day=day)
        for r in table.iter_rows(named=True):
            rows.append({"by": by, **{key: r[key] for key in ROW_KEYS[1:]}})
    return {"as_of": as_of.isoformat(), "window_from": window_start(as_of).isoformat(), "k": k, "rows": rows}
