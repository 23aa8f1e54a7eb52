"""Yearly flow tables: the identity opening + in − out ± transfers = closing, values by hand."""

from __future__ import annotations

import pytest

from levensfase.analytics.flows import yearly_flows


def test_whole_organisation_2024_by_hand(hand_built):
    row = yearly_flows(hand_built, years=[2024]).row(0, named=True)
    # opening: A, B, D, F, H; in: C (re-hire), E, G; out: D, E, F (F on 31 Dec); closing: A, B, C, G, H
    assert row == {"year": 2024, "value": "all", "opening": 5, "inflow": 3, "outflow": 3, "transfers_net": 0,
                   "closing": 5, "internal_mobility": 2, "promotions": 1}


def test_closing_is_next_years_opening(hand_built):
    table = yearly_flows(hand_built, years=[2022, 2023, 2024, 2025])
    assert table["closing"].to_list()[:-1] == table["opening"].to_list()[1:]
    assert table["transfers_net"].to_list() == [0, 0, 0, 0]


def test_units_2024_by_hand(hand_built):
    rows = {r["value"]: r for r in yearly_flows(hand_built, years=[2024], by="unit").to_dicts()}
    # U1 opens with A, B (0.5 FTE there, its only job then), F, H; F moves out to U2 in July.
    assert rows["U1"]["opening"] == 4 and rows["U1"]["inflow"] == 2 and rows["U1"]["outflow"] == 1
    # B's 0.3 FTE job in U2 does not move B: B stays counted in U1, the main (largest) job.
    assert rows["U1"]["closing"] == 4 and rows["U1"]["transfers_net"] == -1
    assert (rows["U2"]["opening"], rows["U2"]["inflow"], rows["U2"]["outflow"], rows["U2"]["closing"]) == (1, 1, 2, 1)
    assert rows["U2"]["transfers_net"] == 1  # F moved in


@pytest.mark.parametrize("by", ["age_band", "generation", "unit", "job_family", "contract", "sex"])
def test_every_category_adds_up_to_the_total(hand_built, by):
    total = yearly_flows(hand_built, years=[2024]).row(0, named=True)
    split = yearly_flows(hand_built, years=[2024], by=by)
    for column in ("opening", "inflow", "outflow", "closing"):
        assert split[column].sum() == total[column]
    assert split["transfers_net"].sum() == 0
