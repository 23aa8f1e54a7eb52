"""The faster matching (issue 18's benchmark) finds exactly the pairs the first version found.

The oracle is the first version's search, kept here only: every candidate row of the month sorted
by (month and stratum, logit, row) and the nearest looked up among all of them, and the naive
draw reading whole columns. The faster one searches only the cells that hold a participant and
gathers the drawn rows first; on a generated organisation both must agree row for row.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from levensfase.evaluation import matching
from levensfase.evaluation.evaluate import first_starts, window_start
from levensfase.evaluation.panel import panel
from levensfase.evaluation.propensity import design
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


@pytest.fixture(scope="module")
def organisation():
    workforce = Workforce.from_tables(generate(employees=600, years=4, seed=5, as_of=AS_OF))
    codes = sorted(set(workforce.arrangements.get_column("code").unique().to_list()))
    starts = [first_starts(workforce.arrangements, [c], as_of=AS_OF) for c in codes]
    frame = panel(workforce, snapshots=matching.months_of(pl.concat(starts)))
    return frame, design(frame), [s for s in starts if s.height]


def test_faster_matching_finds_the_same_pairs_as_the_full_pool_search(organisation, monkeypatch):
    frame, matrix, starts = organisation
    assert len(starts) >= 5
    fast = [matching.match(frame, matrix, s, seed=7, since=window_start(AS_OF)) for s in starts]
    monkeypatch.setattr(matching, "_nearest", _oracle_nearest)
    monkeypatch.setattr(matching, "_naive", _oracle_naive)
    slow = [matching.match(frame, matrix, s, seed=7, since=window_start(AS_OF)) for s in starts]
    assert sum(int(m.pairs.get_column("control_id").is_not_null().sum()) for m in fast) > 50
    for new, old in zip(fast, slow, strict=True):
        assert new.pairs.equals(old.pairs)
        assert np.array_equal(new.risk_rows, old.risk_rows) and new.caliper == old.caliper


def test_a_pool_without_any_participant_cell_matches_nobody_as_before(organisation):
    frame, _, starts = organisation
    _, treated, at_risk = matching._frames(frame, starts[0])
    treated = treated.head(3)
    elsewhere = at_risk.join(treated.select("month", "stratum"), on=["month", "stratum"], how="anti")
    assert elsewhere.height > 0
    logit = np.linspace(-1.0, 1.0, frame.height)
    found = matching._nearest(elsewhere, treated, logit, 5.0)
    assert found.get_column("control_id").null_count() == 3
    assert found.equals(_oracle_nearest(elsewhere, treated, logit, 5.0))
