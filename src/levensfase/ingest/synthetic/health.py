"""Absences (verzuim, never a diagnosis) and survey waves (WAI, WAS, UWES-9) of the synthetic staff.

Absence frequency and duration rise with age and a health limitation; survey answers follow a
latent work ability driven by the same factors, and WAI item 5 (sick days) is counted from the
generated absences, so the two tables tell one consistent story.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from levensfase.ingest.synthetic.careers import DISABILITY
from levensfase.ingest.synthetic.population import NEVER, YEAR, Lives, in_state, shift_years, to_day

RESPONSE_RATE = 0.6
WAVES = 3


def absences(rng: np.random.Generator, lives: Lives, spells: tuple[np.ndarray, ...], *, bounds: list[int]
             ) -> pl.DataFrame:
    """Columns person, start, end (int days; NEVER = still absent on as_of), pregnancy."""
    s_person, s_start, s_end, s_reason = spells
    as_of = bounds[-1]
    parts = []
    for k in range(len(bounds) - 1):
        lo = np.maximum(s_start, bounds[k] + 1)
        hi = np.minimum(s_end, bounds[k + 1])
        has = hi >= lo
        sp, lo, hi = np.flatnonzero(has), lo[has], hi[has]
        p = s_person[sp]
        mid = (lo + hi) // 2
        age = (mid - lives.birth[p]) / YEAR
        ill = in_state(lives.health_start[p], lives.health_end[p], mid)
        rate = 0.85 * (1 + 0.012 * (age - 40)) * np.where(ill, 1.9, 1.0) * np.where(lives.sex[p] == "f", 1.15, 1.0)
        count = rng.poisson(np.clip(rate, 0.2, None) * (hi - lo + 1) / 365.0)
        rows = np.repeat(np.arange(len(sp)), count)
        start = lo[rows] + (rng.random(rows.size) * (hi - lo + 1)[rows]).astype(np.int64)
        a, h = age[rows], ill[rows]
        u = rng.random(rows.size)
        p_long = 0.035 + 0.002 * np.clip(a - 40, 0, None) + 0.06 * h
        p_medium = 0.18 + 0.003 * np.clip(a - 40, 0, None) + 0.08 * h
        duration = np.select(
            [u < p_long, u < p_long + p_medium],
            [43 + np.minimum(rng.lognormal(np.log(60), 0.8, rows.size), 680).astype(np.int64),
             rng.integers(8, 43, rows.size)],
            np.minimum(1 + rng.geometric(0.3, rows.size), 7),
        )
        end = np.minimum(start + duration - 1, s_end[sp][rows])
        parts.append((p[rows], start, end, np.zeros(rows.size, dtype=bool)))

    # Pregnancy-related absence of working mothers-to-be, before maternity leave (excluded from verzuim).
    for c in range(lives.children.shape[1]):
        birth_day = lives.children[s_person, c]
        start = birth_day - rng.integers(60, 150, len(s_person))
        inside = (lives.sex[s_person] == "f") & (start >= s_start) & (start <= np.minimum(s_end, as_of)) \
            & (start > bounds[0]) & (rng.random(len(s_person)) < 0.35)
        end = np.minimum(np.minimum(start + rng.integers(5, 45, len(s_person)), birth_day - 43), s_end)
        ok = inside & (end >= start)
        parts.append((s_person[ok], start[ok], end[ok], np.ones(int(ok.sum()), dtype=bool)))

    # Two years of sickness before a disability exit (WIA follows the wachttijd of 104 weeks).
    dis = np.flatnonzero((s_reason == DISABILITY) & (s_end < NEVER))
    start = np.maximum(s_start[dis], s_end[dis] - rng.integers(640, 731, dis.size))
    parts.append((s_person[dis], start, s_end[dis], np.zeros(dis.size, dtype=bool)))

    person, start, end, preg = (np.concatenate(x) for x in zip(*parts, strict=True))
    end = np.where(end >= as_of, NEVER, end)
    ab = pl.DataFrame({"person": person, "start": start, "end": end, "pregnancy": preg}).sort(
        "person", "start", pl.col("end"), descending=[False, False, True])
    reach = pl.col("end").cum_max().shift(1).over("person")
    return ab.filter(reach.is_null() | (pl.col("start") > reach))


def wave_days(*, as_of: date, first_day: int, waves: int = WAVES) -> list[int]:
    """Biennial survey waves on 1 October, the most recent on or before `as_of`."""
    latest = date(as_of.year if date(as_of.year, 10, 1) <= as_of else as_of.year - 1, 10, 1)
    days = [to_day(shift_years(latest, -2 * i)) for i in range(waves)]
    return sorted(d for d in days if d > first_day)


def surveys(rng: np.random.Generator, lives: Lives, seg: pl.DataFrame, absence: pl.DataFrame, *,
            job_physical: np.ndarray, waves: list[int]) -> pl.DataFrame:
    """Long-format answers (person, day, instrument, item, value) of ~60 % respondents per wave."""
    parts = []
    for w in waves:
        at = seg.filter((pl.col("start") <= w) & (pl.col("end") >= w))
        at = at.sort("person", "start").unique("person", keep="first", maintain_order=True)
        at = at.filter(pl.Series(rng.random(at.height) < RESPONSE_RATE))
        p = at["person"].to_numpy()
        n = p.size
        if n == 0:
            continue
        age = (w - lives.birth[p]) / YEAR
        ill = in_state(lives.health_start[p], lives.health_end[p], w)
        physical = job_physical[at["job"].to_numpy()]
        wa = (-0.1 + 0.55 * lives.vitality[p] - 0.03 * (age - 42) - 1.1 * ill - 0.3 * (physical & (age > 50))
              + rng.normal(0, 0.6, n))
        sick = _sick_days(absence, p, w)

        def scale(center: float, slope: float, sd: float, lo: int, hi: int) -> np.ndarray:
            return np.clip(np.round(center + slope * wa + rng.normal(0, sd, n)), lo, hi)

        diseases = np.where(ill, 1 + rng.poisson(0.6, n),
                            rng.poisson(np.clip(0.15 + 0.012 * (age - 30), 0.05, None) * np.exp(-0.5 * wa)))
        p_good, p_bad = 1 / (1 + np.exp(-(1.6 + 1.6 * wa))), 1 / (1 + np.exp(3.5 + 1.6 * wa))
        u = rng.random(n)
        q6 = np.where(u < p_bad, 1, np.where(u < p_bad + (1 - p_bad) * p_good, 7, 4))
        q1 = scale(8.0, 1.1, 0.7, 0, 10)
        engagement = 0.35 * wa + rng.normal(0, 0.9, n)
        items = {
            ("wai", "q1"): q1,
            ("wai", "q2_physical"): scale(4.0, 0.7, 0.6, 1, 5),
            ("wai", "q2_mental"): scale(4.1, 0.6, 0.6, 1, 5),
            ("wai", "q3_diseases"): diseases,
            ("wai", "q4"): scale(5.3, 0.8, 0.6, 1, 6),
            ("wai", "q5_sick_days"): sick,
            ("wai", "q6"): q6,
            ("wai", "q7_1"): scale(3.0, 0.6, 0.7, 0, 4),
            ("wai", "q7_2"): scale(2.9, 0.6, 0.7, 0, 4),
            ("wai", "q7_3"): scale(3.0, 0.6, 0.7, 0, 4),
            ("was", "score"): np.clip(q1 + np.where(rng.random(n) < 0.2, rng.choice([-1, 1], n), 0), 0, 10),
        }
        for i in range(1, 10):
            items[("uwes9", str(i))] = np.clip(np.round(3.9 + 1.0 * engagement + rng.normal(0, 0.6, n)), 0, 6)
        for order, ((instrument, item), values) in enumerate(items.items()):
            parts.append(pl.DataFrame({"person": p, "day": np.full(n, w), "order": np.full(n, order),
                                       "instrument": instrument, "item": item, "value": values.astype(float)}))
    if not parts:
        return pl.DataFrame(schema={"person": pl.Int64, "day": pl.Int64, "order": pl.Int64, "instrument": pl.String,
                                    "item": pl.String, "value": pl.Float64})
    return pl.concat(parts)


def _sick_days(absence: pl.DataFrame, persons: np.ndarray, day: int) -> np.ndarray:
    """Calendar days absent in the 12 months before `day` (pregnancy-related absence excluded)."""
    lo, hi = day - 365, day - 1
    counted = (
        absence.filter(~pl.col("pregnancy"))
        .with_columns(s=pl.max_horizontal("start", pl.lit(lo)), e=pl.min_horizontal("end", pl.lit(hi)))
        .filter(pl.col("e") >= pl.col("s"))
        .group_by("person").agg(days=(pl.col("e") - pl.col("s") + 1).sum())
    )
    lookup = pl.DataFrame({"person": persons}).join(counted, on="person", how="left", maintain_order="left")
    return lookup["days"].fill_null(0).to_numpy().astype(float)

