"""Risk-set matching (Li, Propert & Rosenbaum 2001; domain-facts §9a): a comparable person who had
not taken the arrangement up *on the day* a participant did.

For a participant starting on day d the candidates are the panel rows of d's month (the snapshot
on its first day) that are still employed on d, have not started the arrangement on or before d,
and share the participant's life phase, job family and tenure band. Among them the one nearest
on the logit of the propensity score is taken when it lies within the caliper of 0.2 standard
deviations of that logit (Austin 2011). Comparing with everyone who never took part would hand
the participants the time they had to survive to take part (immortal time, Suissa 2008).

Matching is 1:1 with replacement (a person may serve as comparison for several participants):
with thousands of candidates per participant re-use is rare, and it keeps matching a sorted search,
not a sequential greedy pass. A participant hired after the first of the month (not in that
snapshot) takes their covariates from the next month's snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from levensfase.evaluation.neighbours import near_places
from levensfase.evaluation.panel import STRATA
from levensfase.evaluation.propensity import Design, fit_logistic
from levensfase.evaluation.risk_index import (
    NEVER, GroupRisk, PanelIndex, at_risk_before, cell_rows, group_risk, index_panel, present_cells,
)

__all__ = ["CALIPER_SD", "Matched", "match", "months_of", "pair_up", "risk_sets"]

CALIPER_SD = 0.2
_NEIGHBOURS = 4  # candidates looked at on each side of the nearest logit (some may be ineligible on d)
_NAIVE_DRAWS = 8
_FIT_CONTROLS = 20  # non-participant rows kept per participant when fitting (case-control sampling) …
_FIT_MAX_ROWS = 200_000  # … and at most this many rows in all: the slopes stay consistent, the fit stays fast


@dataclass(frozen=True)
class Matched:
    """Pairs: treated_id, control_id, naive_id, start, t_row, c_row, n_row (panel row numbers), and
    control_start / naive_start (the day that person took it up later, or null). `risk_rows`: panel
    rows of all candidates (for balance before matching). `n_treated`: participants with a panel row."""

    pairs: pl.DataFrame
    n_treated: int
    risk_rows: np.ndarray
    caliper: float
    coefficients: np.ndarray


def match(panel: pl.DataFrame, design: Design, starts: pl.DataFrame, *, seed: int = 0,
          since: date | None = None, index: PanelIndex | None = None) -> Matched:
    """Match each participant (starts: person_id, start — their first start) to one candidate.
    With `since`, only participants who started on or after it are matched; earlier ones are
    participants already and never candidates. `index`: `index_panel(panel)` when already built
    (evaluating many groups on one panel)."""
    rng = np.random.default_rng(seed)
    index = index_panel(panel) if index is None else index
    risk = group_risk(index, starts, since=since)
    risk_rows, t_rows = risk.untreated, risk.treated
    fit_t = t_rows if t_rows.size <= _FIT_MAX_ROWS // 4 else np.sort(rng.choice(t_rows, _FIT_MAX_ROWS // 4, replace=False))
    wanted = min(_FIT_CONTROLS * max(fit_t.size, 400), _FIT_MAX_ROWS - fit_t.size)
    fit_rows = risk_rows if risk_rows.size <= wanted else np.sort(rng.choice(risk_rows, wanted, replace=False))
    x = np.vstack([design.matrix[fit_t], design.matrix[fit_rows]])
    y = np.concatenate([np.ones(fit_t.size), np.zeros(fit_rows.size)])
    beta = fit_logistic(x, y) if t_rows.size else np.zeros(design.matrix.shape[1] + 1)
    logit = design.matrix @ beta[1:]
    logit += beta[0]  # (= beta[0] + matrix @ slopes, without another array of every row)
    pooled = np.empty(t_rows.size + risk_rows.size)  # the participants' logits, then the candidates'
    # (mode "clip": the rows are valid; with the default "raise" and `out`, numpy gathers into a
    # buffer first and checks every index — 20 × slower on 10 million rows)
    np.take(logit, t_rows, out=pooled[:t_rows.size], mode="clip")
    np.take(logit, risk_rows, out=pooled[t_rows.size:], mode="clip")
    caliper = CALIPER_SD * float(pooled.std(ddof=1)) if pooled.size > 1 else 0.0
    pairs = _naive(_nearest(index, risk, logit, caliper), index, risk, rng)
    return Matched(pairs=pairs, n_treated=t_rows.size, risk_rows=risk_rows, caliper=caliper, coefficients=beta)


def pair_up(panel: pl.DataFrame, starts: pl.DataFrame, *, logit: np.ndarray, caliper: float) -> pl.DataFrame:
    """The matching step alone, on given logits (one per panel row): treated_id, start, control_id, …"""
    index = index_panel(panel)
    return _nearest(index, group_risk(index, starts), np.asarray(logit, dtype=float), caliper)


def risk_sets(panel: pl.DataFrame, starts: pl.DataFrame) -> pl.DataFrame:
    """treated_id, candidate_id: every candidate of every participant, before the propensity score
    (the definition, written as a plain join: the matching's sorted search must agree with it)."""
    _, treated, at_risk = _frames(panel, starts)
    pool = at_risk.select("person_id", "month", *STRATA, c_start="start", c_end="spell_end")
    return treated.join(pool, on=["month", *STRATA], suffix="_c").filter(
        (pl.col("person_id_c") != pl.col("person_id"))
        & (pl.col("c_start").is_null() | (pl.col("c_start") > pl.col("start")))
        & (pl.col("c_end").is_null() | (pl.col("c_end") >= pl.col("start")))).select(
        treated_id="person_id", candidate_id="person_id_c").sort("treated_id", "candidate_id")


def _frames(panel: pl.DataFrame, starts: pl.DataFrame, *, since: date | None = None
            ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(panel with row numbers and each person's start; one row per participant; rows still at risk
    on their snapshot day)."""
    new = starts if since is None else starts.filter(pl.col("start") >= since)
    needed = months_of(new)  # only the risk sets of participants' months (and the month after) matter
    # only the columns the matching reads: a filter copies every column it keeps (most of the time)
    narrow = panel.with_row_index("row").select("row", "person_id", "snapshot", "stratum", *STRATA, "spell_end")
    rows = narrow.filter(pl.col("snapshot").is_in(needed)).join(
        starts, on="person_id", how="left").with_columns(month=pl.col("snapshot"))
    at_risk = rows.filter(pl.col("start").is_null() | (pl.col("start") >= pl.col("snapshot")))
    return rows, _treated_rows(rows, new), at_risk


def _treated_rows(rows: pl.DataFrame, starts: pl.DataFrame) -> pl.DataFrame:
    """One row per participant: the snapshot of their start month, else the next month's."""
    month = pl.col("start").dt.month_start()
    same = rows.filter(pl.col("snapshot") == month)
    later = rows.filter(pl.col("snapshot") == month.dt.offset_by("1mo")).join(
        same.select("person_id"), on="person_id", how="anti")
    return pl.concat([same, later]).with_columns(month=month).select(
        "row", "person_id", "start", "month", "stratum", *STRATA).sort("start", "person_id")


def _nearest(index: PanelIndex, risk: GroupRisk, logit: np.ndarray, caliper: float) -> pl.DataFrame:
    # one integer per (month, stratum): the panel's row order is (snapshot, person_id), so sorting
    # the pool by (key, logit, row) breaks a tie in the logit by person id
    # (the key numbers every (month, stratum) of pool and participants alike, as before: the score's
    # rounding depends on them; only cells with a participant are searched, the others never match)
    # (the cells are read through the index's rows by cell: only those of the participants' cells)
    pool_rows, t_rows = risk.at_risk, risk.treated
    t_raw = risk.t_month * 1_000_000 + index.stratum[t_rows]
    cells = np.unique(np.concatenate([index.cells[present_cells(index, risk)], t_raw]))
    searched, searched_cell = cell_rows(index, risk, t_raw)
    if searched.size == 0 and pool_rows.size:  # one row of another cell: nobody matched, the usual columns
        searched, searched_cell = pool_rows[:1], index.cell[pool_rows[:1]]
    p_key = np.searchsorted(cells, index.cells)[searched_cell].astype(np.int64, copy=False)
    t_key = np.searchsorted(cells, t_raw).astype(np.int64)
    t_score = np.clip(logit[t_rows], -60, 60) + t_key * 200.0
    p_score = np.clip(logit[searched], -60, 60) + p_key * 200.0
    near = near_places(p_key, p_score, t_key, t_score, sides=_NEIGHBOURS)
    if near is None:  # a score not finite: the caliper's filter, which keeps the usual order
        searched, p_key = _within_caliper(searched, p_key, p_score, t_score, t_key, caliper)
    else:  # only the rows some participant's search can reach are sorted; none near: one row, as before
        near = near if near.size else np.argmin(searched, keepdims=True)
        searched, p_key = searched[near], p_key[near]
    order = _by_key_logit_row(searched, logit[searched], p_key)
    pool = searched[order]
    key = p_key[order]
    score = np.clip(logit[pool], -60, 60) + key * 200.0
    where = np.searchsorted(score, t_score)
    offsets = np.arange(-_NEIGHBOURS, _NEIGHBOURS)
    idx = np.clip(where[:, None] + offsets[None, :], 0, max(score.size - 1, 0))
    t_person = index.person[t_rows]
    if score.size == 0:
        return _empty_pairs(index, risk)
    start = risk.t_start
    c_person = index.person[pool]
    c_start = risk.start_of[c_person]
    c_end = index.spell_end[pool]
    distance = np.abs(score[idx] - t_score[:, None])
    ok = (key[idx] == t_key[:, None]) & (c_person[idx] != t_person[:, None]) & (distance <= caliper)
    ok &= (c_start[idx] > start[:, None]) & (c_end[idx] >= start[:, None])
    distance = np.where(ok, distance, np.inf)
    best = np.argmin(distance, axis=1)
    chosen = idx[np.arange(idx.shape[0]), best]
    found = np.isfinite(distance[np.arange(idx.shape[0]), best])
    ids = index.ids
    return pl.DataFrame({
        "treated_id": pl.Series(ids[t_person], dtype=pl.String), "start": _dates(start), "month": _dates(risk.t_month),
        "t_row": t_rows.astype(np.uint32),
        "control_id": _masked(ids[c_person[chosen]], found),
        "c_row": np.where(found, pool[chosen].astype(np.uint32), -1),  # the row index type; unmatched: 2³²−1 as before
        "control_start": _dates(np.where(found, c_start[chosen], _NEVER)),
    })


def _by_key_logit_row(rows: np.ndarray, logit: np.ndarray, key: np.ndarray) -> np.ndarray:
    """`np.lexsort((rows, logit, key))` for rows that come cell after cell (key not decreasing) and
    increasing within a cell, as `cell_rows` gives them: a stable sort on the logit, then a stable
    sort on the key (a radix sort when it fits 16 bits) keep equal logits of a cell in row order."""
    by_logit = np.argsort(logit, kind="stable")
    key = key[by_logit]
    return by_logit[np.argsort(key.astype(np.uint16) if key.size and key.max() < 1 << 16 else key, kind="stable")]


def _within_caliper(rows: np.ndarray, key: np.ndarray, score: np.ndarray, t_score: np.ndarray, t_key: np.ndarray,
                    caliper: float) -> tuple[np.ndarray, np.ndarray]:
    """Only the pool rows that can lie within the caliper of a participant of their own cell (key),
    so that only those are sorted: the rows whose score lies within the caliper of the range of
    their cell's participants' scores, with a margin against rounding (scores stay below 10⁹, so
    10⁻⁶ covers it); two comparisons per row instead of a search among all participants. The same pairs: a participant takes the nearest eligible
    row of its cell within the caliper among the _NEIGHBOURS rows on each side of its place in the
    sorted pool; the rows within its caliper lie next to that place on either side, all of them
    stay, and a row dropped lies farther out than every row kept on that side, so each side's first
    rows within the caliper are the same, in the same order (tests/evaluation/
    test_matching_same_pairs.py checks it against the full sort). Keeps one row when none is near
    (nobody matched, the usual columns)."""
    if rows.size == 0 or t_score.size == 0:
        return rows, key
    cells = int(max(key.max(), t_key.max())) + 1
    low, high = np.full(cells, np.inf), np.full(cells, -np.inf)
    np.minimum.at(low, t_key, t_score)
    np.maximum.at(high, t_key, t_score)
    margin = caliper * (1 + 1e-9) + 1e-6
    near = np.flatnonzero((score >= low[key] - margin) & (score <= high[key] + margin))
    near = near if near.size else np.argmin(rows, keepdims=True)  # the first row, as in row order
    return rows[near], key[near]


def _empty_pairs(index: PanelIndex, risk: GroupRisk) -> pl.DataFrame:
    n = risk.treated.size
    return pl.DataFrame({"treated_id": pl.Series(index.ids[index.person[risk.treated]], dtype=pl.String),
                         "start": _dates(risk.t_start), "month": _dates(risk.t_month),
                         "t_row": pl.Series(risk.treated, dtype=pl.Int64),
                         "control_id": pl.Series([None] * n, dtype=pl.String),
                         "c_row": pl.Series([-1] * n, dtype=pl.Int64),
                         "control_start": pl.Series([None] * n, dtype=pl.Date)})


_NEVER = NEVER


def _days(series: pl.Series) -> np.ndarray:
    """Dates as day numbers (1970-01-01 = 0), an empty date as _NEVER."""
    return series.cast(pl.Int64).fill_null(_NEVER).to_numpy()


def _masked(values: np.ndarray, found: np.ndarray) -> pl.Series:
    """Person ids where found, else empty."""
    series = pl.Series(values.astype(str) if values.size else np.zeros(0, dtype=str), dtype=pl.String)
    return pl.select(pl.when(pl.Series(found, dtype=pl.Boolean)).then(series)).to_series()


def _dates(days: np.ndarray) -> pl.Series:
    series = pl.Series(np.asarray(days, dtype=np.int64))
    return pl.select(pl.when(series < _NEVER).then(series)).to_series().cast(pl.Date)


def _naive(pairs: pl.DataFrame, index: PanelIndex, risk: GroupRisk, rng: np.random.Generator) -> pl.DataFrame:
    """The naive comparison: anyone at risk on the same day, drawn at random — no matching on who.
    The pool is the rows at risk in panel order, which is (month, person_id)."""
    pool = risk.at_risk
    t_month = risk.t_month
    lo, hi = at_risk_before(index, risk, t_month, side="left"), at_risk_before(index, risk, t_month, side="right")
    size = hi - lo
    draws = lo[:, None] + (rng.random((t_month.size, _NAIVE_DRAWS)) * np.maximum(size, 1)[:, None]).astype(np.int64)
    draws = np.clip(draws, 0, max(pool.size - 1, 0))
    if pool.size == 0:
        return pairs.with_columns(naive_id=pl.lit(None, dtype=pl.String), n_row=pl.lit(-1, dtype=pl.Int64),
                                  naive_start=pl.lit(None, dtype=pl.Date))
    start = risk.t_start[:, None]
    drawn = pool[draws]
    person = index.person[drawn]
    c_start = risk.start_of[person]
    ok = (size[:, None] > 0) & (person != index.person[risk.treated][:, None])
    ok &= (c_start > start) & (index.spell_end[drawn] >= start)
    first = np.argmax(ok, axis=1)
    found = ok[np.arange(ok.shape[0]), first]
    at = (np.arange(ok.shape[0]), first)
    return pairs.with_columns(
        naive_id=_masked(index.ids[person[at]], found),
        n_row=pl.Series(np.where(found, drawn[at], -1), dtype=pl.Int64),
        naive_start=_dates(np.where(found, c_start[at], _NEVER)))


def months_of(starts: pl.DataFrame) -> list[date]:
    """Snapshot days the starts need: each start's month and the month after."""
    month = starts.get_column("start").dt.month_start()
    return sorted(set(month.to_list()) | set(month.dt.offset_by("1mo").to_list()))
