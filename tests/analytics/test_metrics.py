"""DESIGN §4 metrics on the hand-built organisation; expected values worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.metrics import fte, headcount, moves, period_metrics

START, END = date(2024, 1, 1), date(2024, 12, 31)


def test_headcount_counts_a_person_with_two_jobs_once(hand_built):
    # 2024-01-01: A, B, D, F, H.  2024-12-31: A, B (two jobs), C, F (last day), G (first day), H.
    assert headcount(hand_built, START) == 5
    assert headcount(hand_built, END) == 6


def test_fte_sums_concurrent_assignments(hand_built):
    assert fte(hand_built, START) == pytest.approx(1.0 + 0.5 + 0.6 + 1.0 + 1.0)
    assert fte(hand_built, END) == pytest.approx(1.0 + 0.5 + 0.3 + 0.9 + 1.0 + 1.0 + 0.8)


def test_spells_join_adjacent_assignments_and_split_on_a_gap(hand_built):
    spells = hand_built.spells
    assert spells.height == 9  # C has two spells, everyone else one
    c = spells.filter(person_id="C").sort("spell_no")
    assert c.get_column("end_date").to_list() == [date(2023, 12, 31), None]
    assert c.get_column("end_reason").to_list() == ["voluntary", None]
    f = spells.filter(person_id="F").row(0, named=True)
    assert (f["start_date"], f["end_date"], f["end_reason"]) == (date(2021, 1, 1), END, "voluntary")


def test_moves_find_promotion_and_lateral_move_only(hand_built):
    found = moves(hand_built.assignments, hand_built.jobs)
    assert found.select("person_id", "start_date", "promotion").rows() == [
        ("A", date(2024, 4, 1), True),
        ("F", date(2024, 7, 1), False),
    ]


def test_period_metrics_match_the_hand_computation(hand_built):
    m = period_metrics(hand_built, start=START, end=END).as_dict()
    assert m == {
        "from": "2024-01-01",
        "to": "2024-12-31",
        "headcount_start": 5,
        "headcount_end": 6,
        "average_headcount": 5.5,
        "fte_start": 4.1,
        "fte_end": 5.5,
        "inflow": 3,  # C's re-hire, E, G
        "outflow": {"total": 3, "voluntary": 1, "involuntary": 1, "retirement": 1,
                    "disability": 0, "death": 0, "other": 0},
        "turnover_rate": 54.55,  # 3 / 5.5 * 100
        "voluntary_turnover_rate": 18.18,  # 1 / 5.5 * 100
        "internal_mobility": 2,
        "promotions": 1,
    }


def test_retention_is_the_complement_of_turnover(hand_built):
    m = period_metrics(hand_built, start=START, end=END)
    assert m.retention_rate == pytest.approx(100 - 300 / 5.5)


def test_period_of_one_day_and_before_history(hand_built):
    early = period_metrics(hand_built, start=date(2010, 1, 1), end=date(2010, 12, 31))
    assert early.average_headcount == 0 and early.turnover_rate is None
    one_day = period_metrics(hand_built, start=date(2024, 2, 29), end=date(2024, 2, 29))
    assert (one_day.inflow, one_day.outflow.involuntary) == (0, 1)


def test_reversed_period_is_refused(hand_built):
    with pytest.raises(ValueError, match="before it starts"):
        period_metrics(hand_built, start=END, end=START)
