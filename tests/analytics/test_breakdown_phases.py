"""`metrics --by life_phase` and the four axes on the hand-built organisation, worked out by hand.

The hand-built organisation has no life events (private life falls back to age: 30–34 young
children, 35–49 school-age children) and no surveys (vitality unknown); its records begin on
2015-01-01 with H, whose career therefore comes from age. Profiles by hand, on 1 Jan and 31 Dec 2024:
A 33/34, 1.0 FTE, 4 years of service → growing, young children → spitsuur + stable_mid_career;
B 48/49, growing, school-age children → spitsuur + stable_mid_career (spitsuur at any FTE, DESIGN §5);
C 39 (31 Dec only) growing, school-age children → spitsuur + stable_mid_career;
D 66, AOW date 2024-06-01 → window, a starter (service < 2 y) turned late career → late_career + pre_retirement;
F 43/44 growing, school-age children → spitsuur + stable_mid_career; G (31 Dec, first day) → starter; H 57, AOW 2033-09-06 → approaching,
established from age → late_career. E (only in February) is a starter on its hire day.
"""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

from levensfase.analytics.breakdown import period_counts_by, period_metrics_by
from levensfase.analytics.phase_categories import NO_PHASE, attach_phase, phase_order

DEFAULT_TOML = resources.files("levensfase.model").joinpath("data/lifephases.toml").read_text(encoding="utf-8")

START, END = date(2024, 1, 1), date(2024, 12, 31)


def _counts(workforce, by):
    return {r["value"]: r for r in period_counts_by(workforce, start=START, end=END, by=by).to_dicts()}


def test_life_phase_rows_by_hand(hand_built):
    rows = _counts(hand_built, "life_phase")
    assert list(rows) == ["starter", "spitsuur", "stable_mid_career", "late_career", "pre_retirement"]
    # Snapshots on the bounds: 1 Jan A, B, D, F, H; 31 Dec A, B, C, F, G, H.
    assert [(v, rows[v]["headcount_start"], rows[v]["headcount_end"]) for v in rows] == [
        ("starter", 0, 1), ("spitsuur", 3, 4), ("stable_mid_career", 3, 4), ("late_career", 2, 1),
        ("pre_retirement", 1, 0)]
    assert rows["stable_mid_career"]["fte_start"] == pytest.approx(1.0 + 0.5 + 1.0)
    assert rows["stable_mid_career"]["fte_end"] == pytest.approx(1.0 + 0.8 + 0.9 + 1.0)
    # Hires: C (not there on 1 Jan → phase on 31 Dec), E (came and went → its hire day), G (31 Dec).
    assert (rows["starter"]["inflow"], rows["stable_mid_career"]["inflow"]) == (2, 1)
    # Leavers: D in both of its phases on 1 Jan, E on its own day, F on 31 Dec (a bound).
    assert rows["late_career"]["outflow_retirement"] == rows["pre_retirement"]["outflow_retirement"] == 1
    assert rows["starter"]["outflow_involuntary"] == 1 and rows["stable_mid_career"]["outflow_voluntary"] == 1
    # Moves take the 1 Jan phase: A's promotion and F's lateral move count in spitsuur and stable.
    assert (rows["spitsuur"]["internal_mobility"], rows["spitsuur"]["promotions"]) == (2, 1)
    # C's hire (31 Dec phase) and F's exit (31 Dec) also count in spitsuur.
    assert (rows["spitsuur"]["inflow"], rows["spitsuur"]["outflow_voluntary"]) == (1, 1)
    assert (rows["stable_mid_career"]["internal_mobility"], rows["stable_mid_career"]["promotions"]) == (2, 1)
    assert [rows[v]["population"] for v in rows] == [2, 4, 4, 2, 1]  # spitsuur: A, B, C, F


def test_overlapping_phases_do_not_add_up_to_the_total(hand_built):
    result = period_metrics_by(hand_built, start=START, end=END, by="life_phase", k=1)
    assert sum(r["headcount_start"] for r in result["rows"]) == 9  # A, B, F and D count twice
    assert result["total"]["headcount_start"] == 5


@pytest.mark.parametrize(("by", "expected"), [
    ("career", {"starter": (0, 1, 2), "growing": (3, 4, 1), "late_career": (2, 1, 0)}),
    ("pension_horizon", {"distant": (3, 5, 3), "approaching": (1, 1, 0), "window": (1, 0, 0)}),
    ("private_life", {"no_care_duties": (2, 2, 2), "young_children": (1, 1, 0), "school_age_children": (2, 3, 1)}),
    ("vitality", {"unknown": (5, 6, 3)}),
])
def test_axes_partition_like_age_bands(hand_built, by, expected):
    rows = _counts(hand_built, by)
    assert {v: (r["headcount_start"], r["headcount_end"], r["inflow"]) for v, r in rows.items()} == expected
    assert list(rows) == [s for s in phase_order(by) if s in expected]
    total = period_metrics_by(hand_built, start=START, end=END, by=by, k=1)["total"]
    assert sum(r["outflow_total"] for r in rows.values()) == total["outflow"]["total"] == 3


def test_person_without_a_named_phase_counts_in_its_own_row(hand_built):
    """Rules without a starter phase: G (a starter on 31 Dec) then has no named phase at all."""
    import polars as pl

    from levensfase.model.lifephase import parse_rules

    text = DEFAULT_TOML.replace('[phases.starter]\nlabel_nl = "Starter"\nlabel_en = "Starter"\n', "[unused]\n")
    text = text.replace('"late_career", "starter", "stable_mid_career"]', '"late_career", "stable_mid_career"]')
    text = text.replace("[unused]\n# EVEN Centraal \"Startersfase\": new to working life / to the organisation.\ncareer = [\"starter\"]\n", "")
    rules = parse_rules(text)
    assert "starter" not in rules.phase_names
    events = pl.DataFrame({"person_id": ["G", "B", "A"], "day": [END, END, END]})
    tagged = attach_phase(events, hand_built, by="life_phase", day="day", start=START, end=END, rules=rules)
    assert sorted(tagged.select("person_id", "value").iter_rows()) == [
        ("A", "spitsuur"), ("A", "stable_mid_career"), ("B", "spitsuur"), ("B", "stable_mid_career"), ("G", NO_PHASE)]
    assert phase_order("life_phase", rules)[-1] == NO_PHASE
