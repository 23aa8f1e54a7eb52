"""The person-month panel the risk sets are drawn from: who was at risk on each snapshot day, and as whom.

One row per person employed on a snapshot day (the first of a month): the exact-matching keys
(primary life phase, job family, tenure band) and the propensity covariates (age band, FTE, WAI
band when known, prior-year absence, grade, unit size), plus the employment spell that runs on the
day and how it ends, and `stratum`: one number per (life phase, job family, tenure band). Rows are
sorted by snapshot and person. Covariates are read on the snapshot day, never after it, so nothing a
participant did after the start can leak into the comparison (the start lies in the same month).
`phases.profiles_over` builds the life-phase inputs once and reads a profile per month.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from levensfase.analytics.categories import age_band
from levensfase.analytics.phases import profiles_over
from levensfase.evaluation.outcomes import exit_kinds
from levensfase.evaluation.panel_days import employment
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["PANEL_COLUMNS", "STRATA", "TENURE_BANDS", "month_starts", "panel", "tenure_band"]

STRATA = ("life_phase", "job_family", "tenure_band")
TENURE_BANDS = ((2, "<2"), (5, "2-5"), (10, "5-10"), (None, "10+"))  # years in the current spell
PANEL_COLUMNS = (
    "person_id", "snapshot", *STRATA, "age_band", "age", "fte", "wai_band", "prior_absence_pct", "grade", "unit_size",
    "spell_start", "spell_end", "exit_kind", "stratum",
)


def tenure_band(years: pl.Expr) -> pl.Expr:
    """Years in the current spell → "<2", "2-5", "5-10", "10+" (lower bound inclusive)."""
    expr = pl.when(years < TENURE_BANDS[0][0]).then(pl.lit(TENURE_BANDS[0][1]))
    for upper, name in TENURE_BANDS[1:-1]:
        expr = expr.when(years < upper).then(pl.lit(name))
    return expr.otherwise(pl.lit(TENURE_BANDS[-1][1]))


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from the month of `first` to the month after `last`."""
    day, out = date(first.year, first.month, 1), []
    stop = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    while day <= stop:
        out.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def panel(workforce: Workforce, *, snapshots: Iterable[date]) -> pl.DataFrame:
    """PANEL_COLUMNS for everyone employed on each snapshot day (an empty frame for no days)."""
    days = sorted(set(snapshots))
    if not days:
        return pl.DataFrame(schema={**_SCHEMA, "stratum": pl.Int64})
    spells = exit_kinds(workforce).rename({"start_date": "spell_start", "end_date": "spell_end", "kind": "exit_kind"})
    jobs = workforce.jobs.select("job_id", "job_family", pl.col("grade").cast(pl.Float64))
    sick = workforce.absences.filter(~pl.col("pregnancy").fill_null(False)).select(
        "person_id", "start_date", end=pl.col("end_date").fill_null(OPEN_END))
    profiles = pl.concat([prof.select(
        "person_id", _day=pl.lit(i, dtype=pl.Int64), life_phase=pl.col("primary_phase").fill_null("none"),
        wai_band=pl.col("vitality"), fte=pl.col("fte").cast(pl.Float64), age_band=age_band(pl.col("age")),
        age=pl.col("age").cast(pl.Float64)) for i, (_, prof) in enumerate(profiles_over(workforce, days=days))])
    # every day at once (`panel_days`), rows by day and person_id as the profiles come
    years = (pl.col("snapshot") - pl.col("spell_start")).dt.total_days() / 365.25
    frame = employment(workforce, profiles, days, spells=spells, jobs=jobs, sick=sick).with_columns(
        tenure_band=tenure_band(years), job_family=pl.col("job_family").fill_null("onbekend"))
    frame = _grade_filled(frame).select(list(_SCHEMA)).cast(_SCHEMA)  # type: ignore[arg-type]
    strata = frame.select(STRATA).unique().sort(STRATA).with_row_index("stratum")
    return frame.join(strata, on=list(STRATA), how="left", maintain_order="left").with_columns(
        pl.col("stratum").cast(pl.Int64))


def _grade_filled(frame: pl.DataFrame) -> pl.DataFrame:
    """A missing grade (a job without one) is that day's mean grade."""
    if frame.get_column("grade").null_count() == 0:
        return frame
    means = frame.group_by("_day").agg(_mean=pl.col("grade").mean())
    return frame.join(means, on="_day", how="left", maintain_order="left").with_columns(
        grade=pl.col("grade").fill_null(pl.col("_mean")))


_SCHEMA = {"person_id": pl.String, "snapshot": pl.Date, "life_phase": pl.String, "job_family": pl.String,
           "tenure_band": pl.String, "age_band": pl.String, "age": pl.Float64, "fte": pl.Float64, "wai_band": pl.String,
           "prior_absence_pct": pl.Float64, "grade": pl.Float64, "unit_size": pl.Float64, "spell_start": pl.Date,
           "spell_end": pl.Date, "exit_kind": pl.String}
