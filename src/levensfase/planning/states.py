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
    plain = _on_days(workforce, days=sorted(set(days)), space=space, aow=aow, phases=phases)
    return plain, {d: _planned(workforce, plain[d], on=d, space=space) for d in planned}


def _planned(workforce: Workforce, plain: pl.DataFrame, *, on: date, space: StateSpace) -> pl.DataFrame:
    """`snapshot(planned=True)` from the plain snapshot of the same day: only y differs (counted to
    the planned retirement date instead of the AOW date)."""
    dates = planned_retirement(workforce, on=on).select("person_id", "retirement_date")
    to_date = (pl.col("retirement_date") - pl.lit(on)).dt.total_days()
    return plain.join(dates, on="person_id", how="left", maintain_order="left").with_columns(
        y=(to_date / YEAR_DAYS).floor().cast(pl.Int64).fill_null(space.y_max).clip(space.y_min, space.y_max)
    ).select(plain.columns)


def _on_days(workforce: Workforce, *, days: list[date], space: StateSpace, aow: pl.DataFrame,
             phases: dict[date, pl.DataFrame]) -> dict[date, pl.DataFrame]:
    """`snapshot` on every day at once: person_id, job_id and the people and spell tables are turned
    into integer keys once (person rank in person_id order, job rank in job_id order), so every
    sort, group-by and join after that is on integers; row id = day × persons + person."""
    ordered = workforce.ordered_assignments  # sorted by person_id
    first = (pl.col("person_id") != pl.col("person_id").shift()).fill_null(True)  # a person's first row
    ids = ordered.filter(first).get_column("person_id")
    if ids.len() == 0:
        return {d: _empty() for d in days}
    key = first.cum_sum().cast(pl.Int64) - 1
    index = pl.DataFrame({"person_id": ids, "key": pl.int_range(ids.len(), dtype=pl.Int64, eager=True)})
    covers = lambda d: (pl.col("start_date") <= d) & (pl.col("end_date").is_null() | (pl.col("end_date") >= d))  # noqa: E731
    rows = ordered.with_columns(key=key).filter(covers(days[0]).or_(*(covers(d) for d in days[1:])))
    job_ids = rows.get_column("job_id").unique().sort()
    rows = rows.select("key", "start_date", "end_date", "fte",
                       job=pl.col("job_id").replace_strict(job_ids, pl.int_range(job_ids.len(), eager=True)))
    n = ids.len()
    rid = (pl.col("_idx") * n + pl.col("key")).alias("_rid")
    present = pl.concat([rows.filter(covers(d)).select(pl.lit(i, pl.Int64).alias("_idx"), "key", "job", "fte")
                         for i, d in enumerate(days)])
    main = (present.sort(rid, -pl.col("fte"), "job").with_columns(rid)
            .group_by("_rid", maintain_order=True).agg(pl.col("job").first(), pl.col("fte").sum()))
    main = main.with_columns(key=pl.col("_rid") % n, _idx=pl.col("_rid") // n)
    jobs = pl.DataFrame({"job_id": job_ids, "job": pl.int_range(job_ids.len(), eager=True)}).join(
        workforce.jobs.select("job_id", pl.col("job_family").alias("family"), "grade"), on="job_id", how="left")
    people = index.join(workforce.people.select("person_id", "birth_date"), on="person_id", how="left",
                        maintain_order="left").join(aow, on="birth_date", how="left", maintain_order="left")
    calendar = pl.Series(days, dtype=pl.Date)
    frame = main.join(jobs.select("job", "family", "grade"), on="job", how="left", maintain_order="left").with_columns(
        pl.col("family").fill_null("?"), _day=pl.lit(calendar).gather(pl.col("_idx")),
        **{c: pl.lit(people.get_column(c)).gather(pl.col("key")) for c in ("person_id", "birth_date", "aow_date")})
    to_aow = (pl.col("aow_date") - pl.col("_day")).dt.total_days()
    frame = frame.with_columns(
        y=(to_aow / YEAR_DAYS).floor().cast(pl.Int64).fill_null(space.y_max).clip(space.y_min, space.y_max))
    if space.axis == "life_phase":
        profile = pl.concat([phases[d].select(pl.lit(i, pl.Int64).alias("_idx"), "person_id", value="primary_phase")
                             for i, d in enumerate(days)])
        if profile.get_column("person_id").equals(frame.get_column("person_id")):  # the same people in the same order
            frame = frame.with_columns(value=profile.get_column("value"))
        else:
            frame = frame.join(profile, on=["_idx", "person_id"], how="left", maintain_order="left")
        frame = frame.with_columns(pl.col("value").fill_null(NO_PHASE))
    else:
        frame = frame.with_columns(value=age_band(age_on(pl.col("birth_date"), pl.col("_day"))))
    spells = workforce.spells
    if spells.filter(first).get_column("person_id").equals(ids):  # derived from the same sorted assignments
        spells = spells.with_columns(key=key)
    else:
        spells = spells.join(index, on="person_id", how="inner")
    spells = spells.select("key", "start_date", "end_date", "end_reason")
    covering_spells = pl.concat([spells.filter(covers(d)).with_columns(_idx=pl.lit(i, pl.Int64)) for i, d in enumerate(days)])
    covering_spells = covering_spells.select(rid, "end_reason", spell_start="start_date", spell_end="end_date")
    frame = frame.join(covering_spells, on="_rid", how="left", maintain_order="left").select(
        "_idx", "person_id", "value", "family", (pl.col("value") + SEPARATOR + pl.col("family")).alias("state"), "y",
        pl.col("fte").cast(pl.Float64), "grade", "spell_start", "spell_end", "end_reason")
    parts = {i: f.drop("_idx") for (i,), f in frame.partition_by("_idx", as_dict=True, maintain_order=True).items()}
    return {d: parts.get(i, _empty()) for i, d in enumerate(days)}


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
