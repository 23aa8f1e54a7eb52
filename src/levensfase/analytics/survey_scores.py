"""One score per answered questionnaire (WAI total, UWES total mean), with the respondent's groups.

The scores use the tables of model/data/instruments.toml, like `model.instruments.score_survey_items`
(the scorer of the web form and `levensfase score`), but over whole columns; a test checks both
agree on every response, so an aggregate never disagrees with what an employee saw. Individual
scores never leave the core except to the employee and the bedrijfsarts; everything else
aggregates them first (employability.py).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.categories import PERSON_CATEGORIES, attach
from levensfase.analytics.phase_categories import profiles_on_days
from levensfase.analytics.vitality import _WAI_ITEMS, _band, _points, _with_work_demand
from levensfase.model.instruments import InstrumentReference, load_reference, uwes_band
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["SCORED", "GROUPINGS", "held_on", "survey_scores", "with_group"]

SCORED = ("wai", "uwes9", "uwes17")
GROUPINGS = ("life_phase", "age_band", "generation", "sex", "unit", "job_family")
NO_PHASE = "none"  # employed, but no named phase applies
NOT_EMPLOYED = "not_employed"  # answered on a day without an assignment

_SCHEMA = {"person_id": pl.String, "date": pl.Date, "year": pl.Int32, "instrument": pl.String,
           "score": pl.Float64, "band": pl.String}


def survey_scores(workforce: Workforce, *, until: date | None = None, person_id: str | None = None) -> pl.DataFrame:
    """person_id, date, year, instrument, score, band for every scorable WAI / UWES response.

    WAI: the exact total 7–49 (whole or half points) and its band, item 2 weighted by the
    work_demand of the job held on the survey date. UWES: the total mean 0–6 (rounded half up to
    two decimals) and its norm band. A questionnaire that cannot be scored (an item missing,
    repeated, unknown or out of range) is left out. Vectorised over whole columns with the tables
    of model/data/instruments.toml; a test checks every row against `score_survey_items`.
    """
    # lazy: each instrument's rows are grouped straight from the table, never copied out of it
    # first (a sector's 52 million survey rows: gigabytes per copy)
    surveys = workforce.surveys.lazy().filter(pl.col("instrument").is_in(SCORED))
    if until is not None:
        surveys = surveys.filter(pl.col("date") <= until)
    if person_id is not None:
        surveys = surveys.filter(pl.col("person_id") == person_id)
    if surveys.select(pl.len()).collect().item() == 0:
        return pl.DataFrame(schema=_SCHEMA)
    reference = load_reference()
    parts = [_wai_scores(surveys.filter(instrument="wai"), workforce, reference)]
    parts += [_uwes_scores(surveys.filter(instrument=version), version, reference) for version in ("uwes9", "uwes17")]
    return pl.concat(parts).with_columns(year=pl.col("date").dt.year().cast(pl.Int32)).select(list(_SCHEMA)) \
        .sort("instrument", "date", "person_id")


def _valid(codes: list[str], low: dict[str, float], high: dict[str, float]) -> pl.Expr:
    """One row per item code, each a whole number in range: the per-questionnaire validity test."""
    value = pl.col("value")
    ok = (value == value.floor()) & (value >= pl.col("item").replace_strict(low, default=None)) & (
        value <= pl.col("item").replace_strict(high, default=None))
    return (pl.col("item").is_in(codes) & ok.fill_null(False)).all() & (pl.len() == len(codes)) & (
        pl.col("item").n_unique() == len(codes))


def _wai_scores(rows: pl.LazyFrame, workforce: Workforce, reference: InstrumentReference) -> pl.DataFrame:
    codes = list(_WAI_ITEMS)
    low = {c: float(lo) for c, (lo, _) in _WAI_ITEMS.items()}
    high = {c: float(hi) if hi is not None else 1e9 for c, (_, hi) in _WAI_ITEMS.items()}
    # validity and the item columns in one group-by (a valid questionnaire holds each item once):
    # a sector's tens of millions of item rows are grouped once, not grouped, joined back and pivoted
    wide = rows.group_by("person_id", "date").agg(
        _ok=_valid(codes, low, high), *(pl.col("value").filter(pl.col("item") == c).first().alias(c) for c in codes)
    ).filter("_ok").drop("_ok").collect()
    if wide.height == 0:
        return pl.DataFrame(schema={k: v for k, v in _SCHEMA.items() if k != "year"})
    wide = wide.filter(pl.col("q6").is_in([1.0, 4.0, 7.0]))
    wide = _with_work_demand(workforce.assignments, workforce.jobs, wide)
    ref = reference.wai
    demands = list(ref.item2_weights)
    weight = [pl.col("work_demand").replace_strict(demands, [float(ref.item2_weights[d][i]) for d in demands],
                                                   default=None, return_dtype=pl.Float64) for i in (0, 1)]
    exact = (pl.col("q1") + pl.col("q2_physical") * weight[0] + pl.col("q2_mental") * weight[1]
             + _points(pl.col("q3_diseases"), ref.item3_points) + pl.col("q4")
             + _points(pl.col("q5_sick_days"), ref.item5_points) + pl.col("q6")
             + _points(pl.col("q7_1") + pl.col("q7_2") + pl.col("q7_3"), ref.item7_points))
    total = exact  # the exact total (36.5 stays 36.5): the bands are thresholds on it
    return wide.select("person_id", "date", instrument=pl.lit("wai"), score=total,
                       band=_band(total, ref.bands)).drop_nulls("score")


def _uwes_scores(rows: pl.LazyFrame, version: str, reference: InstrumentReference) -> pl.DataFrame:
    ref = reference.uwes[version]
    codes = [str(n) for n in range(1, ref.n_items + 1)]
    bounds = {c: float(ref.answer_min) for c in codes}, {c: float(ref.answer_max) for c in codes}
    n = len(codes)
    scored = rows.group_by("person_id", "date").agg(_ok=_valid(codes, *bounds), _sum=pl.col("value").sum()) \
        .filter("_ok").with_columns(score=(((pl.col("_sum").cast(pl.Int64) * 200 + n) // (2 * n)) / 100).round(2)) \
        .collect()
    if scored.height == 0:
        return pl.DataFrame(schema={k: v for k, v in _SCHEMA.items() if k != "year"})
    bands = {m: uwes_band("total", m, version=version, reference=reference)
             for m in scored.get_column("score").unique().to_list()}
    return scored.select("person_id", "date", instrument=pl.lit(version), score=pl.col("score"),
                         band=pl.col("score").replace_strict(bands, default=None, return_dtype=pl.String))


def with_group(frame: pl.DataFrame, workforce: Workforce, *, by: str, day: str = "date",
               last: str | None = None, held: pl.DataFrame | None = None) -> pl.DataFrame:
    """Add `group`: the respondent's life phase or category on the day in column `day` ("all": one group).

    Life phase is the primary phase of `analytics.phases.profiles` ("none" when no named phase
    applies) on the last day of the response's month — one profile run per month however many
    days people answered on — or on the day itself for whoever was not employed at the month's end; unit and job family come from the assignment covering the day (the one
    started last). Someone not employed that day is in group "not_employed". The month's end is
    capped at the frame's latest day, or at each row's day in column `last` (several rounds at once).
    `held`: `held_on(frame, workforce, day=day)` when the caller has it already.
    """
    if by not in (*GROUPINGS, "all"):
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)} or all")
    if frame.height == 0:
        return frame.with_columns(group=pl.lit(None, dtype=pl.String))
    if by == "all":
        return frame.with_columns(group=pl.lit("all"))
    if by == "life_phase":
        return _with_life_phase(frame, workforce, day=day, last=last)
    if by in PERSON_CATEGORIES:
        return attach(frame, workforce, by=by, day=day).rename({"value": "group"})
    held = held if held is not None else held_on(frame, workforce, day=day)
    held = attach(held, workforce, by="unit" if by == "unit" else "job_family", day=day)
    return frame.join(held.select("person_id", day, group=pl.col("value")), on=["person_id", day], how="left") \
        .with_columns(pl.col("group").fill_null(NOT_EMPLOYED))


def held_on(frame: pl.DataFrame, workforce: Workforce, *, day: str = "date") -> pl.DataFrame:
    """person_id, `day` and the assignment each person held that day (the one started last), for
    the distinct (person_id, `day`) of `frame`: what the unit and job family groupings read (found
    once when a caller asks both, `survey_rounds`)."""
    held = frame.select("person_id", day).unique().join(
        workforce.assignments.select("person_id", "start_date", "end_date", "unit_id", "job_id", "contract"),
        on="person_id", how="inner",
    ).filter((pl.col("start_date") <= pl.col(day)) & (pl.col("end_date").fill_null(OPEN_END) >= pl.col(day)))
    return held.sort("start_date", "unit_id", "job_id").group_by("person_id", day).last()


def _with_life_phase(frame: pl.DataFrame, workforce: Workforce, *, day: str, last: str | None) -> pl.DataFrame:
    cap = pl.col(last) if last else pl.lit(frame.get_column(day).max(), pl.Date)
    month_end = pl.min_horizontal(pl.col(day).dt.month_end(), cap)
    frame = frame.with_columns(_on=month_end)

    def phase_on(rows: pl.DataFrame, column: str) -> pl.DataFrame:
        """One join against every day's profiles at once (computed together and cached)."""
        days = rows.get_column(column).unique().to_list()
        phase = pl.concat([
            profile.select("person_id", pl.lit(on, dtype=pl.Date).alias(column),
                           group=pl.col("primary_phase").fill_null(NO_PHASE))
            for on, profile in profiles_on_days(workforce, days=days).items()])
        return rows.join(phase, on=["person_id", column], how="left")

    first = phase_on(frame, "_on")
    missed = first.filter(pl.col("group").is_null()).drop("group")
    done = first.filter(pl.col("group").is_not_null())
    if missed.height:
        done = pl.concat([done, phase_on(missed, day)])
    return done.with_columns(pl.col("group").fill_null(NOT_EMPLOYED)).drop("_on")
