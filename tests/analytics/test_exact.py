"""exact_sum/exact_mean give the same float whatever order the values come in (plain float sums do not)."""

from __future__ import annotations

from itertools import permutations

import polars as pl

from levensfase.analytics.exact import exact_mean, exact_sum


def test_plain_float_sum_depends_on_order_exact_sum_does_not():
    values = [0.1, 0.2, 0.3]
    plain = {pl.Series(list(p)).sum() for p in permutations(values)}
    assert len(plain) == 2  # 0.6000000000000001 and 0.6: the reason exact_sum exists
    exact = {pl.DataFrame({"v": list(p)}).select(exact_sum(pl.col("v"))).item() for p in permutations(values)}
    assert exact == {0.6}


def test_exact_mean_per_group_skips_nulls():
    frame = pl.DataFrame({"g": ["a", "a", "a", "b"], "v": [3.8333333, 3.8366667, None, 1.5]})
    out = dict(frame.group_by("g").agg(m=exact_mean(pl.col("v"))).iter_rows())
    assert out == {"a": (3.833333 + 3.836667) / 2, "b": 1.5}
