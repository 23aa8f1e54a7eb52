"""Retention: Kaplan–Meier and competing exit reasons, checked against values worked out by hand.

The agreement with lifelines is in test_retention_lifelines.py; here every expected number is
derived in the comments, or by an independent method (the Aalen–Johansen product integral).
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import polars as pl
import pytest

from levensfase.analytics.retention import (
    cumulative_incidence,
    kaplan_meier,
    kaplan_meier_by,
    retention_summary,
    spell_durations,
)

Y = 365.25
Z95 = 1.959963984540054  # the 97.5% standard normal quantile (statistical tables)

# The tiny example: six spells, durations in years; event 0 = still employed (censored).
TINY_T = [1, 2, 2, 3, 4, 5]
TINY_E = [1, 1, 0, 1, 0, 1]


def test_tiny_kaplan_meier_by_hand():
    km = kaplan_meier(durations=TINY_T, events=TINY_E)
    # t=0: 6 at risk, S=1
    # t=1: 6 at risk, 1 exit            S = 5/6
    # t=2: 5 at risk (the one censored at 2 is still at risk at 2), 1 exit, 1 censored
    #                                   S = 5/6 · 4/5 = 2/3
    # t=3: 3 at risk, 1 exit            S = 2/3 · 2/3 = 4/9
    # t=4: 2 at risk, 0 exits, 1 censored  S = 4/9
    # t=5: 1 at risk, 1 exit            S = 0
    t = km.table
    assert t["timeline"].to_list() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert t["at_risk"].to_list() == [6, 6, 5, 3, 2, 1]
    assert t["events"].to_list() == [0, 1, 1, 1, 0, 1]
    assert t["censored"].to_list() == [0, 0, 1, 0, 1, 0]
    assert t["survival"].to_list() == pytest.approx([1, 5 / 6, 2 / 3, 4 / 9, 4 / 9, 0], abs=1e-15)
    assert (km.n, km.events) == (6, 4)
    assert km.median_years == 3.0  # first time S ≤ 1/2: S(2) = 2/3, S(3) = 4/9


def test_tiny_confidence_band_by_hand():
    km = kaplan_meier(durations=TINY_T, events=TINY_E)
    # Greenwood sums Σ d/(n(n−d)): t=1: 1/30; t=2: 1/30 + 1/20 = 1/12; t=3: 1/12 + 1/6 = 1/4.
    # Exponential Greenwood (log(−log) scale): with v = ln S and s = √V,
    # lower = S^exp(−z s / v), upper = S^exp(+z s / v)  (v < 0, so lower has exponent > 1).
    for i, s, var in [(1, 5 / 6, 1 / 30), (2, 2 / 3, 1 / 12), (3, 4 / 9, 1 / 4), (4, 4 / 9, 1 / 4)]:
        v = math.log(s)
        assert km.table["ci_lower"][i] == pytest.approx(s ** math.exp(-Z95 * math.sqrt(var) / v), abs=1e-12)
        assert km.table["ci_upper"][i] == pytest.approx(s ** math.exp(Z95 * math.sqrt(var) / v), abs=1e-12)
    # S = 1 at t=0: band [1, 1]; S = 0 at t=5 (everyone left): band [0, 0].
    assert (km.table["ci_lower"][0], km.table["ci_upper"][0]) == (1.0, 1.0)
    assert (km.table["ci_lower"][5], km.table["ci_upper"][5]) == (0.0, 0.0)
    # A wider alpha gives a narrower band.
    narrow = kaplan_meier(durations=TINY_T, events=TINY_E, alpha=0.2)
    assert narrow.table["ci_lower"][3] > km.table["ci_lower"][3]
    assert narrow.table["ci_upper"][3] < km.table["ci_upper"][3]


def test_survival_at_is_a_right_continuous_step():
    km = kaplan_meier(durations=TINY_T, events=TINY_E)
    assert km.survival_at(-1.0) == 1.0
    assert km.survival_at(0.999) == 1.0
    assert km.survival_at(1.0) == pytest.approx(5 / 6)  # the exit at exactly 1 already counts
    assert km.survival_at(2.5) == pytest.approx(2 / 3)
    assert km.survival_at(4.99) == pytest.approx(4 / 9)
    assert km.survival_at(5) == 0.0
    assert km.survival_at(80.0) == 0.0


def test_no_exits_gives_flat_curve_and_no_median():
    km = kaplan_meier(durations=np.array([0.5, 1.5, 3.0]), events=np.array([False, False, False]))
    assert km.table["survival"].to_list() == [1.0, 1.0, 1.0, 1.0]
    assert km.table["ci_lower"].to_list() == [1.0] * 4 and km.table["ci_upper"].to_list() == [1.0] * 4
    assert km.median_years is None and km.events == 0


def test_kaplan_meier_by_equals_separate_fits():
    frame = pl.DataFrame(
        {
            "duration_years": [1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 0.5, 2.0, 7.0],
            "event": [True, True, False, True, False, True, True, False, True],
            "unit": ["U1"] * 6 + [None, "U2", "U2"],
        }
    )
    curves = kaplan_meier_by(frame, by="unit")
    assert list(curves) == ["U1", "U2", "onbekend"]
    assert curves["U1"].table.equals(kaplan_meier(durations=TINY_T, events=TINY_E).table)
    # U2: 2.0 censored, 7.0 exit: S(7) = 1 − 1/1 = 0; median 7.
    assert curves["U2"].table["survival"].to_list() == [1.0, 1.0, 0.0]
    assert curves["U2"].median_years == 7.0
    # onbekend: one exit at 0.5.
    assert curves["onbekend"].table["timeline"].to_list() == [0.0, 0.5]
    assert curves["onbekend"].median_years == 0.5


# --- spell_durations on the hand-built organisation (tests/support/handbuilt.py) -----------------


def test_spell_durations_hand_built_end_2024(hand_built):
    got = spell_durations(hand_built, as_of=date(2024, 12, 31))
    # Days counted first and last day inclusive, up to min(end_date, 2024-12-31):
    expected = [
        # A: 2020-01-01 … (promotion is the same spell) ongoing: 366+365+365+365+366
        ("A", 1, date(2020, 1, 1), 1827, False, None),
        # B: 2018-01-01 ongoing (concurrent job joins in): 2018–2024 = 7·365 + 2 leap days
        ("B", 1, date(2018, 1, 1), 2557, False, None),
        # C: first spell 2019-01-01 … 2023-12-31 voluntary: 365+366+365+365+365
        ("C", 1, date(2019, 1, 1), 1826, True, "voluntary"),
        # C: re-hired 2024-03-01 ongoing: 366 − 31 − 29
        ("C", 2, date(2024, 3, 1), 306, False, None),
        # D: 2022-05-01 … 2024-08-31 retirement: (365 − 120) + 365 + 244
        ("D", 1, date(2022, 5, 1), 854, True, "retirement"),
        # E: 2024-02-01 … 2024-02-29 involuntary: 29 days (leap year)
        ("E", 1, date(2024, 2, 1), 29, True, "involuntary"),
        # F: 2021-01-01 … 2024-12-31 voluntary (ends on as_of itself, so an exit): 3·365 + 366
        ("F", 1, date(2021, 1, 1), 1461, True, "voluntary"),
        # G: hired on as_of: one day
        ("G", 1, date(2024, 12, 31), 1, False, None),
        # H: 2015-01-01 ongoing (renewal joins in): 10·365 + 3 leap days (2016, 2020, 2024)
        ("H", 1, date(2015, 1, 1), 3653, False, None),
    ]
    assert got.columns == ["person_id", "spell_no", "start_date", "duration_years", "event", "end_reason"]
    assert got.select("person_id", "spell_no", "start_date", "event", "end_reason").rows() == [
        (p, s, d, e, r) for p, s, d, _, e, r in expected
    ]
    assert got["duration_years"].to_list() == pytest.approx([days / Y for _, _, _, days, _, _ in expected], abs=1e-15)


def test_spell_durations_censors_at_an_earlier_date(hand_built):
    got = {(r["person_id"], r["spell_no"]): r for r in spell_durations(hand_built, as_of=date(2024, 2, 29)).to_dicts()}
    # C's second spell (2024-03-01) and G (2024-12-31) have not started yet.
    assert set(got) == {("A", 1), ("B", 1), ("C", 1), ("D", 1), ("E", 1), ("F", 1), ("H", 1)}
    # D retires later: censored on 2024-02-29 after 245 + 365 + 60 days, reason not yet known.
    assert got[("D", 1)]["duration_years"] == pytest.approx(670 / Y)
    assert (got[("D", 1)]["event"], got[("D", 1)]["end_reason"]) == (False, None)
    # E ends on as_of: an exit after 29 days.
    assert (got[("E", 1)]["event"], got[("E", 1)]["end_reason"]) == (True, "involuntary")
    # F's voluntary exit is in December: censored after 3·365 + 60 days.
    assert got[("F", 1)]["duration_years"] == pytest.approx(1155 / Y) and not got[("F", 1)]["event"]


def test_retention_summary_hand_built(hand_built):
    spells = spell_durations(hand_built, as_of=date(2024, 12, 31))
    # Ordered in days: 1c, 29e, 306c, 854e, 1461e, 1826e, 1827c, 2557c, 3653c (9 spells, 8 persons).
    # S: after 29d: 7/8; 854d: 7/8·5/6 = 35/48; 1461d: ·4/5 = 7/12; 1826d: ·3/4 = 7/16.
    row = retention_summary(spells, by=None).row(0, named=True)
    assert row["by"] == "all" and row["value"] == "all"
    assert (row["n"], row["events"], row["population"]) == (9, 4, 8)
    assert row["median_years"] == pytest.approx(1826 / Y)  # first S ≤ 1/2 is 7/16 at 1826 days
    assert row["survival_1y"] == pytest.approx(7 / 8)  # 365.25 days: only E has left
    assert row["survival_2y"] == pytest.approx(7 / 8)  # 730.5 days: D leaves at 854
    assert row["survival_5y"] == pytest.approx(7 / 16)  # 1826.25 days: C's 1826-day spell counts


def test_retention_summary_by_sex(hand_built):
    spells = spell_durations(hand_built, as_of=date(2024, 12, 31)).join(
        hand_built.people.select("person_id", "sex"), on="person_id"
    )
    rows = {r["value"]: r for r in retention_summary(spells, by="sex").to_dicts()}
    assert list(rows) == ["f", "m", "onbekend", "x"]
    # f: G 1c, D 854e (3 at risk → 2/3), A 1827c, B 2557c.
    f = rows["f"]
    assert (f["by"], f["n"], f["events"], f["population"], f["median_years"]) == ("sex", 4, 1, 4, None)
    assert (f["survival_1y"], f["survival_2y"]) == (1.0, 1.0) and f["survival_5y"] == pytest.approx(2 / 3)
    # m: C2 306c, F 1461e (2 at risk → 1/2), C1 1826e (1 at risk → 0); two persons, three spells.
    m = rows["m"]
    assert (m["n"], m["events"], m["population"]) == (3, 2, 2)
    assert m["median_years"] == pytest.approx(1461 / Y)  # exactly 4 years
    # 5 years lies beyond the longest spell, but the curve already reached 0 there, so it is known.
    assert (m["survival_1y"], m["survival_2y"], m["survival_5y"]) == (1.0, 1.0, 0.0)
    # x: E left after 29 days. onbekend (no sex recorded): H, censored after 3653 days.
    assert rows["x"]["median_years"] == pytest.approx(29 / Y) and rows["x"]["survival_1y"] == 0.0
    assert rows["onbekend"]["survival_5y"] == 1.0 and rows["onbekend"]["population"] == 1


def test_summary_leaves_unknown_horizons_empty():
    frame = pl.DataFrame({"person_id": ["a", "b"], "duration_years": [0.5, 1.5], "event": [True, False]})
    row = retention_summary(frame, by=None).row(0, named=True)
    # S(0.5) = 1/2; nobody observed beyond 1.5 years, so the 2- and 5-year values are unknown.
    assert row["survival_1y"] == 0.5 and row["median_years"] == 0.5
    assert row["survival_2y"] is None and row["survival_5y"] is None


# --- competing exit reasons ---------------------------------------------------------------------


def test_cumulative_incidence_by_hand_with_tied_reasons():
    t = [1, 2, 2, 2, 3, 4, 5]
    e = [1, 1, 1, 0, 1, 0, 1]
    r = ["voluntary", "voluntary", "retirement", None, "voluntary", None, "involuntary"]
    cif = cumulative_incidence(durations=t, events=e, reasons=r)
    # n=7. t1: 1 voluntary, S(1) = 6/7, F_vol = 1 · 1/7.
    # t2: 6 at risk, 1 voluntary + 1 retirement (tied), 1 censored; S(2−) = 6/7:
    #     F_vol = 1/7 + 6/7 · 1/6 = 2/7, F_ret = 6/7 · 1/6 = 1/7, S(2) = 6/7 · 4/6 = 4/7.
    # t3: 3 at risk, 1 voluntary: F_vol = 2/7 + 4/7 · 1/3 = 10/21, S(3) = 8/21.
    # t4: censored. t5: 1 at risk, 1 involuntary: F_inv = 8/21, S(5) = 0.
    by = {reason: part["cif"].to_list() for (reason,), part in cif.partition_by("reason", as_dict=True).items()}
    assert list(by) == ["voluntary", "involuntary", "retirement"]  # schema order of END_REASONS
    assert by["voluntary"] == pytest.approx([0, 1 / 7, 2 / 7, 10 / 21, 10 / 21, 10 / 21])
    assert by["retirement"] == pytest.approx([0, 0, 1 / 7, 1 / 7, 1 / 7, 1 / 7])
    assert by["involuntary"] == pytest.approx([0, 0, 0, 0, 0, 8 / 21])
    assert cif["timeline"].unique(maintain_order=True).to_list() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]


def _product_integral(t, e, reasons, labels):
    """Aalen–Johansen as the product of transition matrices Π (I + dA): an independent route."""
    k = len(labels)
    p = np.eye(k + 1)[0]  # everyone starts in state 0 (employed)
    out = {}
    for time in np.unique(np.concatenate(([0.0], t))):
        at_risk = (t >= time).sum()
        step = np.eye(k + 1)
        for j, label in enumerate(labels, start=1):
            d = ((t == time) & e & (reasons == label)).sum()
            step[0, j] = d / at_risk
            step[0, 0] -= d / at_risk
        p = p @ step
        out[time] = p.copy()
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cumulative_incidence_matches_product_integral_and_sums_to_one(seed):
    rng = np.random.default_rng(seed)
    n = 200
    t = rng.integers(1, 25, n) / 4.0  # many ties, also between different reasons
    e = rng.random(n) < 0.6
    labels = ["voluntary", "involuntary", "retirement"]
    reasons = np.where(e, rng.choice(labels, n), None).astype(object)
    cif = cumulative_incidence(durations=t, events=e, reasons=reasons)
    km = kaplan_meier(durations=t, events=e)
    expected = _product_integral(t, e, reasons, labels)
    wide = cif.pivot(on="reason", index="timeline", values="cif").sort("timeline")
    for row in wide.iter_rows(named=True):
        p = expected[row["timeline"]]
        for j, label in enumerate(labels, start=1):
            assert row[label] == pytest.approx(p[j], abs=1e-12)
    total = wide.select(pl.sum_horizontal(labels)).to_series().to_numpy() + km.table["survival"].to_numpy()
    assert np.abs(total - 1).max() < 1e-12
    assert (cif["ci_lower"] <= cif["cif"] + 1e-15).all() and (cif["cif"] <= cif["ci_upper"] + 1e-15).all()


def test_exit_without_reason_counts_as_unknown():
    cif = cumulative_incidence(durations=[1.0, 2.0], events=[True, True], reasons=[None, "voluntary"])
    assert set(cif["reason"]) == {"voluntary", "onbekend"}
    assert cif.filter(reason="onbekend")["cif"].to_list() == [0.0, 0.5, 0.5]


# --- bad input: a clear message, nothing changed ----------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"durations": [1, 2], "events": [1]}, "durations has 2 values but events has 1"),
        ({"durations": [1, -2], "events": [1, 0]}, "≥ 0"),
        ({"durations": [1, float("nan")], "events": [1, 0]}, "≥ 0"),
        ({"durations": [], "events": []}, "empty"),
        ({"durations": [1, 2], "events": [1, 2]}, "true/false"),
        ({"durations": ["a", "b"], "events": [1, 0]}, "numbers"),
        ({"durations": [1, 2], "events": [1, 0], "alpha": 1.5}, "alpha"),
    ],
)
def test_kaplan_meier_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        kaplan_meier(**kwargs)


def test_frame_functions_reject_bad_frames_and_leave_them_alone():
    frame = pl.DataFrame(
        {"person_id": ["a"], "duration_years": [1.0], "event": [None]}, schema_overrides={"event": pl.Boolean}
    )
    before = frame.clone()
    with pytest.raises(ValueError, match="no missing values"):
        retention_summary(frame, by=None)
    with pytest.raises(ValueError, match="lacks column"):
        kaplan_meier_by(frame, by="unit")
    with pytest.raises(ValueError, match="lacks column.*person_id"):
        retention_summary(frame.drop("person_id"), by=None)
    assert frame.equals(before)
    with pytest.raises(ValueError, match="reasons has 1"):
        cumulative_incidence(durations=[1.0, 2.0], events=[True, False], reasons=["voluntary"])


def test_spell_durations_rejects_a_non_date(hand_built):
    with pytest.raises(ValueError, match="as_of must be a date"):
        spell_durations(hand_built, as_of="2024-12-31")


def test_blocks_of_groups_give_the_same_curves(monkeypatch):
    """A huge group × time grid is fitted in blocks of groups; the answer must not change."""
    from levensfase.analytics import retention

    rng = np.random.default_rng(5)
    frame = pl.DataFrame({
        "duration_years": rng.integers(1, 40, 300) / 4.0,
        "event": rng.random(300) < 0.5,
        "unit": rng.choice([f"U{i}" for i in range(7)], 300),
    })
    whole = kaplan_meier_by(frame, by="unit")
    monkeypatch.setattr(retention, "_CELLS", 50)  # ~40 distinct times: one group per block
    blocks = kaplan_meier_by(frame, by="unit")
    assert list(blocks) == list(whole)
    for value, km in whole.items():
        assert blocks[value].table.equals(km.table) and blocks[value].median_years == km.median_years
        part = frame.filter(unit=value)
        assert km.table.equals(kaplan_meier(durations=part["duration_years"], events=part["event"]).table)
