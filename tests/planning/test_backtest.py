"""Backtest on a generated 2,500-employee organisation (seed 7, ten years of history to 2026-11-28):
fit on 2016-2021, project 2021-2026 with the baseline, compare with what happened.

Bounds (docs/planning.md, "Backtest"): the median total headcount is within 4% of the real one in
every projected year; the headcount-weighted mean error per job family is at most 6%; and at least
half of the (year, group) points fall inside the P10-P90 band. Measured when written: 2.1%, 3.1%, 69%.
"""

import polars as pl
import pytest

from levensfase.planning.backtest import backtest

from .conftest import AS_OF


@pytest.fixture(scope="module")
def result(org):
    return backtest(org, as_of=AS_OF, years=5, fit_years=5, runs=1000, seed=1)


def test_backtest_within_stated_bounds(result):
    assert str(result.cut_off) == "2021-11-28"
    assert result.worst_total_error <= 0.04
    assert result.family_error <= 0.06
    assert result.inside_band >= 0.5


def test_backtest_compares_with_the_real_headcount(org, result):
    from levensfase.analytics.metrics import headcount
    from levensfase.planning.estimate import years_before

    total = result.total()
    assert total.get_column("t").to_list() == [0, 1, 2, 3, 4, 5]
    for t, actual in zip(total.get_column("t"), total.get_column("actual")):
        assert actual == headcount(org, years_before(result.cut_off, -t))
    end = result.families().filter(pl.col("t") == 5)
    assert end.get_column("actual").sum() == headcount(org, AS_OF)
    assert total.row(0, named=True)["error"] == 0  # t = 0 is the observed start
