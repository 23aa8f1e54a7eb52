"""What happened after the start day, per person and start day: the three outcomes of issue 18.

Each person is followed from the start day d until `stop` (the day a comparison person took the
arrangement up themselves: from then on they no longer stand for "not taking it up"), the
analysis date, or the horizon, whichever comes first.

- **Influenceable exit** (DESIGN §4, `outflow_kinds.classified_exits`: voluntary, disability,
  retirement before the AOW date) within two years: days from d to the first day without work,
  an event when the spell that runs on d ends that way; another kind of exit censors.
- **WAI change**: the first WAI score after d (within three years, before `stop`) minus the last
  one on or before d (within three years).
- **Absence %** (Vernet, `absence.py`): sick calendar days × FTE / employment calendar days × FTE
  in the year from d (to the analysis date when that comes first), pregnancy left out; the FTE is
  the one of the snapshot, so for one person it cancels and the arms weigh people by FTE.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.outflow_kinds import classified_exits
from levensfase.analytics.survey_scores import survey_scores
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["EXIT_HORIZON_DAYS", "absence_outcome", "exit_kinds", "exit_outcome", "sick_spells", "wai_outcome",
           "wai_scores"]

EXIT_HORIZON_DAYS = 730
WAI_WINDOW_DAYS = 3 * 365
ABSENCE_DAYS = 365


def _days(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Int64)


def exit_kinds(workforce: Workforce) -> pl.DataFrame:
    """Every spell (person_id, start_date, end_date, kind: the `classified_exits` kind, null if running)."""
    spells = classified_exits(workforce, workforce.spells).select("person_id", "start_date", "end_date", "kind")
    running = workforce.spells.filter(pl.col("end_date").is_null()).select(
        "person_id", "start_date", "end_date", kind=pl.lit(None, dtype=pl.String))
    return pl.concat([spells, running])


def wai_scores(workforce: Workforce, *, as_of: date) -> pl.DataFrame:
    """person_id, date, score of every scorable WAI up to `as_of` (`survey_scores`), by date."""
    return survey_scores(workforce, until=as_of).filter(pl.col("instrument") == "wai").select(
        "person_id", "date", "score").sort("date")


def exit_outcome(workforce: Workforce, follow: pl.DataFrame, *, as_of: date,
                 spells: pl.DataFrame | None = None) -> pl.DataFrame:
    """follow: id, person_id, start, stop (null = none) → id, time (days, ≥ 1), event (bool).
    `spells`: `exit_kinds(workforce)` when already known."""
    spells = exit_kinds(workforce) if spells is None else spells
    on = follow.join(spells, on="person_id", how="inner").filter(
        (pl.col("start_date") <= pl.col("start")) & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("start"))))
    d = _days(pl.col("start"))
    limit = pl.min_horizontal(pl.lit(EXIT_HORIZON_DAYS), _days(pl.lit(as_of)) - d + 1,
                              (_days(pl.col("stop")) - d).fill_null(EXIT_HORIZON_DAYS))
    leaves = (_days(pl.col("end_date")) - d + 1).fill_null(10**9)
    event = (pl.col("kind") == "influenceable").fill_null(False) & (leaves <= limit)
    return on.select("id", time=pl.min_horizontal(leaves, limit).clip(lower_bound=1).cast(pl.Float64),
                     event=event).unique("id", keep="first").sort("id")


def wai_outcome(workforce: Workforce, follow: pl.DataFrame, *, as_of: date,
                scores: pl.DataFrame | None = None) -> pl.DataFrame:
    """follow: id, person_id, start, stop → id, change (WAI points; only where both scores exist).
    `scores`: `wai_scores(workforce, as_of=as_of)` when already known."""
    scores = wai_scores(workforce, as_of=as_of) if scores is None else scores
    base = follow.sort("start")
    before = base.join_asof(scores, left_on="start", right_on="date", by="person_id", strategy="backward",
                             check_sortedness=False).filter(
        pl.col("date").is_not_null() & ((pl.col("start") - pl.col("date")).dt.total_days() <= WAI_WINDOW_DAYS))
    after = base.with_columns(next_day=pl.col("start").dt.offset_by("1d")).sort("next_day").join_asof(
        scores, left_on="next_day", right_on="date", by="person_id", strategy="forward", check_sortedness=False).filter(
        pl.col("date").is_not_null() & ((pl.col("date") - pl.col("start")).dt.total_days() <= WAI_WINDOW_DAYS)
        & (pl.col("stop").is_null() | (pl.col("date") < pl.col("stop"))))
    return before.select("id", before=pl.col("score")).join(after.select("id", after=pl.col("score")), on="id").select(
        "id", change=pl.col("after") - pl.col("before")).sort("id")


def sick_spells(workforce: Workforce) -> pl.DataFrame:
    """person_id, a_start, a_end (open end filled): every absence but pregnancy leave."""
    return workforce.absences.filter(~pl.col("pregnancy").fill_null(False)).select(
        "person_id", a_start="start_date", a_end=pl.col("end_date").fill_null(OPEN_END))


def absence_outcome(workforce: Workforce, follow: pl.DataFrame, *, as_of: date,
                    sick: pl.DataFrame | None = None) -> pl.DataFrame:
    """follow: id, person_id, start, stop, fte → id, sick_fte, employed_fte (day × FTE sums).
    `sick`: `sick_spells(workforce)` when already known."""
    spells = workforce.spells.select("person_id", s_start="start_date", s_end=pl.col("end_date").fill_null(OPEN_END))
    d = pl.col("start")
    window = follow.join(spells, on="person_id", how="inner").filter(
        (pl.col("s_start") <= d) & (pl.col("s_end") >= d)).with_columns(
        hi=pl.min_horizontal(d.dt.offset_by(f"{ABSENCE_DAYS - 1}d"), pl.lit(as_of), "s_end",
                             pl.col("stop").dt.offset_by("-1d").fill_null(OPEN_END))).unique("id", keep="first")
    window = window.filter(pl.col("hi") >= d)
    sick = sick_spells(workforce) if sick is None else sick
    overlap = window.select("id", "person_id", "start", "hi").join(sick, on="person_id", how="inner").with_columns(
        days=(pl.min_horizontal("a_end", "hi") - pl.max_horizontal("a_start", "start")).dt.total_days() + 1).filter(
        pl.col("days") > 0).group_by("id").agg(pl.col("days").sum().alias("sick_days"))
    employed = (pl.col("hi") - d).dt.total_days() + 1
    return window.join(overlap, on="id", how="left").select(
        "id", sick_fte=pl.min_horizontal(pl.col("sick_days").fill_null(0), employed) * pl.col("fte"),
        employed_fte=employed * pl.col("fte")).sort("id")
