"""Composition on one day: snapshots per category, age pyramid and unit roll-up, by hand."""

from __future__ import annotations

from datetime import date

from levensfase.analytics.composition import age_pyramid, over_time, snapshot, unit_tree

END = date(2024, 12, 31)


def test_snapshot_per_job_family(hand_built):
    # On 31 Dec: zorg = A (J2), B (J1), C (J1), G (J2), H (J1); facilitair = B's second job (J3), F (J3).
    rows = {r["value"]: (r["headcount"], r["fte"]) for r in snapshot(hand_built, on=END, by="job_family").to_dicts()}
    assert rows == {"facilitair": (2, 1.3), "zorg": (5, 4.2)}


def test_over_time_stacks_days(hand_built):
    table = over_time(hand_built, days=[date(2024, 1, 1), END], by="contract")
    assert table.filter(value="permanent")["headcount"].to_list() == [5, 5]
    assert table.filter(value="fixed_term")["headcount"].to_list() == [2]  # B's second job and G


def test_age_pyramid(hand_built):
    rows = {(r["age_band"], r["sex"]): r["headcount"] for r in age_pyramid(hand_built, on=END).to_dicts()}
    assert rows == {("25-29", "f"): 1, ("30-34", "f"): 1, ("35-39", "m"): 1, ("40-44", "m"): 1,
                    ("45-49", "f"): 1, ("55-59", "onbekend"): 1}


def test_unit_tree_rolls_up_distinct_people(hand_built):
    rows = {r["unit_id"]: r for r in unit_tree(hand_built, on=END).to_dicts()}
    assert (rows["U1"]["own_headcount"], rows["U2"]["own_headcount"]) == (4, 3)
    assert rows["ORG"]["headcount"] == 6  # B works in both teams and counts once
    assert (rows["ORG"]["depth"], rows["U1"]["depth"]) == (0, 1)
    assert rows["ORG"]["fte"] == 5.5
