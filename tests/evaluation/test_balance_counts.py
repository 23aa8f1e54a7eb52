"""The balance table reads the 0/1 columns' means over the candidates from counts per bit pattern
(`Design.ones_in`); it must give the very numbers that the mean of each gathered column gives."""

from __future__ import annotations

import numpy as np

from levensfase.evaluation import estimate
from levensfase.evaluation.estimate import balance
from levensfase.evaluation.propensity import Design


def _design(rng: np.random.Generator, n: int) -> Design:
    band = rng.integers(0, 5, n)
    wai = rng.integers(0, 3, n)
    dummies = np.column_stack([band == b for b in range(1, 5)] + [wai == w for w in range(1, 3)]).astype(float)
    numeric = np.column_stack([rng.integers(20, 67, n).astype(float), rng.choice([0.5, 0.8, 1.0], n)])
    names = tuple(f"d{i}" for i in range(6)) + ("age", "fte")
    return Design(names, np.asfortranarray(np.column_stack([dummies, numeric])), (True,) * 6 + (False,) * 2)


def _plain_balance(design, **rows):
    """The table as before: every column gathered and its mean taken."""
    table = []
    for j, binary in enumerate(design.binary):
        column = design.matrix[:, j]
        table.append((estimate.smd(column[rows["treated_all"]], column[rows["risk_rows"]], binary=binary),
                      estimate.smd(column[rows["matched_t"]], column[rows["matched_c"]], binary=binary)))
    return table


def test_counts_per_pattern_give_the_gathered_means_bit_for_bit():
    for seed in range(5):
        rng = np.random.default_rng(seed)
        design = _design(rng, 5_000)
        risk_rows = np.sort(rng.choice(5_000, size=int(rng.integers(1, 4_000)), replace=False))
        ones = design.ones_in(risk_rows)
        for j in range(6):
            assert ones[j] == int(design.matrix[risk_rows, j].sum())
            assert float(ones[j]) / risk_rows.size == float(design.matrix[risk_rows, j].mean())
        rows = {"treated_all": rng.choice(5_000, 300), "risk_rows": risk_rows, "matched_t": rng.choice(5_000, 200),
                "matched_c": rng.choice(5_000, 200)}
        table = balance(design, **rows)
        expected = _plain_balance(design, **rows)
        assert table.get_column("smd_before").to_list() == [b for b, _ in expected]
        assert table.get_column("smd_after").to_list() == [a for _, a in expected]


def test_no_candidates_leave_the_before_column_empty():
    design = _design(np.random.default_rng(1), 50)
    nobody = np.zeros(0, dtype=np.int64)
    table = balance(design, treated_all=np.arange(5), risk_rows=nobody, matched_t=nobody, matched_c=nobody)
    assert table.get_column("smd_before").null_count() == design.matrix.shape[1]


def test_the_variance_from_the_mean_already_taken_is_numpys_own_bit_for_bit():
    """`estimate.smd` hands numpy the mean it took (`var(mean=…)`) instead of summing again."""
    rng = np.random.default_rng(3)
    for n_t, n_c in ((2, 3), (301, 129_999), (1, 40_000)):
        treated, control = rng.lognormal(0, 1, n_t) * 3.7, rng.normal(0.3, 2.1, n_c) / 7
        mt, mc = float(treated.mean()), float(control.mean())
        vt = float(treated.var(ddof=1)) if n_t > 1 else 0.0
        expected = (mt - mc) / float(np.sqrt((vt + float(control.var(ddof=1))) / 2))
        assert estimate.smd(treated, control, binary=False) == expected


def test_the_candidates_spread_squared_in_one_buffer_is_numpys_var_bit_for_bit():
    """`estimate._numeric_smd` gathers the candidates' values into a buffer and squares their
    deviations there; it must give what `smd` on freshly gathered arrays gives, for sizes around
    numpy's pairwise-summation blocks (8, 128) and large, unrounded values."""
    rng = np.random.default_rng(11)
    column = rng.lognormal(0, 1.3, 300_000) * 7.1 - 2.3
    for n_rows in (1, 2, 7, 8, 9, 127, 128, 129, 1_000, 131_073, 299_999):
        rows = np.sort(rng.choice(column.size, n_rows, replace=False))
        treated = rng.choice(column.size, int(rng.integers(1, 500)))
        scratch = np.full(column.size, np.nan)
        got = estimate._numeric_smd(column, treated, rows, scratch)
        assert got == estimate.smd(column[treated], column[rows], binary=False)
    assert estimate._numeric_smd(column, np.zeros(0, dtype=np.int64), np.arange(5), np.empty(5)) is None
    assert estimate._numeric_smd(column, np.arange(5), np.zeros(0, dtype=np.int64), np.empty(0)) is None
