"""Duurzame inzetbaarheid (sustainable employability) in aggregate: werkvermogen (WAI) and
bevlogenheid (UWES) per group and year, exit and absence per WAI band, and the groups whose
work ability is falling — never a person.

Every table passes `privacy.suppress` with respondents as well as population: a group with fewer
than k respondents shows nothing. Within one table (one year) the group rows share a published
total, so complementary suppression hides a second group where one alone could be recovered by
subtraction from the total (a mean times its respondents is additive). The population of a
survey row is its respondents: respondents never exceed the people in the group, so this is the
stricter test.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import polars as pl

from levensfase.analytics.absence import absence_by, absence_rates
from levensfase.analytics.exact import exact_mean
from levensfase.analytics.privacy import ONE_BAND, one_band, suppress
from levensfase.analytics.survey_scores import GROUPINGS, survey_scores, with_group
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["FALL_THRESHOLD", "LOW_WAI", "employability_section", "falling_groups", "flows_by_band", "scores_by"]

LOW_WAI = 37  # below 37 = "decreased work ability" (poor + moderate), domain-facts §2.3
FALL_THRESHOLD = 2.0  # WAI points a group's mean must drop between the last two survey years
BAND_WINDOW_YEARS = 3  # a WAI older than this says nothing about the period (like the vitality axis)
WAI_BANDS = ("poor", "moderate", "good", "excellent")
_DIGITS = {"wai": 1, "uwes9": 2, "uwes17": 2}


def scores_by(scores: pl.DataFrame, workforce: Workforce, *, instrument: str, by: str, k: int) -> pl.DataFrame:
    """Mean score per year and group, suppressed: year, group, respondents, mean, share_low (WAI:
    % below 37), suppressed, suppression_reason. Each person counts once per year (their latest)."""
    mine = (scores.filter(instrument=instrument).sort("person_id", "date", "score")
            .group_by("person_id", "year", maintain_order=True).last())
    grouped = with_group(mine, workforce, by=by)
    table = grouped.group_by("year", "group").agg(
        respondents=pl.len().cast(pl.Int64),
        mean=exact_mean(pl.col("score")),
        share_low=(pl.col("score") < LOW_WAI).mean() * 100 if instrument == "wai" else pl.lit(None, pl.Float64),
        low=(pl.col("score") < LOW_WAI).sum().cast(pl.Int64),
    ).with_columns(population=pl.col("respondents")).sort("year", "group")
    uniform = [one_band([low, n - low]) for low, n in zip(table["low"].to_list(), table["respondents"].to_list())]
    table = table.with_columns(  # everyone below (or above) 37: the share would tell each one's side
        share_low=pl.when(pl.Series(uniform, dtype=pl.Boolean)).then(None).otherwise(pl.col("share_low"))).drop("low")
    parts = []
    for (_year,), rows in table.group_by("year", maintain_order=True):
        out = suppress(rows, k=k, population="population", respondents="respondents",
                       values=["mean", "share_low"], has_total=True).table
        parts.append(out)
    if not parts:
        return table.drop("population").with_columns(
            suppressed=pl.lit(False), suppression_reason=pl.lit(None, pl.String))
    return pl.concat(parts).drop("population").with_columns(
        pl.col("mean").round(_DIGITS[instrument]), pl.col("share_low").round(1))


def falling_groups(table: pl.DataFrame, *, threshold: float = FALL_THRESHOLD) -> pl.DataFrame:
    """Groups whose mean fell by more than `threshold` between the last two survey years of a
    `scores_by` table, among groups published (not suppressed) in both: group, year_from,
    year_to, mean_from, mean_to, change, respondents_from, respondents_to — largest fall first."""
    years = sorted(table.get_column("year").unique().to_list())
    empty = pl.DataFrame(schema={"group": pl.String, "year_from": pl.Int32, "year_to": pl.Int32,
                                 "mean_from": pl.Float64, "mean_to": pl.Float64, "change": pl.Float64,
                                 "respondents_from": pl.Int64, "respondents_to": pl.Int64})
    if len(years) < 2:
        return empty
    y1, y2 = years[-2], years[-1]
    shown = table.filter(~pl.col("suppressed"))
    a = shown.filter(year=y1).select("group", mean_from="mean", respondents_from="respondents")
    b = shown.filter(year=y2).select("group", mean_to="mean", respondents_to="respondents")
    both = a.join(b, on="group", how="inner").with_columns(
        year_from=pl.lit(y1, pl.Int32), year_to=pl.lit(y2, pl.Int32),
        change=(pl.col("mean_to") - pl.col("mean_from")).round(1))
    return both.filter(pl.col("change") < -threshold).sort("change", "group").select(empty.columns)


def _latest_band(scores: pl.DataFrame, *, on: date) -> pl.DataFrame:
    since = on - timedelta(days=365 * BAND_WINDOW_YEARS)
    wai = scores.filter((pl.col("instrument") == "wai") & pl.col("date").is_between(since, on))
    return wai.sort("date").group_by("person_id").last().select("person_id", "band")


def flows_by_band(
    workforce: Workforce, *, scores: pl.DataFrame, start: date, end: date, by: str, k: int
) -> pl.DataFrame:
    """Exit rate and Vernet absence in [start, end] of the people employed on `start` whose latest
    WAI (within three years before `start`) put them in a band, per WAI band (by="band") or per
    life phase / category on `start`. Columns: group, population, exits, exit_rate (% of the
    group that left), verzuimpercentage, meldingsfrequentie, mean_duration, suppressed, reason.
    """
    employed = workforce.assignments.filter(
        (pl.col("start_date") <= start) & (pl.col("end_date").fill_null(OPEN_END) >= start)
    ).select("person_id").unique()
    cohort = employed.join(_latest_band(scores, on=start), on="person_id", how="inner")
    if by == "band":
        cohort = cohort.with_columns(group=pl.col("band"))
    else:
        cohort = with_group(cohort.with_columns(date=pl.lit(start, pl.Date)), workforce, by=by).drop("date")
    groups = cohort.select("person_id", "group")
    exits = workforce.spells.filter(pl.col("end_date").is_between(start, end)).join(
        groups, on="person_id", how="inner").group_by("group").agg(exits=pl.col("person_id").n_unique())
    population = groups.group_by("group").agg(population=pl.len().cast(pl.Int64))
    absence = absence_rates(absence_by(workforce, start=start, end=end, groups=groups), start=start, end=end)
    table = population.join(exits, on="group", how="left").join(
        absence.select("group", "verzuimpercentage", "meldingsfrequentie", "mean_duration"), on="group", how="left",
    ).with_columns(pl.col("exits").fill_null(0).cast(pl.Int64))
    table = table.with_columns(exit_rate=pl.col("exits") / pl.col("population") * 100)
    order = {b: i for i, b in enumerate(WAI_BANDS)} if by == "band" else {}
    table = table.sort(pl.col("group").replace_strict(order, default=len(order)) if order else pl.col("group"),
                       pl.col("group"))
    values = ["exits", "exit_rate", "verzuimpercentage", "meldingsfrequentie", "mean_duration"]
    if by == "band" and one_band(table["population"].to_list()):  # everyone in one band: no distribution
        table = table.with_columns(pl.lit(0, dtype=pl.Int64).alias("population"))
        hidden = table.with_columns(pl.lit(True).alias("suppressed"), pl.lit(ONE_BAND).alias("suppression_reason"),
                                    *(pl.lit(None, dtype=table[c].dtype).alias(c) for c in (*values, "population")))
        return hidden
    out = suppress(table, k=k, population="population", values=values, has_total=True).table
    return out.with_columns(pl.col("exit_rate", "meldingsfrequentie", "mean_duration").round(2),
                            pl.col("verzuimpercentage").round(3))


def _rows(table: pl.DataFrame) -> list[dict[str, Any]]:
    return [{key: value for key, value in row.items()} for row in table.iter_rows(named=True)]


def employability_section(workforce: Workforce, *, as_of: date, k: int) -> dict[str, Any]:
    """The `employability` section of `levensfase analyse` JSON (keys documented in docs/employability.md).

    Keys: as_of, k, low_wai_below, fall_threshold;
    work_ability: {grouping: [rows of year, group, respondents, mean, share_low, suppressed,
    suppression_reason]} for each grouping of GROUPINGS;
    engagement: {instrument: {grouping: rows without share_low}} for UWES-9 / UWES-17 when answered;
    flows_by_wai: {from, to, by_band: rows, by_life_phase: rows} (rows of `flows_by_band`);
    falling_work_ability: [{grouping, group, year_from, year_to, mean_from, mean_to, change,
    respondents_from, respondents_to}];
    absence: {from, to, population, verzuimpercentage, meldingsfrequentie, mean_duration,
    suppressed} for everyone employed in the 12 months up to as_of.
    Deterministic (sorted rows, rounded numbers) so two runs give the same JSON.
    """
    scores = survey_scores(workforce, until=as_of)
    start = date(as_of.year - 1, as_of.month, as_of.day) + timedelta(days=1) if not (
        as_of.month == 2 and as_of.day == 29) else date(as_of.year - 1, 3, 1)
    work_ability = {by: scores_by(scores, workforce, instrument="wai", by=by, k=k) for by in GROUPINGS}
    falling: list[dict[str, Any]] = []
    for by, table in work_ability.items():
        falling += [{"grouping": by, **row} for row in _rows(falling_groups(table))]
    engagement = {
        instrument: {by: _rows(scores_by(scores, workforce, instrument=instrument, by=by, k=k).drop("share_low"))
                     for by in GROUPINGS}
        for instrument in ("uwes9", "uwes17") if scores.filter(instrument=instrument).height
    }
    org = absence_rates(absence_by(workforce, start=start, end=as_of), start=start, end=as_of)
    org = suppress(org.rename({"group": "group_"}), k=k, population="population",
                   values=["verzuimpercentage", "meldingsfrequentie", "mean_duration"], has_total=False).table
    total = org.row(0, named=True) if org.height else None
    return {
        "as_of": as_of.isoformat(),
        "k": k,
        "low_wai_below": LOW_WAI,
        "fall_threshold": FALL_THRESHOLD,
        "work_ability": {by: _rows(table) for by, table in work_ability.items()},
        "engagement": engagement,
        "flows_by_wai": {
            "from": start.isoformat(), "to": as_of.isoformat(),
            "by_band": _rows(flows_by_band(workforce, scores=scores, start=start, end=as_of, by="band", k=k)),
            "by_life_phase": _rows(flows_by_band(workforce, scores=scores, start=start, end=as_of,
                                                 by="life_phase", k=k)),
        },
        "falling_work_ability": sorted(falling, key=lambda r: (r["change"], r["grouping"], r["group"])),
        "absence": {
            "from": start.isoformat(), "to": as_of.isoformat(),
            "population": total["population"] if total else 0,
            "verzuimpercentage": _round(total and total["verzuimpercentage"], 3),
            "meldingsfrequentie": _round(total and total["meldingsfrequentie"], 2),
            "mean_duration": _round(total and total["mean_duration"], 2),
            "suppressed": bool(total and total["suppressed"]),
        },
    }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)
