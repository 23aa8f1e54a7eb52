"""The evaluation finds a planted effect and claims none where none is planted (issue 18, validation).

One generated organisation (3.000 employees × 6 years, seed 2), twice: with a hazard ratio of 0,5
planted on influenceable exit for "mentoring", and with nothing planted (ratio 1). Uptake depends
on age, tenure and FTE (ingest/synthetic/plant.py), so the naive comparison is biased. The full
table over ≥ 50 organisations of 6.000 × 8 years is `benchmarks/evaluation_coverage.py`; this is
its smallest check, limited to one seed and 300 bootstrap replicates to keep it to ~30 seconds,
and run once (on SQLite: it never touches the database).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from evaluation_coverage import covers, one_run  # noqa: E402

SETTING = {"seed": 2, "employees": 3000, "years": 6, "code": "mentoring", "replicates": 300}


@pytest.fixture(scope="module")
def planted():
    return one_run(ratio=0.5, **SETTING)


@pytest.fixture(scope="module")
def null():
    return one_run(ratio=1.0, **SETTING)


def test_interval_covers_the_planted_hazard_ratio(planted):
    assert planted["n_matched"] >= 1000 and planted["max_smd"] < 0.1
    assert covers(planted["low"], planted["high"], 0.5)
    assert planted["high"] < 1.0  # and it is detected


def test_no_effect_planted_no_effect_claimed_but_the_naive_comparison_claims_one(null):
    assert covers(null["low"], null["high"], 1.0)
    assert null["naive_high"] < 1.0  # selection on age, tenure and FTE: people who would stay anyway take it up
