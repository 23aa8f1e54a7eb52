"""Plant a known effect of one arrangement in a generated organisation, so the evaluation can be checked.

`--plant-effect CODE:influenceable_exit:0.7` replaces the generator's own records of CODE by a
new uptake and multiplies the hazard of influenceable exit (DESIGN §4) by 0.7 from each
participant's start on:

- **Selection depends on covariates** that also drive exits in the generator: each year, everyone
  employed on a random day of it takes CODE up with a probability that rises with age, tenure and
  FTE (a logistic rule, SELECTION), so participants would have left less anyway and a naive
  comparison finds an effect even when none is planted. The rule only looks at that day, never at
  what happens later, and the covariates it uses are the ones the evaluation matches on.
- **The effect** moves each influenceable exit after the start from T to T' with H(T') = H(T) / r,
  where H is the cumulative exit hazard from the start day along the person's ages. If a person's
  hazard is their own multiple z of a baseline by age, z cancels, so only the baseline's *shape*
  over age is needed: it is estimated from the generated organisation (influenceable exits per
  person-year by year of age). Then the hazard after the start is r times what it would have
  been, for everyone (the inverse-cumulative-hazard method of simulating proportional hazards,
  Bender, Augustin & Blettner 2005). Someone whose moved exit falls on or after their AOW date
  retires then (pension, not influenceable); after the analysis date, they are still employed;
  reaching their own next spell, the two spells join.

What it changes: the participants' last assignments of a kept spell (end_date, end_reason), and
the CODE rows of arrangements. Absences and surveys of the extra months are not invented, and the
headcount on the as-of date rises by the people kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from levensfase.analytics.categories import age_on
from levensfase.analytics.phases import aow_dates

__all__ = ["OUTCOMES", "SELECTION", "PlantedEffect", "parse_plant", "plant_effect"]

OUTCOMES = ("influenceable_exit",)
# logit of taking it up in a year: intercept, per year of age over 40, tenure ≥ 5 years, per FTE over 0.7
SELECTION = (-2.6, 0.06, 0.9, 1.5)
_NEVER = 10**9


@dataclass(frozen=True)
class PlantedEffect:
    code: str
    outcome: str
    ratio: float


def parse_plant(text: str) -> PlantedEffect:
    """"CODE:influenceable_exit:0.7" → PlantedEffect; ValueError with a plain message otherwise."""
    parts = text.split(":") if isinstance(text, str) else []
    if len(parts) != 3 or not parts[0].strip():
        raise ValueError(f"expected CODE:influenceable_exit:RATIO, got {text!r}")
    code, outcome, ratio = (p.strip() for p in parts)
    if outcome not in OUTCOMES:
        raise ValueError(f"only {', '.join(OUTCOMES)} can be planted, got {outcome!r}")
    try:
        value = float(ratio.replace(",", "."))
    except ValueError:
        raise ValueError(f"the ratio must be a number, got {ratio!r}") from None
    if not 0 < value <= 10:
        raise ValueError(f"the ratio must lie between 0 and 10, got {ratio!r}")
    return PlantedEffect(code=code, outcome=outcome, ratio=value)


def plant_effect(tables: dict[str, pl.DataFrame], effect: PlantedEffect, *, first: date, as_of: date,
                 seed: int) -> dict[str, pl.DataFrame]:
    """The tables with CODE's uptake redrawn and its planted effect on influenceable exits."""
    rng = np.random.default_rng([seed, 18])
    people = tables["people"].select("person_id", "birth_date")
    assignments = tables["assignments"]
    starts = _uptake(rng, people, assignments, first=first, as_of=as_of)
    cumulative = _cumulative_hazard(people, assignments, first=first, as_of=as_of)
    out = dict(tables)
    out["assignments"] = _stretch(assignments, people, starts, cumulative, ratio=effect.ratio, as_of=as_of)
    rows = starts.select("person_id", code=pl.lit(effect.code), start_date="start",
                         end_date=pl.col("start").dt.offset_by("180d"), hours=pl.lit(16.0), cost_eur=pl.lit(750.0))
    others = tables["arrangements"].filter(pl.col("code") != effect.code)
    rows = rows.with_columns(pl.when(pl.col("end_date") > as_of).then(None).otherwise(pl.col("end_date")).alias("end_date"))
    out["arrangements"] = pl.concat([others, rows.cast(dict(others.schema))]).sort("person_id", "code", "start_date")
    return out


def _spells(assignments: pl.DataFrame) -> pl.DataFrame:
    from levensfase.model.workforce import derive_spells

    return derive_spells(assignments)


def _uptake(rng: np.random.Generator, people: pl.DataFrame, assignments: pl.DataFrame, *, first: date,
            as_of: date) -> pl.DataFrame:
    """person_id, start: the first yearly draw that came up for each person."""
    spells = _spells(assignments)
    b0, b1, b2, b3 = SELECTION
    found = []
    lo = first
    while lo <= as_of:
        hi = min(date(lo.year + 1, lo.month, min(lo.day, 28)), as_of)
        span = (hi - lo).days + 1
        persons = people.get_column("person_id")
        day = pl.Series(np.array([lo.toordinal() - date(1970, 1, 1).toordinal()] * len(persons))
                        + rng.integers(0, span, len(persons))).cast(pl.Date)
        draw = pl.DataFrame({"person_id": persons, "day": day, "u": rng.random(len(persons))})
        on = draw.join(spells, on="person_id").filter(
            (pl.col("start_date") <= pl.col("day")) & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("day"))))
        fte = on.join(assignments.select("person_id", "start_date", "end_date", "fte"), on="person_id", suffix="_a").filter(
            (pl.col("start_date_a") <= pl.col("day")) & (pl.col("end_date_a").is_null() | (pl.col("end_date_a") >= pl.col("day")))
        ).group_by("person_id").agg(pl.col("fte").sum())
        on = on.join(fte, on="person_id").join(people, on="person_id").with_columns(
            age=age_on(pl.col("birth_date"), pl.col("day")),
            tenure=(pl.col("day") - pl.col("start_date")).dt.total_days() / 365.25)
        logit = b0 + b1 * (pl.col("age") - 40) + b2 * (pl.col("tenure") >= 5).cast(pl.Float64) + b3 * (pl.col("fte") - 0.7)
        found.append(on.filter(pl.col("u") < 1 / (1 + (-logit).exp())).select("person_id", start="day"))
        lo = date.fromordinal(hi.toordinal() + 1)
    return pl.concat(found).group_by("person_id").agg(pl.col("start").min()).sort("person_id")


_MAX_AGE_DAYS = 110 * 366


def _cumulative_hazard(people: pl.DataFrame, assignments: pl.DataFrame, *, first: date, as_of: date) -> np.ndarray:
    """C[a]: cumulative influenceable exit hazard up to age a (in days), from exits per person-year
    by completed year of age over the history (person-years counted on the first of each month),
    averaged over three neighbouring ages and never zero (so C strictly rises and can be inverted)."""
    spells = _spells(assignments).join(people, on="person_id").join(
        aow_dates(people.get_column("birth_date")), on="birth_date", how="left")
    months = pl.date_range(first, as_of, interval="1mo", eager=True).alias("day").to_frame()
    exposure = spells.join(months, how="cross").filter(
        (pl.col("start_date") <= pl.col("day")) & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("day")))
    ).select(age=age_on(pl.col("birth_date"), pl.col("day"))).group_by("age").agg(years=pl.len() / 12)
    influenceable = pl.col("end_reason").is_in(["voluntary", "disability"]) | (
        (pl.col("end_reason") == "retirement") & (pl.col("end_date").dt.offset_by("1d") < pl.col("aow_date")))
    exits = spells.filter(pl.col("end_date").is_between(first, as_of) & influenceable).select(
        age=age_on(pl.col("birth_date"), pl.col("end_date"))).group_by("age").agg(exits=pl.len())
    per_age = np.zeros(111)
    years = np.zeros(111)
    for age, value in exposure.iter_rows():
        years[min(max(age, 0), 110)] += value
    for age, value in exits.iter_rows():
        per_age[min(max(age, 0), 110)] += value
    pooled = np.convolve(per_age, np.ones(3), "same") / np.maximum(np.convolve(years, np.ones(3), "same"), 1e-9)
    floor = max(pooled[pooled > 0].min() if (pooled > 0).any() else 1e-3, 1e-4) / 10
    rate = np.maximum(pooled, floor) / 365.25  # per day
    daily = np.repeat(rate, 366)[:_MAX_AGE_DAYS]
    return np.concatenate([[0.0], np.cumsum(daily)])


def _stretch(assignments: pl.DataFrame, people: pl.DataFrame, starts: pl.DataFrame, cumulative: np.ndarray, *,
             ratio: float, as_of: date) -> pl.DataFrame:
    """Move each influenceable exit after the start so that its cumulative hazard from the start is
    divided by `ratio` (see the module's docstring). A ratio of 1 moves nothing."""
    if ratio == 1.0:
        return assignments
    spells = _spells(assignments).join(people, on="person_id").join(
        aow_dates(people.get_column("birth_date")), on="birth_date", how="left")
    hit = spells.join(starts, on="person_id").filter(
        (pl.col("start_date") <= pl.col("start")) & pl.col("end_date").is_not_null() & (pl.col("end_date") >= pl.col("start"))
        & (pl.col("end_date") <= as_of)).sort("person_id")
    following = spells.select("person_id", next_start="start_date")
    hit = hit.join(following, on="person_id", how="left").with_columns(
        next_start=pl.when(pl.col("next_start") > pl.col("end_date")).then(pl.col("next_start"))).group_by(
        [c for c in hit.columns], maintain_order=True).agg(pl.col("next_start").min())
    changes = []
    end_day = as_of.toordinal()
    for row in hit.iter_rows(named=True):
        aow = row["aow_date"]
        early = row["end_reason"] == "retirement" and aow is not None and row["end_date"].toordinal() + 1 < aow.toordinal()
        if not (row["end_reason"] in ("voluntary", "disability") or early):
            continue
        start = row["start"].toordinal()
        age0 = start - row["birth_date"].toordinal()
        gone = row["end_date"].toordinal() + 1 - start  # days from the start to the first day without work
        base = cumulative[min(age0, _MAX_AGE_DAYS)]
        spent = cumulative[min(age0 + gone, _MAX_AGE_DAYS)] - base
        target = base + spent / ratio
        moved = int(np.searchsorted(cumulative, target)) - age0 if target <= cumulative[-1] else 10**7
        day = max(start, start + max(moved, 1) - 1)  # last working day
        reason: str | None = row["end_reason"]
        if aow is not None and day + 1 >= aow.toordinal():
            day, reason = aow.toordinal() - 1, "retirement"
        if row["next_start"] is not None and day >= row["next_start"].toordinal() - 1:
            day, reason = row["next_start"].toordinal() - 1, None  # reaches the next spell: one spell now
        new_end = None if day > end_day else date.fromordinal(day)
        changes.append((row["person_id"], row["end_date"], new_end, None if new_end is None else reason))
    if not changes:
        return assignments
    patch = pl.DataFrame(changes, schema={"person_id": pl.String, "end_date": pl.Date, "new_end": pl.Date,
                                          "new_reason": pl.String}, orient="row")
    touched = assignments.join(patch.with_columns(_hit=pl.lit(True)), on=["person_id", "end_date"], how="left").with_columns(
        pl.col("_hit").fill_null(False))
    return touched.with_columns(
        end_date=pl.when("_hit").then(pl.col("new_end")).otherwise(pl.col("end_date")),
        end_reason=pl.when("_hit").then(pl.col("new_reason")).otherwise(pl.col("end_reason")),
    ).select(assignments.columns)
