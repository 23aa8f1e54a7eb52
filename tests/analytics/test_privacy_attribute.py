"""Attribute disclosure (DESIGN §6): a group whose members all fall in the same WAI band shows no
band distribution, even when it is large enough to be shown."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.employability import scores_by
from levensfase.analytics.privacy import is_small, one_band


def test_one_band_and_is_small():
    assert one_band([0, 6, 0]) and one_band([5]) and not one_band([3, 3]) and not one_band([0, 0])
    assert is_small(4, 5) and not is_small(0, 5) and not is_small(5, 5) and not is_small(None, 5)


def _scores(values: list[float]) -> pl.DataFrame:
    n = len(values)
    return pl.DataFrame({"person_id": [f"P{i}" for i in range(n)], "date": [date(2024, 5, 1)] * n,
                         "year": pl.Series([2024] * n, dtype=pl.Int32), "instrument": ["wai"] * n,
                         "score": values, "band": [_band(v) for v in values]})


def _band(score: float) -> str:
    """The WAI band of a total (instruments.toml: 7-27 poor, 28-36 moderate, 37-43 good, 44-49 excellent)."""
    return "poor" if score < 28 else "moderate" if score < 37 else "good" if score < 44 else "excellent"


def test_share_below_37_is_withheld_when_everyone_is_on_one_side(hand_built):
    everyone_low = scores_by(_scores([30.0, 31.0, 28.0, 35.0, 36.0, 33.0]), hand_built, instrument="wai", by="all", k=5)
    assert everyone_low["mean"].to_list() == [32.2]  # (30+31+28+35+36+33)/6 = 32,17: the mean stays
    assert everyone_low["share_low"].to_list() == [None]
    mixed = scores_by(_scores([30.0, 41.0, 28.0, 45.0, 36.0, 43.0]), hand_built, instrument="wai", by="all", k=5)
    assert mixed["share_low"].to_list() == [50.0]  # 3 of 6 below 37
