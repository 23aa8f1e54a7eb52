"""Competencies of a person against their job (issue 7): current levels, the profile and its history.

Definitions (docs/competencies.md has the full contract):
- current level of a skill on a day: the level of the latest assessment on or before that day,
  whatever its source; of several on that same day, certified beats manager beats self. So a
  new self-assessment after a manager's one is the current view — the history keeps both.
- required level: the highest `level_required` of the skill over the person's jobs on that day
  (someone with two concurrent jobs needs what either job needs).
- status, one per skill:
  used             — required, and the current level ≥ the required level (required 3, present 4: used);
  development_need — required, and the level is below it or the skill was never assessed;
  untapped         — not required by any current job, and present at level ≥ 3 (UNTAPPED_LEVEL);
  other            — not required and present below level 3.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from levensfase.model.schema import SKILL_SOURCES
from levensfase.model.workforce import Workforce

__all__ = ["STATUSES", "UNTAPPED_LEVEL", "SOURCE_RANK", "current_levels", "required_levels", "statuses",
           "skills_profile", "profile_history"]

STATUSES = ("used", "development_need", "untapped", "other")
UNTAPPED_LEVEL = 3
SOURCE_RANK = {"self": 0, "manager": 1, "certified": 2}  # same-day tie: higher rank wins
assert set(SOURCE_RANK) == set(SKILL_SOURCES)


def check_day(on: object, *, name: str = "on") -> date:
    if not isinstance(on, date) or isinstance(on, datetime):
        raise TypeError(f"{name} must be a date, got {on!r}")
    return on


def current_levels(person_skills: pl.DataFrame, *, on: date) -> pl.DataFrame:
    """person_id, skill_id, level, level_source, level_date, level_self, level_manager, level_certified.

    One row per person and skill assessed on or before `on` (rules in the module docstring).
    """
    known = person_skills.filter(pl.col("date") <= on).with_columns(
        _rank=pl.col("source").replace_strict(SOURCE_RANK, default=-1, return_dtype=pl.Int64))
    ordered = known.sort("person_id", "skill_id", "date", "_rank")
    keys = ["person_id", "skill_id"]
    latest = ordered.group_by(keys, maintain_order=True).agg(
        pl.col("level").last(), pl.col("source").last().alias("level_source"), pl.col("date").last().alias("level_date"),
        *(pl.col("level").filter(pl.col("source") == s).last().alias(f"level_{s}") for s in SKILL_SOURCES),
    )
    return latest.with_columns(pl.col("^level.*$").exclude("level_source", "level_date").cast(pl.Int64))


def required_levels(assignments: pl.DataFrame, job_skills: pl.DataFrame, *, on: date) -> pl.DataFrame:
    """person_id, skill_id, level_required: what the jobs held on `on` ask (the highest over concurrent jobs)."""
    a = assignments
    current = a.filter((pl.col("start_date") <= on) & (pl.col("end_date").is_null() | (pl.col("end_date") >= on)))
    return current.select("person_id", "job_id").unique().join(job_skills, on="job_id").group_by(
        "person_id", "skill_id").agg(pl.col("level_required").max().cast(pl.Int64))


def status_expr() -> pl.Expr:
    """The status of a row with `level` and `level_required` (either may be null)."""
    required = pl.col("level_required").is_not_null()
    return (
        pl.when(required & (pl.col("level").fill_null(0) >= pl.col("level_required"))).then(pl.lit("used"))
        .when(required).then(pl.lit("development_need"))
        .when(pl.col("level") >= UNTAPPED_LEVEL).then(pl.lit("untapped"))
        .otherwise(pl.lit("other"))
    )


def statuses(workforce: Workforce, *, on: date) -> pl.DataFrame:
    """Every person's profile rows on `on` in one frame: person_id, skill_id, level, level_required, status.

    Covers people with a job on `on` (their required skills) and anyone assessed by then.
    """
    levels = current_levels(workforce.person_skills, on=on).select("person_id", "skill_id", "level")
    required = required_levels(workforce.assignments, workforce.job_skills, on=on)
    return levels.join(required, on=["person_id", "skill_id"], how="full", coalesce=True).with_columns(
        status=status_expr())


def skills_profile(workforce: Workforce, *, person_id: str, on: date) -> pl.DataFrame:
    """One row per skill required by the person's jobs on `on` or assessed by then, in status order.

    Columns: skill_id, name, kind, level, level_source, level_date, level_self, level_manager,
    level_certified, level_required, self_minus_manager (the conversation starter), status.
    """
    check_day(on)
    if person_id not in set(workforce.people.get_column("person_id").to_list()):
        raise ValueError(f"unknown person {person_id!r}")
    mine = workforce.person_skills.filter(pl.col("person_id") == person_id)
    levels = current_levels(mine, on=on)
    assignments = workforce.assignments.filter(pl.col("person_id") == person_id)
    required = required_levels(assignments, workforce.job_skills, on=on)
    keys = ["person_id", "skill_id"]
    rows = levels.join(required, on=keys, how="full", coalesce=True).with_columns(status=status_expr())
    order = {s: i for i, s in enumerate(STATUSES)}
    names = workforce.skills.select("skill_id", "name", "kind")
    return rows.join(names, on="skill_id", how="left").with_columns(
        pl.col("name").fill_null(pl.col("skill_id")),
        self_minus_manager=pl.col("level_self") - pl.col("level_manager"),
        _order=pl.col("status").replace_strict(order, return_dtype=pl.Int64),
    ).sort("_order", "skill_id").select(
        "skill_id", "name", "kind", "level", "level_source", "level_date", "level_self", "level_manager",
        "level_certified", pl.col("level_required").cast(pl.Int64), "self_minus_manager", "status")


def profile_history(workforce: Workforce, *, person_id: str) -> pl.DataFrame:
    """Every assessment of the person, newest first: date, skill_id, name, kind, source, level."""
    names = workforce.skills.select("skill_id", "name", "kind")
    mine = workforce.person_skills.filter(pl.col("person_id") == person_id)
    return mine.join(names, on="skill_id", how="left").with_columns(
        pl.col("name").fill_null(pl.col("skill_id")),
        _rank=pl.col("source").replace_strict(SOURCE_RANK, default=-1, return_dtype=pl.Int64),
    ).sort(["date", "skill_id", "_rank"], descending=[True, False, True]).select(
        "date", "skill_id", "name", "kind", "source", "level")
