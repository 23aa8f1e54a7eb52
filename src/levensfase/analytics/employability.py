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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import polars as pl

from levensfase.analytics.absence import absence_by, absence_rates
from levensfase.analytics.exact import exact_mean
from levensfase.analytics.findings.stats import MIN_N, Z95
from levensfase.analytics.privacy import ONE_BAND, one_band, small_expr, suppress
from levensfase.analytics.survey_rounds import publish_rounds
from levensfase.analytics.survey_scores import GROUPINGS, survey_scores, with_group
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["LOW_WAI", "band_follow_up", "employability_section", "falling_between_rounds", "falling_groups", "flows_by_band", "mean_interval", "scores_by", "measurement_rounds", "measurement_rounds_of", "scores_from_rounds", "t975", "with_rounds"]

LOW_WAI = 37  # below 37 = "decreased work ability" (poor + moderate), domain-facts §2.3
LOW_BANDS = ("poor", "moderate")  # the WAI bands below 37
BAND_WINDOW_YEARS = 3  # a WAI older than this says nothing about the period (like the vitality axis)
WAI_BANDS = ("poor", "moderate", "good", "excellent")


def scores_by(scores: pl.DataFrame, workforce: Workforce, *, instrument: str, by: str, k: int,
              as_of: date | None = None) -> pl.DataFrame:
    """Mean score per closed measurement round and group: year (the round's closing year), round,
    group, respondents, mean, share_low (WAI: % below 37), suppressed, suppression_reason. Published as
    the survey dashboard publishes a round (`survey_rounds.publish_round`): each person once (their
    latest answer in the round), grouped on the day they answered, every grouping of the round checked
    together so no two groups differ by fewer than k respondents. Only rounds closed before `as_of`
    (all when None): an open round would change with every answer. See `measurement_rounds`."""
    return scores_from_rounds(measurement_rounds(scores, workforce, instrument=instrument, k=k, as_of=as_of),
                              instrument=instrument, by=by)


def measurement_rounds(scores: pl.DataFrame, workforce: Workforce, *, instrument: str, k: int,
                       as_of: date | None = None) -> pl.DataFrame:
    """`publish_round` of every round of `instrument` closed before `as_of`, with round, closes_on and
    year columns, oldest first. An answer's round is its `round` / `closes_on` columns when `scores`
    has them and they are set (the web app's invitation rounds), else its calendar year, closing on
    31 December — so the report publishes exactly the rounds the survey dashboard publishes."""
    return measurement_rounds_of(scores, workforce, instruments=[instrument], k=k, as_of=as_of)[instrument]


ROUND_BATCH = 2  # closing days whose rounds are grouped together (`measurement_rounds_of`)


def measurement_rounds_of(scores: pl.DataFrame, workforce: Workforce, *, instruments: Sequence[str], k: int,
                          as_of: date | None = None) -> dict[str, pl.DataFrame]:
    """`measurement_rounds` of each of `instruments`, the rounds of ROUND_BATCH closing days at a
    time: each round is grouped and audited on its own anyway, and a sector's memberships of every
    round together (each respondent in a dozen groups) took gigabytes. Within a batch the
    instruments share their respondents' groups when those are the same people on the same days
    (`survey_rounds._round_groups`), as WAI and UWES answered together are."""
    mine = with_rounds(scores.filter(pl.col("instrument").is_in(list(instruments))))
    if as_of is not None:
        mine = mine.filter(pl.col("closes_on") < as_of)
    closing = sorted(mine.get_column("closes_on").unique().to_list()) or [None]
    published: dict[str, list[pl.DataFrame]] = {instrument: [] for instrument in instruments}
    for first in range(0, len(closing), ROUND_BATCH):
        batch = mine.filter(pl.col("closes_on").is_in(closing[first:first + ROUND_BATCH]))
        shared: dict = {}
        for instrument in instruments:
            published[instrument].append(publish_rounds(
                batch.filter(instrument=instrument).sort("closes_on", "round"), workforce, instrument=instrument, k=k,
                rounds=("closes_on", "round"), shared=shared))
    out = {}
    for instrument, tables in published.items():
        table = pl.concat(tables)
        columns = [c for c in table.columns if c not in ("closes_on", "round")]
        out[instrument] = table.select(*columns, "round", "closes_on",
                                       year=pl.col("closes_on").dt.year().cast(pl.Int32))
    return out


def with_rounds(scores: pl.DataFrame) -> pl.DataFrame:
    """`scores` with round and closes_on set: the given ones, else the answer's calendar year."""
    if "round" not in scores.columns:
        scores = scores.with_columns(round=pl.lit(None, pl.String), closes_on=pl.lit(None, pl.Date))
    return scores.with_columns(round=pl.coalesce("round", pl.col("year").cast(pl.String)),
                               closes_on=pl.coalesce("closes_on", pl.date(pl.col("year"), 12, 31)))


def falling_between_rounds(table: pl.DataFrame, scores: pl.DataFrame, workforce: Workforce, *, by: str,
                           k: int) -> pl.DataFrame:
    """`falling_groups` between the last two rounds of a `scores_by` table (rounds oldest first);
    year_from / year_to name the rounds (a year as a number, an invitation round by its name)."""
    names = table.get_column("round").unique(maintain_order=True).to_list()[-2:]
    if len(names) < 2:
        return falling_groups(table.clear(), scores.clear(), workforce, by=by, k=k)
    order = {name: i for i, name in enumerate(names)}
    def ordinal(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.filter(pl.col("round").is_in(names)).with_columns(
            year=pl.col("round").replace_strict(order, return_dtype=pl.Int32))
    found = falling_groups(ordinal(table), ordinal(with_rounds(scores)), workforce, by=by, k=k)
    shown = [int(n) if n.isdigit() else n for n in names]
    return found.with_columns(year_from=pl.lit(shown[0]), year_to=pl.lit(shown[1]))


def scores_from_rounds(rounds: pl.DataFrame, *, instrument: str, by: str) -> pl.DataFrame:
    """The rows of one grouping from `measurement_rounds`, in the shape the report and findings read."""
    low = list(LOW_BANDS) if instrument == "wai" else []
    rows = rounds.filter(pl.col("by") == by)
    share = (pl.col("bands").list.eval(pl.element().filter(pl.element().struct.field("band").is_in(low))
                                       .struct.field("count")).list.sum() / pl.col("respondents") * 100)
    return rows.sort("closes_on", "round", "group", maintain_order=True).select(
        "year", "round", "group", "respondents", "mean",
        share_low=(pl.when(pl.col("bands").is_not_null() & pl.col("respondents").is_not_null()).then(share)
                   .cast(pl.Float64).round(1) if low else pl.lit(None, pl.Float64)),
        suppressed=pl.col("reason").is_not_null(), suppression_reason="reason",
    )


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
    paired = _paired_bands(pairs.with_columns(d=pl.col("after") - pl.col("before")))
    if paired.height == 0:
        return empty
    both = a.join(b, on="group", how="inner").join(paired, on="group", how="inner")
    need = max(min_n, k)
    def few_outside(respondents: str) -> pl.Expr:  # the respondents outside the pairs
        return small_expr(pl.col(respondents) - pl.col("pairs"), k)

    both = both.filter((pl.col("pairs") >= need) & (pl.col("change_high") < 0)
                       & ~few_outside("respondents_from") & ~few_outside("respondents_to"))
    return both.with_columns(year_from=pl.lit(y1, pl.Int32), year_to=pl.lit(y2, pl.Int32),
                             *(pl.col(c).round(2) for c in ("change", "change_low", "change_high"))
                             ).sort("change", "group").select(empty.columns)


def _paired_bands(pairs: pl.DataFrame) -> pl.DataFrame:
    """group, pairs, change, change_low, change_high: `mean_interval` of each group's differences
    `d`, in Polars (one Python step per group, not per person: a sector has a million pairs)."""
    stats = (pairs.group_by("group").agg(pairs=pl.len().cast(pl.Int64), change=pl.col("d").mean(),
                                         sd=pl.col("d").std(ddof=1))
             .filter(pl.col("pairs") >= 2))
    half = pl.Series([t975(n - 1) * sd / math.sqrt(n) for n, sd in zip(stats["pairs"], stats["sd"])],
                     dtype=pl.Float64)
    return stats.with_columns(change_low=pl.col("change") - half, change_high=pl.col("change") + half).drop("sd")


def mean_interval(values: list[float]) -> tuple[float, float, float] | None:
    """Mean and its 95% interval (Student t, n − 1 degrees of freedom); None below two values."""
    n = len(values)
    if n < 2:
        return None
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t975(n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


_T975_SMALL = {1: 12.706204736, 2: 4.302652730, 3: 3.182446305, 4: 2.776445105}  # from the t tables


def t975(df: int) -> float:
    """The 97.5% quantile of Student's t with `df` degrees of freedom: the table for 1–4 (where the
    expansion is poor; a scan programme may have two or three units), else a Cornish–Fisher
    expansion around the normal quantile (within 0.001 of the tables from df = 5 on)."""
    if df in _T975_SMALL:
        return _T975_SMALL[df]
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


@dataclass(frozen=True)
class FollowUp:
    year: int  # the measurement round (calendar year) whose respondents are followed
    start: date
    end: date
    scores: pl.DataFrame  # that round's answers


def band_follow_up(scores: pl.DataFrame, *, as_of: date) -> FollowUp | None:
    """The latest closed round whose whole following year is over by `as_of`: its respondents, by their
    WAI band then, followed through that next year. A fixed cohort and a completed window, so the
    table does not move from day to day (a change the day someone leaves would give away their band)."""
    year = as_of.year - 2
    done = scores.filter((pl.col("instrument") == "wai") & (pl.col("year") <= year))
    if done.height == 0:
        return None
    year = done.get_column("year").max()
    return FollowUp(year, date(year + 1, 1, 1), date(year + 1, 12, 31), done.filter(pl.col("year") == year))


def _rows(table: pl.DataFrame) -> list[dict[str, Any]]:
    return [{key: value for key, value in row.items()} for row in table.iter_rows(named=True)]


def employability_section(workforce: Workforce, *, as_of: date, k: int,
                          rounds: pl.DataFrame | None = None) -> dict[str, Any]:
    """The `employability` section of `levensfase analyse` JSON (keys documented in docs/employability.md).

    Keys: as_of, k, low_wai_below, falling_min_pairs;
    work_ability: {grouping: [rows of year, group, respondents, mean, share_low, suppressed,
    suppression_reason]} for each grouping of GROUPINGS;
    engagement: {instrument: {grouping: rows without share_low}} for UWES-9 / UWES-17 when answered;
    flows_by_wai: {round, from, to, by_band: rows, by_life_phase: rows} (rows of `flows_by_band` for the
    respondents of round `round` over the year after it, `band_follow_up`; nulls and no rows before one);
    falling_work_ability: [{grouping, group, year_from, year_to, mean_from, mean_to, change, change_low,
    change_high, pairs, respondents_from, respondents_to}] (`falling_groups`: paired, beyond chance);
    absence: {from, to, population, verzuimpercentage, meldingsfrequentie, mean_duration,
    suppressed} for everyone employed in the 12 months up to as_of.
    Deterministic (sorted rows, rounded numbers) so two runs give the same JSON. `rounds` (person_id,
    date, instrument, round, closes_on): the invitation round of answers given in one (`with_rounds`).
    """
    scores = survey_scores(workforce, until=as_of)
    if rounds is not None:
        scores = scores.join(rounds, on=["person_id", "date", "instrument"], how="left")
    start = date(as_of.year - 1, as_of.month, as_of.day) + timedelta(days=1) if not (
        as_of.month == 2 and as_of.day == 29) else date(as_of.year - 1, 3, 1)
    answered = [i for i in ("uwes9", "uwes17") if scores.filter(instrument=i).height]
    published = measurement_rounds_of(scores, workforce, instruments=["wai", *answered], k=k, as_of=as_of)
    wai_rounds = published["wai"]
    work_ability = {by: scores_from_rounds(wai_rounds, instrument="wai", by=by) for by in GROUPINGS}
    falling: list[dict[str, Any]] = []
    for by, table in work_ability.items():
        falling += [{"grouping": by, **row}
                    for row in _rows(falling_between_rounds(table, scores, workforce, by=by, k=k))]
    engagement = {}
    for instrument in answered:
        engagement[instrument] = {by: _rows(scores_from_rounds(published[instrument], instrument=instrument, by=by)
                                            .drop("share_low")) for by in GROUPINGS}
    follow = band_follow_up(scores, as_of=as_of)
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
            "round": follow.year if follow else None,
            "from": follow.start.isoformat() if follow else None, "to": follow.end.isoformat() if follow else None,
            "by_band": _rows(flows_by_band(workforce, scores=follow.scores, start=follow.start, end=follow.end,
                                           by="band", k=k)) if follow else [],
            "by_life_phase": _rows(flows_by_band(workforce, scores=follow.scores, start=follow.start,
                                                 end=follow.end, by="life_phase", k=k)) if follow else [],
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
