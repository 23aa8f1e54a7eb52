"""`categories.age_band` looks bands up by number; the text must be the plain rule's for every age."""

import polars as pl
import pytest

from levensfase.analytics.categories import age_band


def _reference(age: int | None) -> str | None:
    """The rule written out: under 20 and 70+ open, else the five years starting at age // 5 * 5."""
    if age is None:
        return None
    if age < 20:
        return "<20"
    if age >= 70:
        return "70+"
    low = age - age % 5
    return f"{low}-{low + 4}"


@pytest.mark.parametrize("dtype", [pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt32])
def test_every_age_gets_the_band_of_the_rule(dtype):
    ages = [a for a in range(-5, 131) if a >= 0 or not dtype.is_unsigned_integer()] + [None]
    got = pl.select(age_band(pl.lit(pl.Series(ages, dtype=dtype)))).to_series()
    assert got.dtype == pl.String
    assert got.to_list() == [_reference(a) for a in ages]


def test_bands_at_their_edges():
    got = pl.DataFrame({"age": [19, 20, 24, 25, 69, 70, 0, 120]}).select(age_band(pl.col("age"))).to_series()
    assert got.to_list() == ["<20", "20-24", "20-24", "25-29", "65-69", "70+", "<20", "70+"]
