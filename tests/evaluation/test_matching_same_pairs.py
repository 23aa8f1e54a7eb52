"""The faster matching (issue 18's benchmark) finds exactly the pairs the first version found.

The oracle is the first version, kept here only: the risk sets as Polars frames per group
(`matching._frames`, a join of the whole panel with the starts), every candidate row of the month
sorted by (month and stratum, logit, row) and the nearest looked up among all of them, and the
naive draw reading whole columns. The faster one builds integer arrays of the panel once
(`risk_index`), searches only the cells that hold a participant and gathers the drawn rows first;
on a generated organisation both must agree row for row, and so must the propensity fit's sample.
The oracle fits the propensity on the full matrix as the first version did; ours from sums per
pattern (`propensity._Sums`): coefficients equal up to rounding (1e-9), pairs exactly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import polars as pl
import pytest

from levensfase.evaluation import matching
from levensfase.evaluation.evaluate import first_starts, window_start
from levensfase.evaluation.panel import panel
from levensfase.evaluation.propensity import design
from levensfase.evaluation.risk_index import group_risk, index_panel
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2025, 12, 31)


def _oracle_nearest(at_risk, treated, logit, caliper):
    p_raw = matching._days(at_risk.get_column("month")) * 1_000_000 + at_risk.get_column("stratum").to_numpy()
    t_raw = matching._days(treated.get_column("month")) * 1_000_000 + treated.get_column("stratum").to_numpy()
    _, dense = np.unique(np.concatenate([p_raw, t_raw]), return_inverse=True)
    p_rows = at_risk.get_column("row").to_numpy()
    order = np.lexsort((p_rows, logit[p_rows], dense[:p_raw.size]))
    pool = at_risk.select("row", "person_id", "start", "spell_end")[order]
    key = dense[:p_raw.size][order].astype(np.int64)
    score = np.clip(logit[p_rows[order]], -60, 60) + key * 200.0
    t_key = dense[p_raw.size:].astype(np.int64)
    t_score = np.clip(logit[treated.get_column("row").to_numpy()], -60, 60) + t_key * 200.0
    idx = np.clip(np.searchsorted(score, t_score)[:, None] + np.arange(-4, 4)[None, :], 0, max(score.size - 1, 0))
    start = matching._days(treated.get_column("start"))
    c_start, c_end = matching._days(pool.get_column("start")), matching._days(pool.get_column("spell_end"))
    c_person, t_person = pool.get_column("person_id").to_numpy(), treated.get_column("person_id").to_numpy()
    distance = np.abs(score[idx] - t_score[:, None])
    ok = (key[idx] == t_key[:, None]) & (c_person[idx] != t_person[:, None]) & (distance <= caliper)
    ok &= (c_start[idx] > start[:, None]) & (c_end[idx] >= start[:, None])
    distance = np.where(ok, distance, np.inf)
    best = np.argmin(distance, axis=1)
    chosen = idx[np.arange(idx.shape[0]), best]
    found = np.isfinite(distance[np.arange(idx.shape[0]), best])
    return pl.DataFrame({
        "treated_id": t_person, "start": treated.get_column("start"), "month": treated.get_column("month"),
        "t_row": treated.get_column("row").to_numpy(), "control_id": matching._masked(c_person[chosen], found),
        "c_row": np.where(found, pool.get_column("row").to_numpy()[chosen], -1),
        "control_start": matching._dates(np.where(found, c_start[chosen], matching._NEVER)),
    }, schema_overrides={"start": pl.Date, "month": pl.Date, "control_id": pl.String})


def _oracle_naive(pairs, at_risk, rng):
    pool = at_risk.select("row", "person_id", "start", "spell_end", "month").sort("month", "person_id")
    months = pool.get_column("month").cast(pl.Int64).to_numpy()
    t_month = pairs.get_column("month").cast(pl.Int64).to_numpy()
    lo, hi = np.searchsorted(months, t_month, side="left"), np.searchsorted(months, t_month, side="right")
    size = hi - lo
    draws = lo[:, None] + (rng.random((t_month.size, 8)) * np.maximum(size, 1)[:, None]).astype(np.int64)
    draws = np.clip(draws, 0, max(pool.height - 1, 0))
    start = matching._days(pairs.get_column("start"))[:, None]
    person = pool.get_column("person_id").to_numpy()
    ok = (size[:, None] > 0) & (person[draws] != pairs.get_column("treated_id").to_numpy()[:, None])
    ok &= (matching._days(pool.get_column("start"))[draws] > start)
    ok &= matching._days(pool.get_column("spell_end"))[draws] >= start
    first = np.argmax(ok, axis=1)
    found = ok[np.arange(ok.shape[0]), first]
    chosen = draws[np.arange(ok.shape[0]), first]
    return pairs.with_columns(
        naive_id=matching._masked(person[chosen], found),
        n_row=pl.Series(np.where(found, pool.get_column("row").to_numpy()[chosen], -1), dtype=pl.Int64),
        naive_start=matching._dates(np.where(found, matching._days(pool.get_column("start"))[chosen], matching._NEVER)))


def _oracle_fit(x, y, ridge=1e-4, max_iter=50, tolerance=1e-10):
    """The first version's propensity fit: Newton steps on the full standardised matrix."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    z = np.column_stack([np.ones(x.shape[0]), (x - mean) / scale])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], ridge * max(x.shape[0], 1))
    penalty[0] = 0.0
    for _ in range(max_iter):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-12 * np.eye(z.shape[1]), z.T @ (y - p) - penalty * beta)
        beta = beta + step
        if np.max(np.abs(step)) < tolerance:
            break
    slopes = beta[1:] / scale
    return np.concatenate([[beta[0] - float(slopes @ mean)], slopes])


def _oracle_match(panel, design, starts, *, seed, since):
    """The first version of `matching.match`, on Polars frames."""
    rng = np.random.default_rng(seed)
    _, treated, at_risk = matching._frames(panel, starts, since=since)
    untreated = at_risk.filter(pl.col("start").is_null() | (pl.col("start") >= pl.col("snapshot").dt.offset_by("1mo")))
    risk_rows = untreated.get_column("row").to_numpy()
    t_rows = treated.get_column("row").to_numpy()
    fit_t = t_rows if t_rows.size <= 50_000 else np.sort(rng.choice(t_rows, 50_000, replace=False))
    wanted = min(20 * max(fit_t.size, 400), 200_000 - fit_t.size)
    fit_rows = risk_rows if risk_rows.size <= wanted else np.sort(rng.choice(risk_rows, wanted, replace=False))
    x = np.vstack([design.matrix[fit_t], design.matrix[fit_rows]])
    y = np.concatenate([np.ones(fit_t.size), np.zeros(fit_rows.size)])
    beta = _oracle_fit(x, y) if t_rows.size else np.zeros(design.matrix.shape[1] + 1)
    logit = beta[0] + design.matrix @ beta[1:]
    pooled = logit[np.concatenate([t_rows, risk_rows])]
    caliper = 0.2 * float(pooled.std(ddof=1)) if pooled.size > 1 else 0.0
    pairs = _oracle_naive(_oracle_nearest(at_risk, treated, logit, caliper), at_risk, rng)
    return matching.Matched(pairs=pairs, n_treated=treated.height, risk_rows=risk_rows, caliper=caliper,
                            coefficients=beta)


@pytest.fixture(scope="module")
def organisation():
    workforce = Workforce.from_tables(generate(employees=600, years=4, seed=5, as_of=AS_OF))
    codes = sorted(set(workforce.arrangements.get_column("code").unique().to_list()))
    starts = [first_starts(workforce.arrangements, [c], as_of=AS_OF) for c in codes]
    frame = panel(workforce, snapshots=matching.months_of(pl.concat(starts)))
    return frame, design(frame), [s for s in starts if s.height]


def test_faster_matching_finds_the_same_pairs_as_the_full_pool_search(organisation):
    frame, matrix, starts = organisation
    assert len(starts) >= 5
    index = index_panel(frame)
    fast = [matching.match(frame, matrix, s, seed=7, since=window_start(AS_OF), index=index) for s in starts]
    slow = [_oracle_match(frame, matrix, s, seed=7, since=window_start(AS_OF)) for s in starts]
    assert sum(int(m.pairs.get_column("control_id").is_not_null().sum()) for m in fast) > 50
    for new, old in zip(fast, slow, strict=True):
        assert new.pairs.equals(old.pairs)
        assert np.array_equal(new.risk_rows, old.risk_rows) and new.n_treated == old.n_treated
        # the fit from sums per pattern: the same coefficients up to rounding, and the same pairs
        assert np.max(np.abs(new.coefficients - old.coefficients)) < 1e-9
        assert new.caliper == pytest.approx(old.caliper, rel=1e-12)


def test_since_counts_earlier_participants_as_participants_never_candidates(organisation):
    frame, matrix, starts = organisation
    since = date(2024, 6, 1)  # inside the four generated years: some participants started before
    earlier = [s for s in starts if s.filter(pl.col("start") < since).height and s.filter(pl.col("start") >= since).height]
    assert earlier
    for s in earlier[:3]:
        new, old = matching.match(frame, matrix, s, seed=3, since=since), _oracle_match(frame, matrix, s, seed=3, since=since)
        assert new.pairs.equals(old.pairs) and np.array_equal(new.risk_rows, old.risk_rows)


def test_a_pool_without_any_participant_cell_matches_nobody_as_before(organisation):
    frame, _, starts = organisation
    _, treated, at_risk = matching._frames(frame, starts[0])
    treated = treated.head(3)
    elsewhere = at_risk.join(treated.select("month", "stratum"), on=["month", "stratum"], how="anti")
    assert elsewhere.height > 0
    logit = np.linspace(-1.0, 1.0, frame.height)
    index = index_panel(frame)
    risk = group_risk(index, starts[0])
    pool = np.sort(elsewhere.get_column("row").to_numpy().astype(np.int64))
    mask = np.zeros(frame.height, dtype=bool)
    mask[pool] = True
    three = replace(risk, treated=risk.treated[:3], t_start=risk.t_start[:3], t_month=risk.t_month[:3],
                    at_risk=pool, at_risk_mask=mask)
    found = matching._nearest(index, three, logit, 5.0)
    assert found.get_column("control_id").null_count() == 3
    assert found.equals(_oracle_nearest(elsewhere, treated, logit, 5.0))


def test_the_risk_index_rows_are_the_polars_risk_sets(organisation):
    frame, _, starts = organisation
    index = index_panel(frame)
    for s in starts:
        for since in (None, date(2024, 6, 1)):
            _, treated, at_risk = matching._frames(frame, s, since=since)
            risk = group_risk(index, s, since=since)
            assert np.array_equal(risk.at_risk, np.sort(at_risk.get_column("row").to_numpy()))
            assert np.array_equal(risk.treated, treated.get_column("row").to_numpy())
            assert np.array_equal(risk.t_start, matching._days(treated.get_column("start")))
            assert np.array_equal(risk.t_month, matching._days(treated.get_column("month")))


def test_the_risk_index_refuses_a_panel_out_of_order(organisation):
    frame, _, _ = organisation
    with pytest.raises(ValueError, match="sorted by snapshot and person_id"):
        index_panel(frame.reverse())
