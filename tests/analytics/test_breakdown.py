"""Metrics per category on the hand-built organisation (values by hand) and consistency with the total."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.breakdown import COUNTS, period_counts_by, period_metrics_by

START, END = date(2024, 1, 1), date(2024, 12, 31)


def _by_value(result: dict) -> dict:
    return {row["value"]: row for row in result["rows"]}


def test_units_by_hand(hand_built):
    rows = _by_value(period_metrics_by(hand_built, start=START, end=END, by="unit", k=2))
    u1, u2 = rows["U1"], rows["U2"]
    # U1: A, B, F, H on 1 Jan; A, B, G, H on 31 Dec; E and G hired; E let go; A promoted into U1.
    assert (u1["population"], u1["headcount_start"], u1["headcount_end"], u1["inflow"]) == (6, 4, 4, 2)
    assert u1["outflow"]["involuntary"] == 1 and u1["outflow"]["total"] == 1
    assert (u1["internal_mobility"], u1["promotions"], u1["turnover_rate"]) == (1, 1, 25.0)
    # U2: D on 1 Jan; B's second job, C, F on 31 Dec; C re-hired; D retired, F left; F moved in.
    assert (u2["population"], u2["headcount_start"], u2["headcount_end"], u2["inflow"]) == (4, 1, 3, 1)
    assert (u2["outflow"]["retirement"], u2["outflow"]["voluntary"], u2["turnover_rate"]) == (1, 1, 100.0)
    assert u2["fte_end"] == pytest.approx(0.3 + 0.9 + 1.0)


def test_small_groups_are_suppressed_with_a_complement(hand_built):
    result = period_metrics_by(hand_built, start=START, end=END, by="unit", k=5)
    # U2 has 4 people (< 5); hiding only U2 would let total − U1 reveal it, so U1 goes too.
    assert [(r["value"], r["suppressed"], r["population"], r["inflow"]) for r in result["rows"]] == [
        ("U1", True, None, None), ("U2", True, None, None)]
    assert result["total"]["headcount_end"] == 6 and result["total"]["population"] == 8


def test_age_bands_are_taken_on_the_day_of_each_event(hand_built):
    counts = {r["value"]: r for r in period_counts_by(hand_built, start=START, end=END, by="age_band").to_dicts()}
    assert list(counts) == ["20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "55-59", "65-69"]
    assert counts["20-24"]["inflow"] == 1 and counts["20-24"]["outflow_involuntary"] == 1  # E, 24 when hired
    assert counts["25-29"]["inflow"] == 1  # G turned 25 before the hire on 31 Dec
    assert counts["65-69"]["outflow_retirement"] == 1  # D


def test_generations_in_reading_order(hand_built):
    values = period_counts_by(hand_built, start=START, end=END, by="generation").get_column("value").to_list()
    assert values == ["babyboom", "X", "Y", "Z"]


@pytest.mark.parametrize("by", ["age_band", "generation", "sex"])
def test_person_categories_partition_the_total(hand_built, by):
    counts = period_counts_by(hand_built, start=START, end=END, by=by)
    total = period_metrics_by(hand_built, start=START, end=END, by=by, k=2)["total"]
    assert counts["headcount_start"].sum() == total["headcount_start"]
    assert counts["headcount_end"].sum() == total["headcount_end"]
    assert counts["inflow"].sum() == total["inflow"]
    assert counts["outflow_total"].sum() == total["outflow"]["total"]
    assert counts["internal_mobility"].sum() == total["internal_mobility"]
    assert set(COUNTS) <= set(counts.columns)


def test_unknown_category_is_refused(hand_built):
    with pytest.raises(ValueError, match="unknown category"):
        period_counts_by(hand_built, start=START, end=END, by="shoe_size")
