"""Vitality: WAI and WAS bands for whole survey columns at once, for the life-phase vitality axis.

The scoring tables are those of model/data/instruments.toml, the same ones the per-questionnaire
`instruments.score_survey_items` uses; here they are applied over columns so that profiling a
sector does not loop over people (a test checks both give the same bands).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.model.instruments import load_reference
from levensfase.model.workforce import Workforce

_WAI_ITEMS = {  # survey item code -> (lowest, highest) whole-number answer; q6 is also 1, 4 or 7
    "q1": (0, 10), "q2_physical": (1, 5), "q2_mental": (1, 5), "q3_diseases": (0, None), "q4": (1, 6),
    "q5_sick_days": (0, 365), "q6": (1, 7), "q7_1": (0, 4), "q7_2": (0, 4), "q7_3": (0, 4),
}


def vitality_readings(
    workforce: Workforce, *, since: date | None = None, until: date | None = None, persons: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Every scorable WAI and WAS answered in [since, until]: person_id, date, instrument, band.

    WAI is scored with the tables of model/data/instruments.toml exactly as
    `instruments.score_survey_items` does (item 2 weighted by the work_demand of the job the
    person held on the survey date; the band from the exact total, 36.5 being moderate), but over
    whole columns: each item row gets its points, then one sum per questionnaire. A questionnaire with a missing, unknown,
    repeated or out-of-range item cannot be scored and is left out. `persons` (a person_id
    column) limits the work to those people.
    """
    ref = load_reference()
    surveys = workforce.surveys.lazy()
    if since is not None:
        surveys = surveys.filter(pl.col("date") >= since)
    if until is not None:
        surveys = surveys.filter(pl.col("date") <= until)
    surveys = surveys.filter(pl.col("instrument").is_in(["wai", "was"]))
    assignments = workforce.assignments
    if persons is not None:
        surveys = surveys.join(persons.lazy(), on="person_id", how="semi")
        assignments = assignments.join(persons, on="person_id", how="semi")
    surveys = surveys.collect().lazy()  # one scan of the (large) survey table for WAI and WAS
    item, value, idx = pl.col("item"), pl.col("value"), pl.col("_idx")
    codes = list(_WAI_ITEMS)
    lookup = pl.LazyFrame({  # one small join instead of per-row branching on the item text
        "item": codes, "_idx": list(range(len(codes))), "_bit": [1 << i for i in range(len(codes))],
        "_low": [float(lo) for lo, _ in _WAI_ITEMS.values()],
        "_high": [float(hi) if hi is not None else 1e9 for _, hi in _WAI_ITEMS.values()],
    })
    q = {code: idx == i for i, code in enumerate(codes)}
    ok = (value == value.floor()) & (value >= pl.col("_low")) & (value <= pl.col("_high")) & (
        ~q["q6"] | value.is_in([1.0, 4.0, 7.0]))
    # Per item row first (vectorised), then plain sums per questionnaire.
    rows = surveys.filter(pl.col("instrument") == "wai").join(lookup, on="item", how="left").select(
        "person_id", "date",
        _ok=ok.fill_null(False),
        _bit=pl.col("_bit").fill_null(0),
        _points=pl.when(q["q1"] | q["q4"] | q["q6"]).then(value)
        .when(q["q3_diseases"]).then(_points(value, ref.wai.item3_points))
        .when(q["q5_sick_days"]).then(_points(value, ref.wai.item5_points))
        .otherwise(0.0),
        _physical=pl.when(q["q2_physical"]).then(value).otherwise(0.0),
        _mental=pl.when(q["q2_mental"]).then(value).otherwise(0.0),
        _resources=pl.when(idx >= codes.index("q7_1")).then(value).otherwise(0.0),
    )
    wai = rows.group_by("person_id", "date").agg(
        pl.col("_ok").all(), pl.len().alias("_n"), pl.col("_bit").bitwise_or().alias("_mask"),
        pl.col("_points", "_physical", "_mental", "_resources").sum(),
    ).filter(pl.col("_ok") & (pl.col("_n") == len(codes)) & (pl.col("_mask") == (1 << len(codes)) - 1)).collect()
    wai = _with_work_demand(assignments, workforce.jobs, wai)
    demands = list(ref.wai.item2_weights)
    weight = {side: pl.col("work_demand").replace_strict(
        demands, [float(ref.wai.item2_weights[d][i]) for d in demands], default=None, return_dtype=pl.Float64)
        for i, side in enumerate(("physical", "mental"))}
    total_exact = (pl.col("_points") + pl.col("_physical") * weight["physical"] + pl.col("_mental") * weight["mental"]
                   + _points(pl.col("_resources"), ref.wai.item7_points))
    wai_bands = wai.select(
        "person_id", "date", pl.lit("wai").alias("instrument"),
        _band(total_exact, ref.wai.bands).alias("band"),
    )
    was = surveys.filter(pl.col("instrument") == "was").group_by("person_id", "date").agg(
        (item == "score").all().alias("_ok"), pl.len().alias("_n"), value.first()
    )
    valid = pl.col("_ok") & (pl.col("_n") == 1) & (value == value.floor()) & value.is_between(
        ref.was.score_min, ref.was.score_max)
    was_bands = was.filter(valid).select(
        "person_id", "date", pl.lit("was").alias("instrument"), _band(value, ref.was.bands).alias("band")
    ).collect()
    return pl.concat([wai_bands, was_bands]).drop_nulls("band")


def _with_work_demand(assignments: pl.DataFrame, jobs: pl.DataFrame, surveys: pl.DataFrame) -> pl.DataFrame:
    """Add the work_demand of the person's job on each survey date: the job of the assignment that
    started last on or before that date (so a survey answered just after leaving still counts).
    Most people only ever hold jobs of one work_demand; only the others need the as-of join."""
    jobs = jobs.select("job_id", "work_demand")
    held = assignments.select("person_id", "start_date", "job_id").join(jobs, on="job_id", how="left")
    kinds = held.group_by("person_id").agg(_lo=pl.col("work_demand").min(), _hi=pl.col("work_demand").max())
    tagged = surveys.join(kinds, on="person_id", how="inner")
    simple = tagged.filter(pl.col("_lo") == pl.col("_hi")).with_columns(work_demand=pl.col("_lo"))
    mixed = tagged.filter(pl.col("_lo") != pl.col("_hi"))
    started = held.join(mixed.select("person_id").unique(), on="person_id", how="semi").sort("start_date", "job_id")
    as_of = mixed.sort("date").join_asof(
        started.select("person_id", "start_date", "work_demand"), left_on="date", right_on="start_date",
        by="person_id", strategy="backward", check_sortedness=False,
    )
    return pl.concat([simple, as_of.select(simple.columns)]).drop("_lo", "_hi")


def _points(value: pl.Expr, table: tuple[tuple[int, int], ...]) -> pl.Expr:
    """Points of the row with the largest `from` not above `value` (a threshold table)."""
    expr = pl.lit(table[0][1])
    for start, points in table[1:]:
        expr = pl.when(value >= start).then(pl.lit(points)).otherwise(expr)
    return expr


def _band(value: pl.Expr, bands: tuple[tuple[str, int, int], ...]) -> pl.Expr:
    """The band as thresholds on the value (as `instruments.band_of`): a half point between two
    bands (WAI 36.5) belongs to the lower one; outside the whole range, null."""
    expr = pl.lit(None, dtype=pl.String)
    for name, low, _high in bands:
        expr = pl.when(value >= low).then(pl.lit(name)).otherwise(expr)
    return pl.when(value.is_between(bands[0][1], bands[-1][2])).then(expr).otherwise(None)
