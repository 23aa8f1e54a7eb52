"""Planning states: who is in which state on a day (life phase or age band × job family, years to AOW).

A state is `axis value | job family`, where the axis is the person's primary life phase (DESIGN §5)
or their five-year age band (configurable, `StateSpace.axis`). Next to the state every person
carries a cohort: whole years to their personal AOW date (art. 7a AOW, `model.pension`), which
moves by exactly one each year. Retirement is anchored on it rather than on the state, because
the AOW date is known per person years ahead and is the strongest predictor of leaving we have.

A person who stated an intended retirement age in a career conversation retires by that age, not
by the AOW date: with `planned=True` their clock counts to the day they reach it (the latest
answer given on or before the day; `planned_retirement`), so an intended 63 moves the retirement
years earlier and an intended 69 years later. The history the model learns from stays on the AOW
date, so the retirement pattern around the date is the organisation's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.ambitions import planned_retirement
from levensfase.analytics.categories import age_band, age_on
from levensfase.analytics.metrics import covering
from levensfase.analytics.phase_categories import NO_PHASE, cached_profiles
from levensfase.analytics.phases import aow_dates, primary_phases_over
from levensfase.model.workforce import Workforce

__all__ = ["AXES", "SEPARATOR", "StateSpace", "planned_retirement", "snapshot", "snapshots", "state_name",
           "split_state"]

AXES = ("life_phase", "age_band")
SEPARATOR = " | "
YEAR_DAYS = 365.25


@dataclass(frozen=True)
class StateSpace:
    """How people are classified. Years to AOW are clipped to [y_min, y_max]: y_min collects everyone
    that many years or more past their AOW date, y_max everyone that far or further from it (nobody
    there can retire within a 15-year horizon, so the clip loses nothing)."""

    axis: str = "life_phase"
    y_min: int = -5
    y_max: int = 50

    def __post_init__(self) -> None:
        if self.axis not in AXES:
            raise ValueError(f"axis must be one of {', '.join(AXES)}, got {self.axis!r}")
        if not self.y_min < 0 < self.y_max:
            raise ValueError("y_min must be negative and y_max positive")

    @property
    def cohorts(self) -> range:
        return range(self.y_min, self.y_max + 1)


def state_name(value: str, family: str) -> str:
    return f"{value}{SEPARATOR}{family}"


def split_state(state: str) -> tuple[str, str]:
    value, family = state.split(SEPARATOR, 1)
    return value, family


def snapshots(workforce: Workforce, *, days: list[date], space: StateSpace, planned: tuple[date, ...] = ()
              ) -> tuple[dict[date, pl.DataFrame], dict[date, pl.DataFrame]]:
    """`snapshot` on each of `days`, and `snapshot(planned=True)` on each of `planned` (a subset of
    `days`), with the AOW dates and the life-phase inputs built once for all of them
    (`phases.primary_phases_over`) instead of once per day: the same tables in a fraction of the time."""
    aow = aow_dates(workforce.people.get_column("birth_date"))
    phases = dict(primary_phases_over(workforce, days=days)) if space.axis == "life_phase" else {}
    plain = {d: snapshot(workforce, on=d, space=space, aow=aow, phases=phases.get(d)) for d in days}
    return plain, {d: snapshot(workforce, on=d, space=space, planned=True, phases=phases.get(d)) for d in planned}


def snapshot(workforce: Workforce, *, on: date, space: StateSpace, planned: bool = False,
             aow: pl.DataFrame | None = None, phases: pl.DataFrame | None = None) -> pl.DataFrame:
    """Everyone employed on `on`: person_id, value (phase or age band), family, state, y (years to
    AOW, clipped), fte (all assignments), grade (of the main job), spell_start, spell_end, end_reason.

    The main job (highest FTE, then lowest job_id) gives family and grade. With `planned`, y counts
    to the person's planned retirement date instead (an intended age they stated, else AOW).
    `aow` (`aow_dates` of the people) and `phases` (their profiles on `on`) may be passed in when
    the caller already has them (`snapshots`).
    """
    present = covering(workforce.assignments, on)
    if present.height == 0:
        return _empty()
    jobs = workforce.jobs.select("job_id", pl.col("job_family").alias("family"), "grade")
    main = (
        present.sort(["person_id", "fte", "job_id"], descending=[False, True, False])
        .group_by("person_id", maintain_order=True)
        .agg(pl.col("job_id").first(), pl.col("fte").sum())
        .join(jobs, on="job_id", how="left")
        .with_columns(pl.col("family").fill_null("?"))
    )
    people = workforce.people.select("person_id", "birth_date")
    if planned:
        dates = planned_retirement(workforce, on=on).select("person_id", aow_date=pl.col("retirement_date"))
        frame = main.join(people, on="person_id", how="left").join(dates, on="person_id", how="left")
    else:
        aow = aow if aow is not None else aow_dates(people.get_column("birth_date"))
        frame = main.join(people, on="person_id", how="left").join(aow, on="birth_date", how="left")
    days = (pl.col("aow_date") - pl.lit(on)).dt.total_days()
    frame = frame.with_columns(
        y=(days / YEAR_DAYS).floor().cast(pl.Int64).fill_null(space.y_max).clip(space.y_min, space.y_max)
    )
    if space.axis == "life_phase":
        profile = phases if phases is not None else cached_profiles(workforce, on=on)
        phases = profile.select("person_id", pl.col("primary_phase").alias("value"))
        frame = frame.join(phases, on="person_id", how="left").with_columns(pl.col("value").fill_null(NO_PHASE))
    else:
        frame = frame.with_columns(value=age_band(age_on(pl.col("birth_date"), pl.lit(on))))
    spells = workforce.spells.filter(
        (pl.col("start_date") <= on) & (pl.col("end_date").is_null() | (pl.col("end_date") >= on))
    ).select("person_id", pl.col("start_date").alias("spell_start"), pl.col("end_date").alias("spell_end"),
             "end_reason")
    frame = frame.join(spells, on="person_id", how="left")
    return frame.select(
        "person_id", "value", "family", (pl.col("value") + SEPARATOR + pl.col("family")).alias("state"), "y",
        pl.col("fte").cast(pl.Float64), "grade", "spell_start", "spell_end", "end_reason",
    ).sort("person_id")


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema={
        "person_id": pl.String, "value": pl.String, "family": pl.String, "state": pl.String, "y": pl.Int64,
        "fte": pl.Float64, "grade": pl.Int64, "spell_start": pl.Date, "spell_end": pl.Date, "end_reason": pl.String,
    })
