"""The evaluation panel built for all snapshot days at once (`panel_days`) is the panel built day
by day as it was first written (kept here as the oracle): the same rows, order and values, also
with concurrent assignments (the main one by FTE, start, job id; a unit counts a person once) and
a job without a grade (that day's mean grade)."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest

from levensfase.analytics.categories import age_band
from levensfase.analytics.metrics import covering
from levensfase.analytics.phases import profiles_over
from levensfase.evaluation.outcomes import exit_kinds
from levensfase.evaluation.panel import _SCHEMA, STRATA, month_starts, panel, tenure_band
from levensfase.ingest.generator import generate
from levensfase.model.workforce import OPEN_END, Workforce

AS_OF = date(2025, 12, 31)


def _day_by_day(workforce: Workforce, days: list[date]) -> pl.DataFrame:
    spells = exit_kinds(workforce).rename({"start_date": "spell_start", "end_date": "spell_end", "kind": "exit_kind"})
    jobs = workforce.jobs.select("job_id", "job_family", pl.col("grade").cast(pl.Float64))
    sick = workforce.absences.filter(~pl.col("pregnancy").fill_null(False)).select(
        "person_id", "start_date", end=pl.col("end_date").fill_null(OPEN_END))
    frames = []
    for day, prof in profiles_over(workforce, days=days):
        prof = prof.select("person_id", life_phase=pl.col("primary_phase").fill_null("none"),
                           wai_band=pl.col("vitality"), fte=pl.col("fte").cast(pl.Float64),
                           age_band=age_band(pl.col("age")), age=pl.col("age").cast(pl.Float64))
        held = covering(workforce.assignments, day)
        unit_size = held.group_by("unit_id").agg(unit_size=pl.col("person_id").n_unique().cast(pl.Float64))
        main = held.sort("person_id", "fte", "start_date", "job_id", descending=[False, True, False, False]).unique(
            "person_id", keep="first").join(unit_size, on="unit_id", how="left").join(jobs, on="job_id", how="left")
        spell = spells.filter((pl.col("spell_start") <= day) & (pl.col("spell_end").is_null() | (pl.col("spell_end") >= day)))
        lo, hi = day - timedelta(days=365), day - timedelta(days=1)
        days_sick = sick.filter((pl.col("start_date") <= hi) & (pl.col("end") >= lo)).with_columns(
            days=(pl.min_horizontal("end", pl.lit(hi)) - pl.max_horizontal("start_date", pl.lit(lo))).dt.total_days() + 1
        ).group_by("person_id").agg(prior_absence_pct=(pl.col("days").sum().clip(upper_bound=365) / 365 * 100))
        years = (pl.lit(day) - pl.col("spell_start")).dt.total_days() / 365.25
        frames.append(prof.join(main.select("person_id", "job_family", "grade", "unit_size"), on="person_id").join(
            spell, on="person_id").join(days_sick, on="person_id", how="left").sort("person_id").with_columns(
            snapshot=pl.lit(day), tenure_band=tenure_band(years), prior_absence_pct=pl.col("prior_absence_pct").fill_null(0.0),
            grade=pl.col("grade").fill_null(pl.col("grade").mean()), job_family=pl.col("job_family").fill_null("onbekend")
        ).select(list(_SCHEMA)).cast(_SCHEMA))  # type: ignore[arg-type]
    strata = pl.concat([f.select(STRATA).unique() for f in frames]).unique().sort(STRATA).with_row_index("stratum")
    return pl.concat([f.join(strata, on=list(STRATA), how="left", maintain_order="left") for f in frames]).with_columns(
        pl.col("stratum").cast(pl.Int64))


@pytest.fixture(scope="module")
def tables():
    return generate(employees=250, years=3, seed=4, as_of=AS_OF)


def test_all_days_at_once_equal_day_by_day(tables):
    workforce = Workforce.from_tables(tables)
    days = month_starts(date(2023, 1, 1), date(2025, 11, 30))
    assert panel(workforce, snapshots=days).equals(_day_by_day(workforce, days))


def test_concurrent_assignments_and_a_job_without_grade(tables):
    assignments = tables["assignments"]
    extra = assignments.head(40).with_columns(  # a second job beside the first, some in the same unit
        assignment_id=pl.col("assignment_id") + "-x", job_id=pl.lit(tables["jobs"].get_column("job_id")[0]),
        unit_id=pl.when(pl.int_range(pl.len()) % 2 == 0).then(pl.col("unit_id"))
        .otherwise(pl.lit(assignments.get_column("unit_id")[-1])))
    jobs = tables["jobs"].with_columns(grade=pl.when(pl.int_range(pl.len()) == 1).then(None).otherwise(pl.col("grade")))
    workforce = Workforce.from_tables({**tables, "assignments": pl.concat([assignments, extra]), "jobs": jobs})
    days = month_starts(date(2024, 1, 1), date(2025, 6, 30))
    ours, theirs = panel(workforce, snapshots=days), _day_by_day(workforce, days)
    assert ours.drop("grade").equals(theirs.drop("grade"))
    assert theirs.get_column("grade").null_count() == 0
    # the day's mean grade fills a missing one; its last bit may depend on the order it is summed in
    assert ours.get_column("grade").to_list() == pytest.approx(theirs.get_column("grade").to_list(), rel=1e-12)


def test_no_snapshot_days_give_an_empty_panel(tables):
    assert panel(Workforce.from_tables(tables), snapshots=[]).height == 0
