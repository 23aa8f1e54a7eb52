"""Policy scan (beleidsscan): does our arrangement policy serve every category of employees?

Per category value (age band, generation, unit, job family, contract, sex, life phase) on a day:
the people employed then, the arrangements they used in the 12 months up to that day — by HR
bundle (Kooij et al. 2014) — and their cost, the share with a career conversation in those 12
months, and the share with an agreed personal plan. Categories without any development uptake
are the signal the works council and HR look for: sparing (ontzie) instead of development.

Definitions (docs/policy-scan.md has the full contract):
- population: distinct persons with an assignment covering `as_of` in the category — the same
  people and values as `composition.snapshot`, so no category of the composition is left out;
  someone with two concurrent assignments counts in both groups.
- window: the 12 months ending on `as_of`: from the day after `as_of` − 12 months to `as_of`.
- uptake: arrangement records (person, code, start_date) of the population that overlap the
  window; a code not in the catalog counts as "other" (in the total, in no bundle).
- spend_eur: the sum of their cost_eur (as recorded: the total of a bounded arrangement, the
  yearly cost of a running one).
- development_share / sparing_share: the share of the group's PEOPLE with at least one
  development / accommodative arrangement in the window (distinct persons ÷ population; a person
  with three courses counts once); null when the organisation has no arrangement records at all
  (missing input, not zero).
- mean_fte: the group's FTE on `as_of` ÷ population — hours as a lens on a group (DESIGN §5: many
  in the spitsuur work part-time because of it), never part of a phase's definition.
- with_conversation_share: persons with a conversations.csv row in the window / population.
- with_plan_share: persons with a plan in state approved or registered / population; null when
  no plans are given (the exchange format holds no plans; the web app passes them).
- life_phase: a person counts in every named phase that applies on `as_of` (phases overlap,
  DESIGN §5) and in "no_named_phase" when none does, so these rows need not add up.
Every table leaves through `privacy.suppress` (rows siblings of a published total), and a row
whose population — the day's headcount of its group — the day's protected set hides elsewhere is
withheld as well (issue 16: the document printed hidden pyramid margins here under another name).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import polars as pl

from levensfase.analytics.categories import CATEGORIES, attach, ordered
from levensfase.analytics.exact import exact_sum
from levensfase.analytics.metrics import covering
from levensfase.analytics.phase_categories import cached_profiles
from levensfase.analytics.privacy import suppress
from levensfase.analytics.protected_day import DayPattern, day_pattern, withhold_hidden_groups
from levensfase.model.arrangements.catalog import BUNDLES, Catalog, load_catalog
from levensfase.model.arrangements.eligibility import months_before
from levensfase.model.lifephase import PhaseRules, load_rules
from levensfase.model.workforce import Workforce

__all__ = ["BY", "COUNTS", "ROW_KEYS", "PLAN_STATES", "policy_counts", "policy_scan", "policy_scan_section", "summary"]

BY = (*CATEGORIES, "life_phase")
NO_PHASE = "no_named_phase"  # as in the life-phase categories of the analysis report
PLAN_STATES = ("approved", "registered")  # "has a plan": agreed by the manager
COUNTS = (
    *(f"uptake_{b}" for b in BUNDLES), "uptake_other", "uptake_total",
    *(f"spend_{b}" for b in BUNDLES), "spend_eur", "persons_with_conversation", "persons_with_plan",
    "persons_development", "persons_accommodative", "fte_sum",
)
ROW_KEYS = ("by", "value", "population", "suppressed", "with_conversation_share", "with_plan_share",
            "development_share", "sparing_share", "spend_eur", "uptake_development", "uptake_accommodative",
            "uptake_total", "spend_development", "persons_development", "persons_accommodative", "mean_fte")


def window_start(as_of: date) -> date:
    return months_before(as_of, 12) + timedelta(days=1)


def _members(workforce: Workforce, *, as_of: date, by: str, rules: PhaseRules | None) -> pl.DataFrame:
    """(value, person_id, fte) of everyone employed on `as_of`, one row per value and person; fte is
    the person's FTE in that group (all their jobs for a life phase, the jobs in it otherwise)."""
    if by == "life_phase":  # every named phase that applies (they overlap), else NO_PHASE
        phases = cached_profiles(workforce, on=as_of, rules=rules).select("person_id", "phases", "fte")
        return phases.explode("phases").select(
            pl.col("phases").fill_null(NO_PHASE).alias("value"), "person_id", "fte").unique(["value", "person_id"])
    if by not in CATEGORIES:
        raise ValueError(f"unknown category {by!r}; choose one of {', '.join(BY)}")
    events = covering(workforce.assignments, as_of).with_columns(day=pl.lit(as_of))
    return attach(events, workforce, by=by, day="day").group_by(
        pl.col("value").cast(pl.String), "person_id").agg(pl.col("fte").sum())


members = _members  # the same groups for other per-category sections (analytics.ambitions)


def policy_counts(workforce: Workforce, *, as_of: date, by: str, catalog: Catalog | None = None,
                  plans: pl.DataFrame | None = None, rules: PhaseRules | None = None) -> pl.DataFrame:
    """Unsuppressed counts per category value: value, population and COUNTS (internal; publish via policy_scan)."""
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise TypeError(f"as_of must be a date, got {as_of!r}")
    catalog = catalog or load_catalog()
    members = _members(workforce, as_of=as_of, by=by, rules=rules)
    since = window_start(as_of)
    bundle_of = catalog.bundle_of()
    used = workforce.arrangements.filter(
        (pl.col("start_date") <= as_of) & (pl.col("end_date").is_null() | (pl.col("end_date") >= since))
    ).select("person_id", "code", "start_date", pl.col("cost_eur").fill_null(0.0)).unique(
        ["person_id", "code", "start_date"]
    ).with_columns(bundle=pl.col("code").replace_strict(bundle_of, default="other", return_dtype=pl.String))
    rows = members.join(used, on="person_id", how="inner")
    uptake = rows.group_by("value").agg(
        *(((pl.col("bundle") == b).sum()).alias(f"uptake_{b}") for b in (*BUNDLES, "other")),
        pl.len().alias("uptake_total"),
        *(exact_sum(pl.col("cost_eur").filter(pl.col("bundle") == b)).alias(f"spend_{b}") for b in BUNDLES),
        exact_sum(pl.col("cost_eur")).alias("spend_eur"),
    )
    persons = rows.group_by("value").agg(  # shares of people count each person once (issue 17)
        pl.col("person_id").filter(pl.col("bundle") == "development").n_unique().alias("persons_development"),
        pl.col("person_id").filter(pl.col("bundle") == "accommodative").n_unique().alias("persons_accommodative"),
    )
    talked = workforce.conversations.filter(pl.col("date").is_between(since, as_of)).select("person_id").unique()
    conversation = members.join(talked, on="person_id", how="semi").group_by("value").agg(
        pl.len().alias("persons_with_conversation"))
    table = members.group_by("value").agg(pl.col("person_id").n_unique().alias("population"),
                                          exact_sum(pl.col("fte")).alias("fte_sum"))
    table = table.join(uptake, on="value", how="left").join(persons, on="value", how="left").join(
        conversation, on="value", how="left")
    if plans is not None:
        agreed = plans.filter(pl.col("state").is_in(PLAN_STATES)).select("person_id").unique()
        with_plan = members.join(agreed, on="person_id", how="semi").group_by("value").agg(
            pl.len().alias("persons_with_plan"))
        table = table.join(with_plan, on="value", how="left")
    else:
        table = table.with_columns(persons_with_plan=pl.lit(None, dtype=pl.UInt32))
    filled = [c for c in COUNTS if c != "persons_with_plan" or plans is not None]
    table = table.with_columns(pl.col(c).fill_null(0) for c in filled).with_columns(
        pl.col("population").cast(pl.Int64), pl.col("^spend_.*$").cast(pl.Float64).round(2),
        pl.col("fte_sum").cast(pl.Float64).round(4))
    return ordered(table.select("value", "population", *COUNTS), by=by if by in CATEGORIES else "unit")


def policy_scan(workforce: Workforce, *, as_of: date, by: str, k: int = 5, catalog: Catalog | None = None,
                plans: pl.DataFrame | None = None, rules: PhaseRules | None = None,
                day: DayPattern | None = None) -> pl.DataFrame:
    """The suppressed scan for one category: counts, the four shares and `no_development`,
    plus `suppressed` / `suppression_reason` (values null in suppressed rows). `day`: the day's
    headcounts as the reader sees them elsewhere (default: the `analyse` document's day set); a row
    whose headcount that hides is withheld too — its population is the same number."""
    counts = policy_counts(workforce, as_of=as_of, by=by, catalog=catalog, plans=plans, rules=rules)
    table = suppress(counts, k=k, population="population", values=list(COUNTS), has_total=True).table
    table = withhold_hidden_groups(table, day or day_pattern(workforce, day=as_of, k=k, subtrees=False), name=by,
                                   values=("population", *COUNTS))
    share = lambda num, den: pl.when(pl.col(den) > 0).then(  # noqa: E731
        (pl.col(num) / pl.col(den)).round(3)).otherwise(None)
    recorded = workforce.arrangements.height > 0  # no arrangement data at all: unknown, not 0%
    per_person = lambda num: share(num, "population") if recorded else pl.lit(None, dtype=pl.Float64)  # noqa: E731
    return table.with_columns(
        with_conversation_share=share("persons_with_conversation", "population"),
        with_plan_share=share("persons_with_plan", "population"),
        development_share=per_person("persons_development"),
        sparing_share=per_person("persons_accommodative"),
        mean_fte=pl.when(pl.col("population") > 0).then((pl.col("fte_sum") / pl.col("population")).round(2)),
        no_development=pl.when(pl.col("suppressed")).then(None).otherwise(pl.col("uptake_development") == 0),
    )


def policy_scan_section(workforce: Workforce, *, as_of: date, k: int = 5, catalog: Catalog | None = None,
                        plans: pl.DataFrame | None = None, rules: PhaseRules | None = None,
                        day: DayPattern | None = None) -> dict[str, Any]:
    """The `policy_scan` section of `levensfase analyse` (JSON-ready, deterministic, rounded); `day`
    as in `policy_scan` (the web passes the pages' pattern of the day)."""
    rules = rules or load_rules()
    catalog = catalog or load_catalog()
    rows: list[dict[str, Any]] = []
    for by in BY:
        scan = policy_scan(workforce, as_of=as_of, by=by, k=k, catalog=catalog, plans=plans, rules=rules, day=day)
        for r in scan.iter_rows(named=True):
            rows.append({
                "by": by, "value": r["value"], "population": r["population"], "suppressed": r["suppressed"],
                "with_conversation_share": r["with_conversation_share"], "with_plan_share": r["with_plan_share"],
                "development_share": r["development_share"], "sparing_share": r["sparing_share"],
                "spend_eur": r["spend_eur"], "uptake_development": r["uptake_development"],
                "uptake_accommodative": r["uptake_accommodative"], "uptake_total": r["uptake_total"],
                "spend_development": r["spend_development"], "persons_development": r["persons_development"],
                "persons_accommodative": r["persons_accommodative"], "mean_fte": r["mean_fte"],
            })
    section = {"as_of": as_of.isoformat(), "window_from": window_start(as_of).isoformat(), "k": k, "rows": rows}
    labels = {p.name: (p.label_nl, p.label_en) for p in rules.phases}
    section["summary_nl"] = summary(section, lang="nl", phase_labels=labels)
    section["summary_en"] = summary(section, lang="en", phase_labels=labels)
    return section


def summary(scan: dict[str, Any], *, lang: str = "nl", phase_labels: dict[str, tuple[str, str]] | None = None) -> str:
    """The scan's sentences, from analytics.findings (DESIGN §6a): the verdict on development against
    sparing by age (the scan's central finding), the groups without any development, and what the
    shares are shares of. `scan` is a `policy_scan_section` (or any dict with its `rows`)."""
    from levensfase.analytics.findings.executive import life_phase_aware
    from levensfase.analytics.findings.policy import policy_scan_findings

    if lang not in ("nl", "en"):
        raise ValueError(f"lang must be 'nl' or 'en', got {lang!r}")
    k = scan.get("k", 5)
    shown = [r for r in scan["rows"] if not r["suppressed"]]
    if not scan["rows"]:
        return "Op deze datum was niemand in dienst." if lang == "nl" else "Nobody was employed on this date."
    if not shown:
        return (f"Alle groepen zijn kleiner dan {k} personen of verborgen; er is niets te tonen."
                if lang == "nl" else f"Every group is smaller than {k} people or hidden; nothing to show.")
    if not any(r.get("uptake_total") for r in shown):
        return ("Er zijn in de afgelopen 12 maanden geen regelingen geregistreerd; hierover trekken we geen conclusie."
                if lang == "nl" else "No arrangements were recorded in the last 12 months; no conclusion is drawn.")
    labels = {name: {"nl": nl, "en": en} for name, (nl, en) in (phase_labels or {}).items()}
    report = {"k": k, "policy_scan": scan, "phases": {"labels": labels}}
    key = "answer_en" if lang == "en" else "answer_nl"
    verdict = life_phase_aware(report)
    parts = [verdict[key]] if verdict["numbers"] else []
    parts += [f.text(lang) for f in policy_scan_findings(report) if f.kind in ("none_in_group", "share_of")]
    return " ".join(parts)
