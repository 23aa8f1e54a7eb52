"""The HR indicators a scan shows beside the dimension scores, per unit and for the organisation.

Each measure is the existing core definition, counted per unit (the unit of a person's assignment
on `as_of`) over the policy scan's window (the 12 months up to `as_of`):
- development_share: people with a development arrangement ÷ population (`policy_scan.policy_counts`);
- development_eur_per_head: development spend ÷ population (same counts);
- internal_mobility: internal moves (DESIGN §4) per 100 of the average headcount (`breakdown.period_counts_by`);
- untapped_competence_share: assessed people with an untapped competence ÷ assessed (`competencies.competency_counts`);
- work_ability: mean WAI score, each person's latest in the window (`survey_scores`) — an aggregate
  only, shown with ≥ k respondents (health data, DESIGN §6);
- influenceable_outflow: influenceable exits per 100 of the average stock (`outflow_kinds.outflow_in_window`).
The unit rows and the organisation total leave through `privacy.suppress` (small units and a
companion, so a unit is not the total minus the others); the WAI means through the respondent audit.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.breakdown import period_counts_by
from levensfase.analytics.competencies import competency_counts
from levensfase.analytics.outflow_kinds import outflow_in_window
from levensfase.analytics.policy_scan import policy_counts, window_start
from levensfase.analytics.privacy import suppress
from levensfase.analytics.privacy.respondents import respondent_groups_withheld
from levensfase.analytics.survey_scores import survey_scores
from levensfase.model.arrangements.catalog import Catalog
from levensfase.model.workforce import Workforce

__all__ = ["HR_MEASURES", "HR_SCHEMA", "hr_indicators"]

HR_MEASURES = ("development_share", "development_eur_per_head", "internal_mobility", "untapped_competence_share",
               "work_ability", "influenceable_outflow")
HR_SCHEMA = {"unit_id": pl.String(), "population": pl.Int64(), "measure": pl.String(), "value": pl.Float64(),
             "suppressed": pl.Boolean(), "reason": pl.String()}
_COUNTS = ("persons_development", "spend_development", "moves", "stock", "assessed", "persons_untapped",
           "influenceable", "average_stock")


def hr_indicators(workforce: Workforce, *, as_of: date, k: int, catalog: Catalog | None = None) -> pl.DataFrame:
    """Long table: unit_id (null = the organisation), population, measure (HR_MEASURES), value,
    suppressed, reason. A value is null when its input is missing (no arrangements, no assessments,
    no WAI answers in the window): missing is not zero."""
    counts = _unit_counts(workforce, as_of=as_of, catalog=catalog)
    total = counts.drop("value").sum().with_columns(pl.lit(None, dtype=pl.String).alias("value"))
    published = suppress(counts, k=k, population="population", values=list(_COUNTS), has_total=True)
    table = published.table
    if not published.total_withheld:
        table = pl.concat([total.with_columns(suppressed=pl.lit(False), suppression_reason=pl.lit(None, pl.String))
                           .select(table.columns), table])
    wai = _work_ability(workforce, as_of=as_of, k=k)
    recorded = workforce.arrangements.height > 0
    rows = []
    for r in table.iter_rows(named=True):
        unit, hidden, pop = r["value"], r["suppressed"], r["population"]
        values = {
            "development_share": _ratio(r["persons_development"], pop) if recorded else None,
            "development_eur_per_head": _ratio(r["spend_development"], pop) if recorded else None,
            "internal_mobility": _ratio(r["moves"], r["stock"], 100),
            "untapped_competence_share": _ratio(r["persons_untapped"], r["assessed"]),
            "work_ability": wai.get(unit, (None, None))[0],
            "influenceable_outflow": _ratio(r["influenceable"], r["average_stock"], 100),
        }
        for measure in HR_MEASURES:
            reason = r["suppression_reason"]
            if measure == "work_ability" and not hidden:
                reason = wai.get(unit, (None, None))[1]
            shown = reason is None and not hidden
            rows.append({"unit_id": unit, "population": pop, "measure": measure,
                         "value": values[measure] if shown else None, "suppressed": not shown, "reason": reason})
    return pl.DataFrame(rows, schema=HR_SCHEMA, orient="row")


def _ratio(part: float | None, whole: float | None, scale: float = 1.0) -> float | None:
    if part is None or not whole:
        return None
    return part * scale / whole


def _unit_counts(workforce: Workforce, *, as_of: date, catalog: Catalog | None) -> pl.DataFrame:
    """Unsuppressed additive counts per unit (value = unit_id) for everyone employed on `as_of`."""
    start = window_start(as_of)
    policy = policy_counts(workforce, as_of=as_of, by="unit", catalog=catalog).select(
        "value", "population", "persons_development", "spend_development")
    flows = period_counts_by(workforce, start=start, end=as_of, by="unit").select(
        "value", pl.col("internal_mobility").alias("moves"),
        ((pl.col("headcount_start") + pl.col("headcount_end")) / 2).alias("stock"))
    skills = competency_counts(workforce, as_of=as_of, by="unit").select("value", "assessed", "persons_untapped")
    outflow = outflow_in_window(workforce, start=start, end=as_of, by="unit").select(
        "value", "influenceable", "average_stock")
    table = policy
    for part in (flows, skills, outflow):
        table = table.join(part, on="value", how="left")
    return table.with_columns(
        pl.col("population").cast(pl.Int64),
        *(pl.col(c).cast(pl.Float64).fill_null(0.0) for c in _COUNTS)).sort("value")


def _work_ability(workforce: Workforce, *, as_of: date, k: int) -> dict[str | None, tuple[float | None, str | None]]:
    """unit (None = organisation) → (mean WAI of the latest answer in the window, reason withheld)."""
    scores = survey_scores(workforce, until=as_of).filter(
        (pl.col("instrument") == "wai") & (pl.col("date") >= window_start(as_of)))
    if scores.height == 0:
        return {}
    latest = scores.sort("date").group_by("person_id").last().select("person_id", "score")
    members = policy_counts_members(workforce, as_of=as_of)
    joined = members.join(latest, on="person_id", how="inner")
    groups: dict[str | None, frozenset] = {None: frozenset(joined["person_id"].to_list())}
    for (unit,), part in joined.partition_by("value", as_dict=True).items():
        groups[unit] = frozenset(part["person_id"].to_list())
    hidden = respondent_groups_withheld(groups, k=k)
    score_of = dict(zip(latest["person_id"].to_list(), latest["score"].to_list()))
    out: dict[str | None, tuple[float | None, str | None]] = {}
    for unit, people in groups.items():
        reason = hidden.get(unit)
        mean = sum(score_of[p] for p in people) / len(people) if people and reason is None else None
        out[unit] = (mean, reason)
    return out


def policy_counts_members(workforce: Workforce, *, as_of: date) -> pl.DataFrame:
    """(value = unit_id, person_id) of everyone employed on `as_of`: the policy scan's groups."""
    from levensfase.analytics.policy_scan import members

    return members(workforce, as_of=as_of, by="unit", rules=None).select("value", "person_id")
