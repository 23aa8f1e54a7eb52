"""The risk index's rows by (month, stratum) cell give what a pass over every at-risk row gives.

`matching._nearest` reads only the cells that hold a participant (`risk_index.cell_rows`) and
tells which cells hold any at-risk row from their first rows (`risk_index.present_cells`); here
both are compared with the plain definitions on small random panels, including cells whose first
rows are all out of the risk set (persons who started before) and months that are not needed.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from levensfase.evaluation.risk_index import cell_rows, group_risk, index_panel, present_cells, spans


def _random_panel(rng: np.random.Generator, persons: int, months: int, strata: int) -> pl.DataFrame:
    days = [date(2020 + m // 12, m % 12 + 1, 1) for m in range(months)]
    rows = [(f"p{p:03d}", day, int(rng.integers(strata))) for day in days for p in range(persons)
            if rng.random() < 0.8]
    return pl.DataFrame(rows, schema={"person_id": pl.String, "snapshot": pl.Date, "stratum": pl.Int64},
                        orient="row").with_columns(spell_end=pl.lit(None, dtype=pl.Date)).sort("snapshot", "person_id")


def _drawn(seed: int, persons: tuple[int, int], months: tuple[int, int], strata: tuple[int, int]):
    """(rng, panel, its index) of a random size within the given ranges."""
    rng = np.random.default_rng(seed)
    frame = _random_panel(rng, persons=int(rng.integers(*persons)), months=int(rng.integers(*months)),
                          strata=int(rng.integers(*strata)))
    return rng, frame, index_panel(frame)


@pytest.mark.parametrize("seed", range(6))
def test_cells_read_through_the_index_equal_a_pass_over_every_at_risk_row(seed):
    rng, frame, index = _drawn(seed, (5, 60), (2, 14), (1, 4))
    ids = index.ids
    # many early starters, so that whole cells (and the first rows of others) are out of the risk set
    chosen = rng.choice(ids.size, size=int(rng.integers(1, ids.size + 1)), replace=False)
    starts = pl.DataFrame({"person_id": ids[chosen], "start": [
        date(2020 + int(rng.integers(0, 2)), int(rng.integers(1, 13)), int(rng.integers(1, 29))) for _ in chosen]},
        schema={"person_id": pl.String, "start": pl.Date})
    for since in (None, date(2020, 7, 1)):
        risk = group_risk(index, starts, since=since)
        expected_present = np.unique(index.cell[risk.at_risk])
        assert np.array_equal(present_cells(index, risk), expected_present)
        raw = index.cells[rng.choice(index.cells.size, size=min(4, index.cells.size), replace=False)]
        raw = np.concatenate([raw, [raw[0] + 999]])  # a cell the panel does not have
        rows, cell = cell_rows(index, risk, raw)
        wanted = risk.at_risk[np.isin(index.cells[index.cell[risk.at_risk]], raw)]
        assert np.array_equal(np.sort(rows), wanted)
        assert np.array_equal(cell, index.cell[rows])
        assert np.all(np.diff(cell) >= 0)


def test_a_cell_whose_first_rows_all_started_before_is_present_by_its_later_rows():
    # one month, one stratum: p00…p09; p00…p08 started before the month, p09 has not
    frame = pl.DataFrame({"person_id": [f"p{p:02d}" for p in range(10)], "snapshot": [date(2021, 3, 1)] * 10,
                          "stratum": [0] * 10, "spell_end": [None] * 10},
                         schema={"person_id": pl.String, "snapshot": pl.Date, "stratum": pl.Int64, "spell_end": pl.Date})
    index = index_panel(frame)
    early = pl.DataFrame({"person_id": [f"p{p:02d}" for p in range(9)], "start": [date(2021, 2, 1)] * 9})
    starts = early.vstack(pl.DataFrame({"person_id": ["p09"], "start": [date(2021, 3, 15)]}))
    risk = group_risk(index, starts, since=date(2021, 3, 1))
    assert risk.at_risk.tolist() == [9]
    assert present_cells(index, risk).tolist() == [0]
    assert cell_rows(index, risk, index.cells)[0].tolist() == [9]
    everyone = early.vstack(pl.DataFrame({"person_id": ["p09"], "start": [date(2021, 2, 20)]}))
    gone = group_risk(index, everyone.vstack(pl.DataFrame({"person_id": ["p10"], "start": [date(2021, 3, 2)]})),
                      since=date(2021, 3, 1))  # p10 has no row: the month is needed, its one cell empty
    assert gone.at_risk.size == 0 and present_cells(index, gone).size == 0


def test_spans_lists_each_range_in_turn():
    assert spans(np.array([3, 10, 7]), np.array([5, 10, 9])).tolist() == [3, 4, 7, 8]
    assert spans(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)).size == 0


@pytest.mark.parametrize("seed", range(4))
def test_the_index_numbers_persons_months_and_cells_as_sorting_would(seed):
    _, frame, index = _drawn(seed, (1, 40), (1, 10), (1, 6))
    snapshot = frame.get_column("snapshot").cast(pl.Int64).to_numpy()
    months, month = np.unique(snapshot, return_inverse=True)
    cells, cell = np.unique(snapshot * 1_000_000 + frame.get_column("stratum").to_numpy(), return_inverse=True)
    assert np.array_equal(index.person, frame.get_column("person_id").rank("dense").cast(pl.Int64).to_numpy() - 1)
    assert np.array_equal(index.months, months) and np.array_equal(index.month, month.ravel())
    assert np.array_equal(index.cells, cells) and np.array_equal(index.cell, cell.ravel())
    assert np.array_equal(index.by_cell, np.argsort(cell.ravel(), kind="stable"))


def test_the_pool_order_is_the_three_key_lexsort_for_rows_in_cell_order():
    from levensfase.evaluation.matching import _by_key_logit_row
    rng = np.random.default_rng(2)
    for big in (False, True):
        key = np.sort(rng.integers(0, 70_000 if big else 30, 2_000))
        rows = np.lexsort((rng.permutation(2_000), key))  # increasing within a key, as cell_rows gives them
        rows = np.concatenate([np.sort(rows[key == k]) for k in np.unique(key)])
        logit = rng.choice([-1.5, 0.0, 0.25, 2.0], 2_000) + (rng.random(2_000) < 0.5) * rng.normal(size=2_000)
        assert np.array_equal(_by_key_logit_row(rows, logit, key), np.lexsort((rows, logit, key)))


@pytest.mark.parametrize("seed", range(4))
def test_at_risk_rows_before_a_day_counted_per_month_are_the_sorted_search(seed):
    from levensfase.evaluation.risk_index import at_risk_before
    rng = np.random.default_rng(seed)
    frame = _random_panel(rng, persons=30, months=8, strata=2)
    index = index_panel(frame)
    starts = pl.DataFrame({"person_id": index.ids[:12], "start": [date(2020, int(m), 10) for m in rng.integers(1, 9, 12)]})
    risk = group_risk(index, starts, since=date(2020, 3, 1))
    days = np.concatenate([index.months, index.months + 3, [index.months[0] - 40, index.months[-1] + 40]])
    months = index.snapshot[risk.at_risk]
    for side in ("left", "right"):
        assert np.array_equal(at_risk_before(index, risk, days, side=side), np.searchsorted(months, days, side=side))


def test_the_caliper_filter_keeps_every_row_within_the_caliper_of_its_cells_participants():
    from levensfase.evaluation.matching import _within_caliper
    rng = np.random.default_rng(4)
    for caliper in (0.0, 0.05, 0.3):
        key = np.sort(rng.integers(0, 40, 5_000))
        score = np.round(rng.uniform(-3, 3, key.size), 2) + key * 200.0  # ties at the caliper's edge
        t_key = rng.integers(0, 40, 300)
        t_score = np.round(rng.uniform(-3, 3, t_key.size), 2) + t_key * 200.0
        rows = np.arange(key.size)
        kept, kept_key = _within_caliper(rows, key, score, t_score, t_key, caliper)
        near = [r for r in rows if np.any((t_key == key[r]) & (np.abs(score[r] - t_score) <= caliper))]
        assert set(near) <= set(kept.tolist()) and np.array_equal(kept_key, key[kept])
    far = _within_caliper(rows[5:], key[5:], score[5:] + 100.0, t_score, t_key, 0.1)  # nobody near: one row stays
    assert far[0].tolist() == [5]
