"""The person-month panel the risk sets are drawn from: who was at risk on each snapshot day, and as whom.

One row per person employed on a snapshot day (the first of a month): the exact-matching keys
(primary life phase, job family, tenure band) and the propensity covariates (age band, FTE, WAI
band when known, prior-year absence, grade, unit size), plus the employment spell that runs on the
day and how it ends, and `stratum`: one number per (life phase, job family, tenure band). Rows are
sorted by snapshot and person. Covariates are read on the snapshot day, never after it, so nothing a
participant did after the start can leak into the comparison (the start lies in the same month).
`phases.keyed_profiles_over` builds the life-phase inputs once and the profiles a batch of months at a
time, keyed by integers; the person_id string is gathered once per row, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import polars as pl

from levensfase.analytics.categories import age_band
from levensfase.analytics.phases import keyed_profiles_over
from levensfase.evaluation.outcomes import exit_kinds
from levensfase.evaluation.panel_days import Employment
from levensfase.model.lifephase import PhaseRules, load_rules
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["PANEL_COLUMNS", "STRATA", "TENURE_BANDS", "month_starts", "panel", "tenure_band"]

STRATA = ("life_phase", "job_family", "tenure_band")
TENURE_BANDS = ((2, "<2"), (5, "2-5"), (10, "5-10"), (None, "10+"))  # years in the current spell
PANEL_COLUMNS = (
    "person_id", "snapshot", *STRATA, "age_band", "age", "fte", "wai_band", "prior_absence_pct", "grade", "unit_size",
    "spell_start", "spell_end", "exit_kind", "stratum",
)
BATCH_DAYS = 16  # snapshot days built together: the day × person grid and the profiles of 16 days in memory


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
    rules = load_rules()
    ids, batches = keyed_profiles_over(workforce, days=days, rules=rules,
                                      columns=("primary_phase", "vitality", "fte", "age"), batch_days=BATCH_DAYS)
    tables = Employment(workforce, ids, spells=spells, jobs=jobs, sick=sick)
    codes = _StratumCodes(tables, rules)
    # a batch of days at a time (`panel_days`), rows by day and person as the profiles come
    frames, cells = zip(*(_batch(tables, batch, profile, codes) for batch, profile in batches), strict=True)
    frame = _grade_filled(pl.concat(frames, rechunk=False))  # one chunk per batch: every reader takes columns apart
    cell = np.concatenate(cells)
    present = np.bincount(cell, minlength=codes.size) > 0  # strata numbered in (life phase, job family, tenure) order
    return frame.with_columns(stratum=pl.Series((np.cumsum(present) - 1)[cell], dtype=pl.Int64))


def _batch(tables: Employment, days: list[date], profile: pl.DataFrame, codes: _StratumCodes
           ) -> tuple[pl.DataFrame, np.ndarray]:
    """The panel rows of one batch of days (`profile`: `keyed_profiles_over`'s frame) and their
    stratum cells (`_StratumCodes`)."""
    grid = tables.grid(days)
    local, key = profile.get_column("_idx").to_numpy(), profile.get_column("key").to_numpy()
    cell = local * grid.width + key
    main, spell = grid.main[cell], grid.spell[cell]
    keep = (main >= 0) & (spell >= 0)
    main, spell, cell, key, local = main[keep], spell[keep], cell[keep], key[keep], local[keep]
    snapshot = grid.calendar[local]
    years = (snapshot - tables.spell_first[spell]).astype(np.float64) / 365.25
    tenure = np.searchsorted(np.array(_TENURE_UPPER, dtype=np.float64), years, side="right")
    kept = profile.filter(pl.Series(keep)).select(
        life_phase=pl.col("primary_phase").fill_null("none"), wai_band=pl.col("vitality"),
        fte=pl.col("fte").cast(pl.Float64), age=pl.col("age"))
    age = kept.get_column("age")
    run = tables.spells.select("spell_start", "spell_end", "exit_kind")[spell]
    held = tables.held[main]
    frame = pl.DataFrame([
        tables.ids.gather(key).alias("person_id"),
        pl.Series("snapshot", snapshot.astype(np.int32)).cast(pl.Date),
        kept.get_column("life_phase"), held.get_column("job_family"),
        codes.tenure_labels.gather(tenure).alias("tenure_band"),
        _age_bands(age), age.cast(pl.Float64), kept.get_column("fte"), kept.get_column("wai_band"),
        pl.Series("prior_absence_pct", grid.sick_days[cell].astype(np.int64)),
        held.get_column("grade"),
        pl.Series("unit_size", grid.unit_size(cell), dtype=pl.Float64).fill_nan(None),
        *run.get_columns(),
    ]).with_columns(prior_absence_pct=pl.col("prior_absence_pct").clip(upper_bound=365) / 365 * 100)
    frame = frame.select(list(_SCHEMA)).cast(_SCHEMA)  # type: ignore[arg-type]
    return frame, codes.of(kept.get_column("life_phase"), main, tenure)


_TENURE_UPPER = tuple(upper for upper, _ in TENURE_BANDS[:-1])


class _StratumCodes:
    """One integer per (life phase, job family, tenure band) that sorts as the three names do, so
    the strata are numbered without hashing a string per row: each name's rank among its kind."""

    def __init__(self, tables: Employment, rules: PhaseRules) -> None:
        phases = pl.Series(sorted({p.name for p in rules.phases} | {"none"}), dtype=pl.String).sort()
        self.phase_type = pl.Enum(phases)
        family = tables.held.get_column("job_family")
        self.family_rank = family.rank("dense").cast(pl.Int64).to_numpy() - 1
        self.families = max(int(family.n_unique()), 1)
        self.tenure_labels = pl.Series([name for _, name in TENURE_BANDS], dtype=pl.String)
        self.tenure_rank = self.tenure_labels.rank("dense").cast(pl.Int64).to_numpy() - 1
        self.size = phases.len() * self.families * len(TENURE_BANDS)

    def of(self, life_phase: pl.Series, main: np.ndarray, tenure: np.ndarray) -> np.ndarray:
        phase = life_phase.cast(self.phase_type).to_physical().cast(pl.Int64).to_numpy()
        return (phase * self.families + self.family_rank[main]) * len(TENURE_BANDS) + self.tenure_rank[tenure]


def _age_bands(age: pl.Series) -> pl.Series:
    """`categories.age_band` of each age, computed once per distinct age and gathered."""
    if age.len() == 0 or age.null_count():
        return age.to_frame("age").select(age_band(pl.col("age"))).to_series().alias("age_band")
    low = int(age.min())  # type: ignore[arg-type]
    high = int(age.max())  # type: ignore[arg-type]
    bands = pl.select(age_band(pl.int_range(low, high + 1, dtype=age.dtype))).to_series()
    return bands.gather(age - low).alias("age_band")


def _grade_filled(frame: pl.DataFrame) -> pl.DataFrame:
    """A missing grade (a job without one) is that day's mean grade."""
    if frame.get_column("grade").null_count() == 0:
        return frame
    means = frame.group_by("snapshot").agg(_mean=pl.col("grade").mean())
    return frame.join(means, on="snapshot", how="left", maintain_order="left").with_columns(
        grade=pl.col("grade").fill_null(pl.col("_mean"))).drop("_mean")


_SCHEMA = {"person_id": pl.String, "snapshot": pl.Date, "life_phase": pl.String, "job_family": pl.String,
           "tenure_band": pl.String, "age_band": pl.String, "age": pl.Float64, "fte": pl.Float64, "wai_band": pl.String,
           "prior_absence_pct": pl.Float64, "grade": pl.Float64, "unit_size": pl.Float64, "spell_start": pl.Date,
           "spell_end": pl.Date, "exit_kind": pl.String}
