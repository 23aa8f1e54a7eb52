"""The sparse Kaplan–Meier pass (many small groups, e.g. units at sector scale) equals the dense one bit for bit."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from levensfase.analytics import retention


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sparse_equals_dense(seed):
    rng = np.random.default_rng(seed)
    size = 3_000
    frame = pl.DataFrame({
        "unit": [f"U{c:03d}" for c in rng.integers(0, 400, size)],  # many groups of a few spells each
        "duration_years": np.ceil(rng.exponential(900, size)) / 365.25,
        "event": rng.random(size) < 0.6,
    })
    spells = retention._grouped_input(frame, by="unit", duration="duration_years", event="event")
    z = retention._z(0.05)
    assert_frame_equal(retention._km_tables_sparse(spells, z=z), retention._km_tables(spells, z=z), check_exact=True)


def test_kaplan_meier_by_picks_sparse_for_many_groups_and_matches_a_single_fit():
    frame = pl.DataFrame({"unit": ["a", "a", "a", "b", "c", "c"] + [f"x{i}" for i in range(60)],
                          "duration_years": [1.0, 2.0, 3.0, 0.5, 1.5, 1.5] + [0.1 * i for i in range(60)],
                          "event": [True, False, True, True, True, False] + [i % 2 == 0 for i in range(60)]})
    curves = retention.kaplan_meier_by(frame, by="unit")
    single = retention.kaplan_meier(durations=[1.0, 2.0, 3.0], events=[True, False, True])
    assert_frame_equal(curves["a"].table, single.table, check_exact=True)
    # By hand: a has 3 spells; exit at 1 (3 at risk) → 2/3; censored at 2; exit at 3 (1 at risk) → 0.
    assert curves["a"].table["survival"].to_list() == [1.0, 2 / 3, 2 / 3, 0.0]
