"""One score per answered questionnaire (WAI total, UWES total mean), with the respondent's groups.

The scores come from `model.instruments.score_survey_items`, the same scorer the web form and
`levensfase score` use, so an aggregate can never disagree with what an employee saw. That is
a Python loop over questionnaires (not over item rows): fine for an organisation's few thousand
responses a year. Individual scores never leave the core except to the employee and the
bedrijfsarts; everything else aggregates them first (employability.py).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.categories import PERSON_CATEGORIES, attach
from levensfase.analytics.phases import profiles
from levensfase.analytics.vitality import _with_work_demand
from levensfase.model.instruments import InvalidAnswers, load_reference, score_survey_items
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["SCORED", "GROUPINGS", "survey_scores", "with_group"]

SCORED = ("wai", "uwes9", "uwes17")
GROUPINGS = ("life_phase", "age_band", "generation", "sex", "unit", "job_family")
NO_PHASE = "none"  # employed, but no named phase applies
NOT_EMPLOYED = "not_employed"  # answered on a day without an assignment

_SCHEMA = {"person_id": pl.String, "date": pl.Date, "year": pl.Int32, "instrument": pl.String,
           "score": pl.Float64, "band": pl.String}


def survey_scores(workforce: Workforce, *, until: date | None = None, person_id: str | None = None) -> pl.DataFrame:
    """person_id, date, year, instrument, score, band for every scorable WAI / UWES response.

    WAI: the whole-point total 7–49 and its band (item 2 weighted by the work_demand of the job
    held on the survey date). UWES: the total mean 0–6 and its norm band. A questionnaire that
    cannot be scored (an item missing or out of range) is left out.
    """
    surveys = workforce.surveys.filter(pl.col("instrument").is_in(SCORED))
    if until is not None:
        surveys = surveys.filter(pl.col("date") <= until)
    if person_id is not None:
        surveys = surveys.filter(pl.col("person_id") == person_id)
    if surveys.height == 0:
        return pl.DataFrame(schema=_SCHEMA)
    grouped = surveys.group_by("person_id", "date", "instrument").agg("item", "value")
    demands = _with_work_demand(workforce.assignments, workforce.jobs,
                                grouped.filter(instrument="wai").select("person_id", "date"))
    demand_of = {(r["person_id"], r["date"]): r["work_demand"] for r in demands.iter_rows(named=True)}
    reference = load_reference()
    rows = []
    for r in grouped.iter_rows(named=True):
        items = dict(zip(r["item"], r["value"]))
        try:
            result = score_survey_items(r["instrument"], items, reference=reference,
                                        work_demand=demand_of.get((r["person_id"], r["date"])))
        except InvalidAnswers:
            continue
        wai = r["instrument"] == "wai"
        rows.append({"person_id": r["person_id"], "date": r["date"], "year": r["date"].year,
                     "instrument": r["instrument"],
                     "score": float(result.data["total"]),
                     "band": result.data["band"] if wai else result.data["bands"]["total"]})
    return pl.DataFrame(rows, schema=_SCHEMA).sort("instrument", "date", "person_id")


def with_group(frame: pl.DataFrame, workforce: Workforce, *, by: str, day: str = "date") -> pl.DataFrame:
    """Add `group`: the respondent's life phase or category on the day in column `day` ("all": one group).

    Life phase is the primary phase of `analytics.phases.profiles` on that day ("none" when no
    named phase applies); unit and job family come from the assignment covering the day (the one
    started last). Someone not employed that day is in group "not_employed".
    """
    if by not in (*GROUPINGS, "all"):
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)} or all")
    if frame.height == 0:
        return frame.with_columns(group=pl.lit(None, dtype=pl.String))
    if by == "all":
        return frame.with_columns(group=pl.lit("all"))
    if by == "life_phase":
        parts = []
        for (on,), rows in frame.group_by(day, maintain_order=True):
            phase = profiles(workforce, on=on).select("person_id", group=pl.col("primary_phase").fill_null(NO_PHASE))
            parts.append(rows.join(phase, on="person_id", how="left"))
        return pl.concat(parts).with_columns(pl.col("group").fill_null(NOT_EMPLOYED))
    if by in PERSON_CATEGORIES:
        return attach(frame, workforce, by=by, day=day).rename({"value": "group"})
    held = frame.select("person_id", day).unique().join(
        workforce.assignments.select("person_id", "start_date", "end_date", "unit_id", "job_id", "contract"),
        on="person_id", how="inner",
    ).filter((pl.col("start_date") <= pl.col(day)) & (pl.col("end_date").fill_null(OPEN_END) >= pl.col(day)))
    held = held.sort("start_date", "unit_id", "job_id").group_by("person_id", day).last()
    held = attach(held, workforce, by="unit" if by == "unit" else "job_family", day=day)
    return frame.join(held.select("person_id", day, group=pl.col("value")), on=["person_id", day], how="left") \
        .with_columns(pl.col("group").fill_null(NOT_EMPLOYED))
