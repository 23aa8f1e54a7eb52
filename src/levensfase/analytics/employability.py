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

import math
from datetime import date, timedelta
from typing import Any

import polars as pl

from levensfase.analytics.absence import absence_by, absence_rates
from levensfase.analytics.exact import exact_mean
from levensfase.analytics.findings.stats import MIN_N, Z95
from levensfase.analytics.privacy import ONE_BAND, one_band, suppress
from levensfase.analytics.survey_scores import GROUPINGS, survey_scores, with_group
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["LOW_WAI", "employability_section", "falling_groups", "flows_by_band", "mean_interval", "scores_by", "t975"]

LOW_WAI = 37  # below 37 = "decreased work ability" (poor + moderate), domain-facts §2.3
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


def falling_groups(table: pl.DataFrame, scores: pl.DataFrame, workforce: Workforce, *, by: str, k: int,
                   instrument: str = "wai", min_n: int = MIN_N) -> pl.DataFrame:
    """Groups whose work ability fell between the last two survey years of a `scores_by` table by
    more than chance allows: the mean of the paired differences of the same respondents (each
    person's latest score in each year, grouped as in the later year) has a 95% interval (Student t)
    entirely below zero, with at least max(min_n, k) pairs — among groups published in both years.

    A group is left out, too, when the respondents outside the pairs in either year number 1 to k−1:
    its published means and the paired change together would tell about those few.
    Columns: group, year_from, year_to, mean_from, mean_to (the published means of all respondents),
    change, change_low, change_high (paired: same people), pairs, respondents_from, respondents_to —
    largest fall first."""
    years = sorted(table.get_column("year").unique().to_list())
    empty = pl.DataFrame(schema={"group": pl.String, "year_from": pl.Int32, "year_to": pl.Int32,
                                 "mean_from": pl.Float64, "mean_to": pl.Float64, "change": pl.Float64,
                                 "change_low": pl.Float64, "change_high": pl.Float64, "pairs": pl.Int64,
                                 "respondents_from": pl.Int64, "respondents_to": pl.Int64})
    if len(years) < 2:
        return empty
    y1, y2 = years[-2], years[-1]
    shown = table.filter(~pl.col("suppressed"))
    a = shown.filter(year=y1).select("group", mean_from="mean", respondents_from="respondents")
    b = shown.filter(year=y2).select("group", mean_to="mean", respondents_to="respondents")
    latest = (scores.filter(instrument=instrument).filter(pl.col("year").is_in([y1, y2]))
              .sort("person_id", "date", "score").group_by("person_id", "year", maintain_order=True).last())
    later = with_group(latest.filter(year=y2), workforce, by=by).select("person_id", "group", after="score")
    pairs = later.join(latest.filter(year=y1).select("person_id", before="score"), on="person_id", how="inner")
    rows = []
    for group, diffs in pairs.with_columns(d=pl.col("after") - pl.col("before")).group_by("group"):
        band = mean_interval(diffs["d"].to_list())
        if band is not None:
            rows.append({"group": group[0], "pairs": diffs.height, "change": band[0], "change_low": band[1],
                         "change_high": band[2]})
    if not rows:
        return empty
    paired = pl.DataFrame(rows, schema_overrides={"pairs": pl.Int64})
    both = a.join(b, on="group", how="inner").join(paired, on="group", how="inner")
    need = max(min_n, k)
    def few_outside(respondents: str) -> pl.Expr:  # privacy.is_small on the respondents outside the pairs
        outside = pl.col(respondents) - pl.col("pairs")
        return (outside > 0) & (outside < k)

    both = both.filter((pl.col("pairs") >= need) & (pl.col("change_high") < 0)
                       & ~few_outside("respondents_from") & ~few_outside("respondents_to"))
    return both.with_columns(year_from=pl.lit(y1, pl.Int32), year_to=pl.lit(y2, pl.Int32),
                             *(pl.col(c).round(2) for c in ("change", "change_low", "change_high"))
                             ).sort("change", "group").select(empty.columns)


def mean_interval(values: list[float]) -> tuple[float, float, float] | None:
    """Mean and its 95% interval (Student t, n − 1 degrees of freedom); None below two values."""
    n = len(values)
    if n < 2:
        return None
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t975(n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


def t975(df: int) -> float:
    """The 97.5% quantile of Student's t with `df` degrees of freedom (Cornish–Fisher expansion
    around the normal quantile; within 0.001 of the tables from df = 5 on, exact enough here)."""
    z, v = Z95, float(df)
    return (z + (z**3 + z) / (4 * v) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4))


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

    Keys: as_of, k, low_wai_below, falling_min_pairs;
    work_ability: {grouping: [rows of year, group, respondents, mean, share_low, suppressed,
    suppression_reason]} for each grouping of GROUPINGS;
    engagement: {instrument: {grouping: rows without share_low}} for UWES-9 / UWES-17 when answered;
    flows_by_wai: {from, to, by_band: rows, by_life_phase: rows} (rows of `flows_by_band`);
    falling_work_ability: [{grouping, group, year_from, year_to, mean_from, mean_to, change, change_low,
    change_high, pairs, respondents_from, respondents_to}] (`falling_groups`: paired, beyond chance);
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
        falling += [{"grouping": by, **row} for row in _rows(falling_groups(table, scores, workforce, by=by, k=k))]
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
        "falling_min_pairs": max(MIN_N, k),
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
