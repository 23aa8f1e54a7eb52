"""Retention (behoud): how long employment spells last, and by which exit they end (DESIGN §4).

A spell still running on the analysis date tells us only that it lasted *at least* that long, so
the plain average of durations is biased low; the Kaplan–Meier estimate uses those censored spells
correctly. Exit reasons compete — someone who retires can no longer resign — so the share leaving
for one reason is the Aalen–Johansen cumulative incidence, not one minus a KM curve that treats the
other reasons as censoring (that would overstate every reason).

Conventions follow lifelines (the reference in the tests): the timeline starts at 0 and holds every
distinct duration; at a tied time events come before censorings (a spell censored at t was still at
risk at t); confidence bands are exponential Greenwood on the log(−log) scale. Everything is computed
for all groups at once in Polars, which is what makes it fast at sector scale.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist

import numpy as np
import polars as pl

from levensfase.analytics.categories import UNKNOWN, ordered
from levensfase.model.schema import END_REASONS
from levensfase.model.workforce import Workforce

DAYS_PER_YEAR = 365.25
SUMMARY_HORIZONS = (1, 2, 5)  # years at which `retention_summary` reads the curve
_TABLE_COLUMNS = ("timeline", "at_risk", "events", "censored", "survival", "ci_lower", "ci_upper")


def spell_durations(workforce: Workforce, *, as_of: date) -> pl.DataFrame:
    """One row per employment spell started on or before `as_of`, with its (censored) duration.

    A spell's length counts both its first and last day, so a one-day spell lasts 1/365.25 year.
    Spells still running on `as_of`, or ending after it, are censored at `as_of` (event false,
    end_reason null): on that date we do not yet know how they end.
    Columns: person_id, spell_no, start_date, duration_years, event, end_reason.
    """
    if not isinstance(as_of, date):
        raise ValueError(f"as_of must be a date, got {as_of!r}")
    ended = pl.col("end_date").is_not_null() & (pl.col("end_date") <= as_of)
    last_day = pl.when(ended).then(pl.col("end_date")).otherwise(pl.lit(as_of))
    days = (last_day - pl.col("start_date")).dt.total_days() + 1
    return (
        workforce.spells.filter(pl.col("start_date") <= as_of)
        .select(
            "person_id",
            "spell_no",
            "start_date",
            (days / DAYS_PER_YEAR).alias("duration_years"),
            ended.alias("event"),
            pl.when(ended).then(pl.col("end_reason")).otherwise(None).alias("end_reason"),
        )
        .sort("person_id", "spell_no")
    )


@dataclass(frozen=True, eq=False)
class KaplanMeier:
    """A fitted Kaplan–Meier retention curve (the share of spells still running after t years)."""

    table: pl.DataFrame  # timeline (years), at_risk, events, censored, survival, ci_lower, ci_upper
    n: int
    events: int
    median_years: float | None  # first time the curve reaches 0.5 or lower; None if it never does

    def survival_at(self, years: float) -> float:
        """The curve at `years`: a right-continuous step (exits at exactly `years` count), 1 before 0."""
        if not isinstance(years, int | float) or isinstance(years, bool) or math.isnan(years):
            raise ValueError(f"years must be a number, got {years!r}")
        timeline = self.table["timeline"].to_numpy()
        i = int(np.searchsorted(timeline, years, side="right")) - 1
        return 1.0 if i < 0 else float(self.table["survival"][i])


def _z(alpha: float) -> float:
    if not isinstance(alpha, int | float) or isinstance(alpha, bool) or not 0 < alpha < 1:
        raise ValueError(f"alpha must be a number strictly between 0 and 1, got {alpha!r}")
    return NormalDist().inv_cdf(1 - alpha / 2)


def _km_tables(data: pl.DataFrame, *, z: float) -> pl.DataFrame:
    """KM tables for every `group` of (group, t, e) rows in one pass: group plus _TABLE_COLUMNS.

    Greenwood's sum Σ d/(n(n−d)) skips a time where everyone at risk leaves (n = d), as lifelines does;
    the band there is [0, 0] because the curve is exactly 0.
    """
    counts = data.lazy().group_by("group", "t").agg(pl.len().alias("removed"), pl.col("e").sum().alias("events"))
    # Every curve starts at t = 0 with everyone at risk; add that row where no spell lasted 0.
    origin = (
        data.lazy().select("group").unique()
        .join(counts.filter(pl.col("t") == 0).select("group"), on="group", how="anti")
        .with_columns(t=pl.lit(0.0), removed=pl.lit(0, pl.UInt32), events=pl.lit(0, pl.UInt32))
    )
    steps = pl.concat([counts, origin], how="vertical_relaxed").sort("group", "t").with_columns(
        pl.col("removed", "events").cast(pl.Int64)
    )
    n, d = pl.col("at_risk").cast(pl.Float64), pl.col("events").cast(pl.Float64)
    steps = steps.with_columns(
        at_risk=pl.col("removed").sum().over("group") - (pl.col("removed").cum_sum() - pl.col("removed")).over("group")
    ).with_columns(
        log_s=((n - d).log() - n.log()).cum_sum().over("group"),
        greenwood=pl.when(n == d).then(0.0).otherwise(d / (n * (n - d))).cum_sum().over("group"),
    )
    v, spread = pl.col("log_s"), z * pl.col("greenwood").sqrt() / pl.col("log_s")
    return steps.select(
        "group",
        pl.col("t").alias("timeline"),
        "at_risk",
        "events",
        (pl.col("removed") - pl.col("events")).alias("censored"),
        v.exp().alias("survival"),
        (-((-v).log() - spread).exp()).exp().fill_nan(1.0).alias("ci_lower"),
        (-((-v).log() + spread).exp()).exp().fill_nan(1.0).alias("ci_upper"),
    ).collect()


def _fitted(table: pl.DataFrame) -> KaplanMeier:
    table = table.select(_TABLE_COLUMNS)
    reached = table.filter(pl.col("survival") <= 0.5)
    return KaplanMeier(
        table=table,
        n=int(table["at_risk"][0]),
        events=int(table["events"].sum()),
        median_years=float(reached["timeline"][0]) if reached.height else None,
    )


def _numbers(values: object, *, name: str) -> np.ndarray:
    array = np.asarray(values.to_numpy() if isinstance(values, pl.Series) else values)
    if array.ndim != 1:
        raise ValueError(f"{name} must be a one-dimensional sequence")
    if array.dtype == bool or not np.issubdtype(array.dtype, np.number):
        try:
            array = array.astype(float)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must hold numbers (or true/false) only, with no missing values") from None
    return array.astype(float)


def _survival_input(durations: object, events: object) -> pl.DataFrame:
    t = _numbers(durations, name="durations")
    e = _numbers(events, name="events")
    if t.size == 0:
        raise ValueError("durations is empty: there is nothing to estimate")
    if t.size != e.size:
        raise ValueError(f"durations has {t.size} values but events has {e.size}")
    if not np.isfinite(t).all() or (t < 0).any():
        raise ValueError("durations must be finite numbers ≥ 0 (no missing values)")
    if not np.isin(e, (0.0, 1.0)).all():
        raise ValueError("events must be true/false (or 1/0), with no missing values")
    return pl.DataFrame({"group": np.zeros(t.size, dtype=np.int8), "t": t, "e": e.astype(bool)})


def kaplan_meier(*, durations: object, events: object, alpha: float = 0.05) -> KaplanMeier:
    """Kaplan–Meier estimate of durations (years) with events (true = the spell ended, false = censored)."""
    return _fitted(_km_tables(_survival_input(durations, events), z=_z(alpha)))


def _require(frame: object, columns: Sequence[str]) -> None:
    if not isinstance(frame, pl.DataFrame):
        raise ValueError(f"expected a Polars DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"frame lacks column(s) {', '.join(missing)}; it has {', '.join(frame.columns)}")


def _grouped_input(frame: pl.DataFrame, *, by: str | None, duration: str, event: str) -> pl.DataFrame:
    _require(frame, [duration, event, *([by] if by is not None else [])])
    if frame.height == 0:
        raise ValueError("the frame has no rows: there is nothing to estimate")
    group = pl.lit("all") if by is None else pl.col(by).cast(pl.String).fill_null(UNKNOWN)
    data = frame.select(group.alias("group"), pl.col(duration).cast(pl.Float64, strict=False).alias("t"),
                        pl.col(event).cast(pl.Boolean, strict=False).alias("e"))
    t = data["t"]
    if data["e"].null_count() or t.null_count() or not t.is_finite().all() or (t < 0).any():
        raise ValueError(f"{duration!r} must be finite numbers ≥ 0 and {event!r} true/false, with no missing values")
    return data


def kaplan_meier_by(
    frame: pl.DataFrame, *, by: str, alpha: float = 0.05, duration: str = "duration_years", event: str = "event"
) -> dict[str, KaplanMeier]:
    """One Kaplan–Meier curve per value of column `by` (missing values form the group "onbekend").

    `frame` is typically `spell_durations` with a category column added; all curves come from one
    vectorised pass. Keys are in reading order (see `categories.ordered`).
    """
    z = _z(alpha)
    tables = _km_tables(_grouped_input(frame, by=by, duration=duration, event=event), z=z)
    parts = {key[0]: part for key, part in tables.partition_by("group", as_dict=True).items()}
    order = ordered(pl.DataFrame({"value": list(parts)}, schema={"value": pl.String}), by=by)["value"]
    return {value: _fitted(parts[value]) for value in order}


def retention_summary(
    frame: pl.DataFrame, *, by: str | None, duration: str = "duration_years", event: str = "event"
) -> pl.DataFrame:
    """Headline retention per category: by, value, n, events, population, median_years, survival_{1,2,5}y.

    n counts spells, population distinct persons (the figure `privacy.suppress` judges). A survival
    beyond the longest observed duration is null unless the curve already reached 0: the data say
    nothing about it, and carrying the last value forward would look like knowledge.
    """
    _require(frame, ["person_id"])
    data = _grouped_input(frame, by=by, duration=duration, event=event)
    label = "all" if by is None else by
    curves = {"all": _fitted(_km_tables(data, z=_z(0.05)))} if by is None else kaplan_meier_by(
        frame, by=by, duration=duration, event=event
    )
    groups = frame.select(pl.lit("all") if by is None else pl.col(by).cast(pl.String).fill_null(UNKNOWN), "person_id")
    population = dict(groups.group_by(groups.columns[0]).agg(pl.col("person_id").n_unique()).iter_rows())
    rows = []
    for value, km in curves.items():
        last, final = float(km.table["timeline"][-1]), float(km.table["survival"][-1])
        row = {"by": label, "value": value, "n": km.n, "events": km.events, "population": population[value],
               "median_years": km.median_years}
        for years in SUMMARY_HORIZONS:
            row[f"survival_{years}y"] = km.survival_at(float(years)) if years <= last or final == 0 else None
        rows.append(row)
    schema = {"by": pl.String, "value": pl.String, "n": pl.Int64, "events": pl.Int64, "population": pl.Int64,
              "median_years": pl.Float64, **{f"survival_{y}y": pl.Float64 for y in SUMMARY_HORIZONS}}
    return pl.DataFrame(rows, schema=schema)


def _reason_order(reasons: Sequence[str]) -> list[str]:
    known = [r for r in END_REASONS if r in reasons]
    return known + sorted(r for r in reasons if r not in END_REASONS)


def cumulative_incidence(
    *, durations: object, events: object, reasons: object, alpha: float = 0.05
) -> pl.DataFrame:
    """Aalen–Johansen cumulative incidence per competing exit reason: timeline, reason, cif, variance, ci_*.

    CIF_k(t) = Σ_{t_j ≤ t} S(t_j−) · d_kj / n_j, with S the Kaplan–Meier curve of all exits, so the
    CIFs of all reasons plus S add up to 1 at every time. Ties need no jitter here (unlike lifelines):
    tied exits of different reasons share the same S(t_j−). The variance is the delta-method/Greenwood
    formula lifelines uses (Collett 2015, p. 411), except that a time where everyone at risk leaves
    adds 0 to the Greenwood part (lifelines returns NaN there). Bands are on the log(−log) scale; where
    the variance is 0 (no exits of that reason yet) the band is the estimate itself. An exit without
    a reason counts under "onbekend"; a reason on a censored row is ignored.
    """
    data = _survival_input(durations, events)
    raw = reasons.to_list() if isinstance(reasons, pl.Series) else list(np.asarray(reasons, dtype=object))
    if len(raw) != data.height:
        raise ValueError(f"durations has {data.height} values but reasons has {len(raw)}")
    if any(r is not None and not isinstance(r, str) for r in raw):
        raise ValueError("reasons must be text (or empty for censored spells)")
    z = _z(alpha)
    km = _km_tables(data, z=z)
    timeline = km["timeline"].to_numpy()
    at_risk = km["at_risk"].to_numpy().astype(float)
    exits = km["events"].to_numpy().astype(float)
    lag_s = np.concatenate(([1.0], km["survival"].to_numpy()[:-1]))
    left = at_risk - exits
    greenwood = np.divide(exits, at_risk * left, out=np.zeros_like(at_risk), where=left > 0)
    t, e = data["t"].to_numpy(), data["e"].to_numpy()
    labels = np.array([UNKNOWN if r is None else r for r in raw], dtype=object)
    frames = []
    for reason in _reason_order(sorted(set(labels[e].tolist()))):
        chosen = e & (labels == reason)
        d_k = np.bincount(np.searchsorted(timeline, t[chosen]), minlength=timeline.size).astype(float)
        step = lag_s * d_k / at_risk
        cif = np.cumsum(step)
        # Var F(t_i) = Σ_j≤i a_j (F_i − F_j)² + b_j − 2 c_j (F_i − F_j), expanded into running sums.
        a, c = greenwood, lag_s * d_k / at_risk**2
        b = lag_s**2 * d_k * (at_risk - d_k) / at_risk**3
        variance = (cif**2 * np.cumsum(a) - 2 * cif * np.cumsum(a * cif) + np.cumsum(a * cif**2)
                    + np.cumsum(b) - 2 * (cif * np.cumsum(c) - np.cumsum(c * cif)))
        variance = np.maximum(variance, 0.0)  # running sums can leave −1e-17 where the true value is 0
        with np.errstate(divide="ignore", invalid="ignore"):
            log_f = np.log(cif)
            se = np.sqrt(variance) / (cif * np.abs(log_f))
            lower = np.exp(-np.exp(np.log(-log_f) + z * se))
            upper = np.exp(-np.exp(np.log(-log_f) - z * se))
        flat = (variance == 0) | (cif <= 0) | (cif >= 1)
        frames.append(pl.DataFrame({
            "timeline": timeline, "reason": reason, "cif": cif, "variance": variance,
            "ci_lower": np.where(flat, cif, lower), "ci_upper": np.where(flat, cif, upper),
        }))
    if not frames:
        schema = {"timeline": pl.Float64, "reason": pl.String, "cif": pl.Float64, "variance": pl.Float64,
                  "ci_lower": pl.Float64, "ci_upper": pl.Float64}
        return pl.DataFrame(schema=schema)
    return pl.concat(frames)
