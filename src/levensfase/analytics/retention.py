"""Retention (behoud): how long employment spells last, and by which exit they end (DESIGN §4).

A spell still running on the analysis date tells us only that it lasted *at least* that long, so
the plain average of durations is biased low; the Kaplan–Meier estimate uses those censored spells
correctly. Exit reasons compete — someone who retires can no longer resign — so the share leaving
for one reason is the Aalen–Johansen cumulative incidence, not one minus a KM curve that treats the
other reasons as censoring (that would overstate every reason).

Conventions follow lifelines (the reference in the tests): the timeline starts at 0 and holds every
distinct duration; at a tied time events come before censorings (a spell censored at t was still at
risk at t); confidence bands are exponential Greenwood on the log(−log) scale. All groups of a
breakdown are fitted in one vectorised pass (`_km_tables`; `_km_tables_sparse` for many small
groups such as units), which is what makes it fast at sector scale; lifelines stays a test and
benchmark reference and is never imported here.
"""

from __future__ import annotations

import math
import numbers
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
        if not isinstance(years, numbers.Real) or isinstance(years, bool) or math.isnan(years):
            raise ValueError(f"years must be a number, got {years!r}")
        timeline = self.table["timeline"].to_numpy()
        i = int(np.searchsorted(timeline, years, side="right")) - 1
        return 1.0 if i < 0 else float(self.table["survival"][i])


def _z(alpha: float) -> float:
    if not isinstance(alpha, numbers.Real) or isinstance(alpha, bool) or not 0 < alpha < 1:
        raise ValueError(f"alpha must be a number strictly between 0 and 1, got {alpha!r}")
    return NormalDist().inv_cdf(1 - alpha / 2)


@dataclass(frozen=True, eq=False)
class _Spells:
    """Validated input: group codes 0…len(names)−1, durations t ≥ 0 and events e, as NumPy arrays."""

    names: list[str]
    codes: np.ndarray
    t: np.ndarray
    e: np.ndarray


_CELLS = 2_000_000  # group × time cells per block: bounds memory to a few tens of MB


def _km_tables(spells: _Spells, *, z: float) -> pl.DataFrame:
    """KM tables of every group in one pass: a `group` code column plus _TABLE_COLUMNS.

    Counts go into a dense (group × distinct time) grid with one bincount, so every group's running
    sums are one cumulative sum along the time axis — no sorting per group, no Python loop over
    groups (only over blocks of groups when the grid would be huge). Empty cells add exactly 0, so
    each curve is bit-for-bit what a fit of that group alone gives. Greenwood's sum Σ d/(n(n−d))
    skips a time where everyone at risk leaves (n = d), as lifelines does; the band there is [0, 0]
    because the curve is exactly 0.
    """
    times, t_index = np.unique(spells.t, return_inverse=True)
    if times[0] != 0:  # every curve starts at t = 0 with everyone at risk
        times, t_index = np.concatenate(([0.0], times)), t_index + 1
    width, groups = times.size, len(spells.names)
    block = max(1, _CELLS // width)
    parts = []
    for first in range(0, groups, block):
        last = min(groups, first + block)
        rows = slice(None) if block >= groups else (spells.codes >= first) & (spells.codes < last)
        key = (spells.codes[rows] - first) * width + t_index[rows]
        shape = (last - first, width)
        removed = np.bincount(key, minlength=shape[0] * width).reshape(shape)
        events = np.bincount(key[spells.e[rows]], minlength=shape[0] * width).reshape(shape)
        keep = removed > 0
        keep[:, 0] = True
        at_risk = removed.sum(axis=1, keepdims=True) - (np.cumsum(removed, axis=1) - removed)
        n, d = at_risk[keep].astype(float), events[keep].astype(float)
        log_step, greenwood_step = np.zeros(shape), np.zeros(shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            log_step[keep] = np.log(n - d) - np.log(n)
            greenwood_step[keep] = np.where(n == d, 0.0, d / (n * (n - d)))
            v = np.cumsum(log_step, axis=1)[keep]
            # exp(−exp(log(−v) ∓ z·σ/v)) written as S^exp(∓z·σ/v): the same band, fewer logs.
            widen = np.exp(z * np.sqrt(np.cumsum(greenwood_step, axis=1)[keep]) / v)
            lower, upper = np.exp(v / widen), np.exp(v * widen)
        group, column = np.nonzero(keep)
        parts.append(pl.DataFrame({
            "group": group + first,
            "timeline": times[column],
            "at_risk": at_risk[keep],
            "events": events[keep],
            "censored": removed[keep] - events[keep],
            "survival": np.exp(v),
            "ci_lower": np.nan_to_num(lower, nan=1.0),
            "ci_upper": np.nan_to_num(upper, nan=1.0),
        }, schema_overrides={"group": pl.Int64, "at_risk": pl.Int64, "events": pl.Int64, "censored": pl.Int64}))
    return pl.concat(parts)


def _km_tables_sparse(spells: _Spells, *, z: float) -> pl.DataFrame:
    """`_km_tables` for many small groups (units at sector scale), where the dense group × time grid
    would be mostly empty: the same rows and numbers, from one sort of the (group, time) pairs.

    Running sums restart per group (`cum_sum().over`), adding exactly the values the dense grid
    adds minus its zeros, so the results are bit-for-bit those of `_km_tables`.
    """
    times, t_index = np.unique(spells.t, return_inverse=True)
    if times[0] != 0:
        times, t_index = np.concatenate(([0.0], times)), t_index + 1
    groups = len(spells.names)
    counts = pl.DataFrame({"group": np.concatenate((spells.codes, np.arange(groups))),
                           "column": np.concatenate((t_index, np.zeros(groups, dtype=np.int64))),
                           "event": np.concatenate((spells.e, np.zeros(groups, dtype=bool))),
                           "real": np.concatenate((np.ones(spells.t.size, dtype=bool), np.zeros(groups, dtype=bool)))})
    cells = counts.group_by("group", "column").agg(
        pl.col("real").sum().cast(pl.Int64).alias("removed"), pl.col("event").sum().cast(pl.Int64).alias("events")
    ).sort("group", "column")
    cells = cells.with_columns(at_risk=pl.col("removed").sum().over("group")
                               - (pl.col("removed").cum_sum().over("group") - pl.col("removed")))
    n, d = cells["at_risk"].to_numpy().astype(float), cells["events"].to_numpy().astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        steps = pl.DataFrame({"group": cells["group"], "log_step": np.log(n - d) - np.log(n),
                              "greenwood_step": np.where(n == d, 0.0, d / (n * (n - d)))})
        sums = steps.select(pl.col("log_step", "greenwood_step").cum_sum().over("group"))
        v, greenwood = sums["log_step"].to_numpy(), sums["greenwood_step"].to_numpy()
        widen = np.exp(z * np.sqrt(greenwood) / v)
        lower, upper = np.exp(v / widen), np.exp(v * widen)
    return pl.DataFrame({
        "group": cells["group"].cast(pl.Int64), "timeline": times[cells["column"].to_numpy()],
        "at_risk": cells["at_risk"], "events": cells["events"], "censored": cells["removed"] - cells["events"],
        "survival": np.exp(v), "ci_lower": np.nan_to_num(lower, nan=1.0), "ci_upper": np.nan_to_num(upper, nan=1.0),
    })


def _curves(spells: _Spells, *, z: float) -> dict[str, KaplanMeier]:
    """Fit every group and cut the result into one KaplanMeier per group name."""
    sparse = len(spells.names) * (np.unique(spells.t).size + 1) > 20 * max(spells.t.size, 1)
    tables = _km_tables_sparse(spells, z=z) if sparse else _km_tables(spells, z=z)
    bounds = np.searchsorted(tables["group"].to_numpy(), np.arange(len(spells.names) + 1))
    timeline, survival = tables["timeline"].to_numpy(), tables["survival"].to_numpy()
    at_risk, events = tables["at_risk"].to_numpy(), tables["events"].to_numpy()
    tables = tables.select(_TABLE_COLUMNS)
    curves = {}
    for i, name in enumerate(spells.names):
        first, last = int(bounds[i]), int(bounds[i + 1])
        reached = np.flatnonzero(survival[first:last] <= 0.5)  # lifelines' median: first S ≤ 1/2
        curves[name] = KaplanMeier(
            table=tables.slice(first, last - first),
            n=int(at_risk[first]),
            events=int(events[first:last].sum()),
            median_years=float(timeline[first + reached[0]]) if reached.size else None,
        )
    return curves


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


def _survival_input(durations: object, events: object) -> _Spells:
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
    return _Spells(names=["all"], codes=np.zeros(t.size, dtype=np.int64), t=t, e=e.astype(bool))


def kaplan_meier(*, durations: object, events: object, alpha: float = 0.05) -> KaplanMeier:
    """Kaplan–Meier estimate of durations (years) with events (true = the spell ended, false = censored)."""
    return _curves(_survival_input(durations, events), z=_z(alpha))["all"]


def _require(frame: object, columns: Sequence[str]) -> None:
    if not isinstance(frame, pl.DataFrame):
        raise ValueError(f"expected a Polars DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"frame lacks column(s) {', '.join(missing)}; it has {', '.join(frame.columns)}")


def _grouped_input(frame: pl.DataFrame, *, by: str | None, duration: str, event: str) -> _Spells:
    """Check the frame and encode its groups (missing → "onbekend"), in reading order (`categories.ordered`)."""
    _require(frame, [duration, event, *([by] if by is not None else [])])
    if frame.height == 0:
        raise ValueError("the frame has no rows: there is nothing to estimate")
    data = frame.select(
        _group_expr(by).alias("value"),
        pl.col(duration).cast(pl.Float64, strict=False).alias("t"),
        pl.col(event).cast(pl.Boolean, strict=False).alias("e"),
    )
    t = data["t"]
    if data["e"].null_count() or t.null_count() or not t.is_finite().all() or (t < 0).any():
        raise ValueError(f"{duration!r} must be finite numbers ≥ 0 and {event!r} true/false, with no missing values")
    names = ordered(data.select(pl.col("value").unique()), by=by or "all")["value"].to_list()
    codes = data["value"].cast(pl.Enum(names)).to_physical().cast(pl.Int64).to_numpy()
    return _Spells(names=names, codes=codes, t=t.to_numpy(), e=data["e"].to_numpy())


def _group_expr(by: str | None) -> pl.Expr:
    return pl.lit("all") if by is None else pl.col(by).cast(pl.String).fill_null(UNKNOWN)


def kaplan_meier_by(
    frame: pl.DataFrame, *, by: str, alpha: float = 0.05, duration: str = "duration_years", event: str = "event"
) -> dict[str, KaplanMeier]:
    """One Kaplan–Meier curve per value of column `by` (missing values form the group "onbekend").

    `frame` is typically `spell_durations` with a category column added; all curves come from one
    vectorised pass. Keys are in reading order (see `categories.ordered`).
    """
    z = _z(alpha)
    return _curves(_grouped_input(frame, by=by, duration=duration, event=event), z=z)


def retention_summary(
    frame: pl.DataFrame, *, by: str | None, duration: str = "duration_years", event: str = "event"
) -> pl.DataFrame:
    """Headline retention per category: by, value, n, events, population, median_years, survival_{1,2,5}y.

    n counts spells, population distinct persons (the figure `privacy.suppress` judges). A survival
    beyond the longest observed duration is null unless the curve already reached 0: the data say
    nothing about it, and carrying the last value forward would look like knowledge.
    """
    _require(frame, ["person_id"])
    curves = _curves(_grouped_input(frame, by=by, duration=duration, event=event), z=_z(0.05))
    label = "all" if by is None else by
    population = dict(
        frame.group_by(_group_expr(by).alias("value")).agg(pl.col("person_id").n_unique()).iter_rows()
    )
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


def reason_order(reasons: Sequence[str]) -> list[str]:
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
    a reason (empty or null) counts under "onbekend"; a reason on a censored row is ignored.
    """
    data = _survival_input(durations, events)
    raw = reasons.to_list() if isinstance(reasons, pl.Series) else list(np.asarray(reasons, dtype=object))
    if len(raw) != data.t.size:
        raise ValueError(f"durations has {data.t.size} values but reasons has {len(raw)}")
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
    t, e = data.t, data.e
    labels = np.array([r if r else UNKNOWN for r in raw], dtype=object)
    frames = []
    for reason in reason_order(sorted(set(labels[e].tolist()))):
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
