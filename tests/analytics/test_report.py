"""The analysis document on the hand-built organisation (as of 2024-12-31), values worked out by hand.

Spells (start → end, exit): A 2020-01-01 →, B 2018-01-01 →, C 2019-01-01 → 2023-12-31 voluntary and
2024-03-01 →, D 2022-05-01 → 2024-08-31 retirement, E 2024-02-01 → 2024-02-29 involuntary,
F 2021-01-01 → 2024-12-31 voluntary, G 2024-12-31 →, H 2015-01-01 →. Durations count both ends.
"""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.report import build_report, clean, flow_years, report_json
from levensfase.analytics.report_sections import retention_section

AS_OF = date(2024, 12, 31)


@pytest.fixture
def report(hand_built):
    return build_report(hand_built, as_of=AS_OF, k=1)


def test_top_level_keys(report):
    assert set(report) == {"as_of", "k", "composition", "flows", "retention", "phases", "employability",
                           "policy_scan", "competencies", "outflow", "arrangement_mix", "coverage", "findings",
                           "executive", "ambitions"}
    assert (report["as_of"], report["k"]) == ("2024-12-31", 1)


def test_employability_and_policy_scan_sections_are_those_of_their_modules(hand_built):
    from levensfase.analytics.employability import employability_section
    from levensfase.analytics.policy_scan import policy_scan_section

    report = build_report(hand_built, as_of=AS_OF, k=2)
    assert report["employability"] == clean(employability_section(hand_built, as_of=AS_OF, k=2))
    assert report["policy_scan"] == clean(policy_scan_section(hand_built, as_of=AS_OF, k=2))
    assert report["policy_scan"] != clean(policy_scan_section(hand_built, as_of=AS_OF, k=1))  # k is passed on


def test_composition_on_the_as_of_day(report):
    c = report["composition"]
    # A 1.0, B 0.5 + 0.3, C 0.9, F 1.0, G 1.0, H 0.8 on 31 Dec.
    assert c["total"] == {"day": "2024-12-31", "headcount": 6, "fte": 5.5, "suppressed": False}
    units = {r["value"]: (r["headcount"], r["fte"]) for r in c["by_category"]["unit"]}
    assert units == {"U1": (4, 3.3), "U2": (3, 2.2)}  # B counts in both units
    # Same day in earlier years, back to the first year with data (H from 2015).
    assert c["over_time"]["days"][0] == "2015-12-31" and c["over_time"]["days"][-1] == "2024-12-31"
    assert [r["headcount"] for r in c["over_time"]["total"]][-2:] == [6, 6]  # 2023: A B C D F H
    pyramid = {(r["age_band"], r["sex"]): r["headcount"] for r in c["age_pyramid"]}
    assert pyramid[("25-29", "f")] == 1 and pyramid[("55-59", "onbekend")] == 1  # G; H (sex empty)


def test_flow_identity_and_rates_for_2024(report, hand_built):
    # C leaving on 31 Dec 2023 is the first recorded leaver, and a quiet 2023 before it is plausible
    # (4 leavers in the next 365 days): H's start in 2015 does not make 2015-2022 recorded history
    assert flow_years(hand_built, AS_OF) == [2023, 2024]
    last = report["flows"]["total"][-1]
    # Opening A B D F H; in C E G; out D E F; closing A B C G H (F ends on 31 Dec).
    assert (last["year"], last["opening"], last["inflow"], last["outflow"], last["closing"]) == (2024, 5, 3, 3, 5)
    assert (last["internal_mobility"], last["promotions"], last["outflow_rate"]) == (2, 1, 60.0)
    for row in report["flows"]["total"] + report["flows"]["by_category"]["age_band"]:
        assert row["opening"] + row["inflow"] - row["outflow"] + row["transfers_net"] == row["closing"]


def test_flow_years_stop_at_the_last_complete_year(hand_built):
    assert flow_years(hand_built, date(2024, 12, 30))[-1] == 2023


def test_retention_for_the_whole_organisation_by_hand(report):
    overall = report["retention"][0]
    assert (overall["by"], overall["value"], overall["n"], overall["events"], overall["population"]) == (
        "all", "all", 9, 4, 8)
    # Exits: E after 29 days (8 at risk: G's 1-day spell is censored first), D after 854 days (6 at
    # risk), F after 1461 (5), C's first spell after 1826 (4): S = 7/8 · 5/6 · 4/5 · 3/4.
    assert overall["survival_1y"] == overall["survival_2y"] == 0.875
    assert overall["survival_5y"] == 0.4375
    assert overall["median_years"] == round(1826 / 365.25, 4)


def test_retention_rows_per_category_and_life_phase(report):
    bys = {r["by"] for r in report["retention"]}
    assert bys == {"all", "age_band", "generation", "unit", "job_family", "contract", "sex", "life_phase",
                   "career", "private_life", "vitality", "pension_horizon"}
    row_keys = {"by", "value", "n", "events", "median_years", "survival_1y", "survival_2y", "survival_5y",
                "suppressed", "population", "measured_from", "survival_2y_low", "survival_2y_high"}
    assert all(set(r) == row_keys for r in report["retention"])
    # Landmark 2019-12-31: B (first spell since 2018-01-01, one day short of 2 years: starter; 44,
    # school-age children from age: spitsuur at any FTE), C's first spell (a starter with a young
    # child at 34, 0.9 FTE: starter + spitsuur), H (established from age → stable). Only C's spell
    # ended (2023-12-31).
    phases = {r["value"]: r for r in report["retention"] if r["by"] == "life_phase"}
    assert {v: (r["n"], r["events"]) for v, r in phases.items() if r["n"]} == {
        "starter": (2, 1), "spitsuur": (2, 1), "stable_mid_career": (1, 0)}
    assert phases["stable_mid_career"]["measured_from"] == "2019-12-31"
    # Contract at the start of each spell: temporary only for E.
    temporary = next(r for r in report["retention"] if (r["by"], r["value"]) == ("contract", "temporary"))
    assert (temporary["n"], temporary["events"], temporary["survival_1y"]) == (1, 1, 0.0)


def test_phases_section(report):
    p = report["phases"]
    named = {r["value"]: (r["headcount"], r["share"]) for r in p["named"]}
    assert named["stable_mid_career"] == (4, round(4 / 6, 4))  # A, B, C, F
    # spitsuur: A (34, young children from age), B (49), C (39), F (44) with school-age children from age
    assert named["spitsuur"] == (4, round(4 / 6, 4))
    assert named["starter"][0] == named["late_career"][0] == 1  # G; H
    # FTE as a lens on 31 Dec 2024: spitsuur A 1.0, B 0.5 + 0.3, C 0.9, F 1.0 → 3.7 / 4 = 0.925 → 0.93;
    # starter G 1.0; pre_retirement has nobody.
    fte = {r["value"]: r["mean_fte"] for r in p["named"]}
    assert (fte["spitsuur"], fte["starter"], fte["pre_retirement"]) == (0.93, 1.0, None)
    assert named["pre_retirement"] == (0, 0.0) and named["no_named_phase"] == (0, 0.0)
    assert p["age_fallback"]["career"] == {"people": 1, "share": round(1 / 6, 4)}  # H
    assert p["age_fallback"]["private_life"] == {"people": 6, "share": 1.0}  # no life events at all
    career = {r["value"]: (r["headcount"], r["from_age"]) for r in p["axes"]["career"]}
    assert career == {"starter": (1, 0), "growing": (4, 0), "established": (0, 0), "late_career": (1, 1)}


def test_small_groups_are_suppressed_everywhere(hand_built):
    report = build_report(hand_built, as_of=AS_OF, k=5)
    units = report["composition"]["by_category"]["unit"]
    assert [(r["value"], r["suppressed"], r["headcount"]) for r in units] == [("U1", True, None), ("U2", True, None)]
    assert report["composition"]["total"]["headcount"] == 6
    contract = {r["value"]: r for r in retention_section(hand_built, as_of=AS_OF, k=1) if r["by"] == "contract"}
    # permanent at the start: A, B, C (twice), D, F, H — 6 people, 7 spells; G and E are alone.
    assert (contract["permanent"]["population"], contract["permanent"]["n"]) == (6, 7)
    # At k = 5 the flow tables are withheld whole, and the rows by spell start count their starts
    # and leavers (protected_report_starts): every one goes, the small ones among them.
    starts = [r for r in report["retention"] if r["measured_from"] == "spell_start"]
    assert all(r["suppressed"] and r["n"] is None and r["survival_1y"] is None for r in starts)
    named = {r["value"]: r for r in report["phases"]["named"]}
    assert named["spitsuur"]["suppressed"] and named["spitsuur"]["headcount"] is None
    assert not named["pre_retirement"]["suppressed"]  # an empty group reveals nobody
    assert "< 5" not in report_json(report)  # the JSON says null + suppressed; "< k" is for display


def test_json_is_deterministic(hand_built):
    first = report_json(build_report(hand_built, as_of=AS_OF, k=2))
    assert first == report_json(build_report(hand_built, as_of=AS_OF, k=2))
    assert first.endswith("}\n") and "NaN" not in first


def test_edge_dates_and_an_empty_organisation(hand_built):
    from levensfase.model.workforce import Workforce

    before = build_report(hand_built, as_of=date(2010, 1, 1), k=5)
    assert before["composition"]["total"]["headcount"] == 0 and before["retention"] == []
    alone = build_report(hand_built, as_of=date(2015, 1, 1), k=5)  # H alone: the whole organisation is < k
    assert alone["composition"]["total"] == {"day": "2015-01-01", "headcount": None, "fte": None, "suppressed": True}
    assert all(r["suppressed"] for r in alone["retention"]) and alone["phases"]["headcount"] is None
    empty = build_report(Workforce.from_tables({}), as_of=AS_OF, k=5)
    assert (empty["flows"]["years"], empty["retention"], empty["phases"]["headcount"]) == ([], [], 0)


def test_the_years_back_life_phases_are_dropped_once_composition_is_done(hand_built):
    """Composition alone reads the life phases of the years back: kept past it they would sit under
    every later section's peak (1,5 million: docs/scale.md "Eighth round"); the later days stay."""
    from levensfase.analytics.phase_categories import _CACHE
    from levensfase.analytics.report import OVER_TIME_YEARS, _later_days, _years_back

    cached = {}
    build_report(hand_built, as_of=AS_OF, k=1,
                 progress=lambda stage, _f: cached.setdefault(stage, {day for day, _r in _CACHE.get(hand_built, {})}))
    back, later = set(_years_back(hand_built, AS_OF, OVER_TIME_YEARS)), _later_days(hand_built, AS_OF, False)
    assert len(back - later) >= 5 and later == {AS_OF, date(2019, 12, 31), date(2024, 1, 1)}
    assert cached["composition"] == back | later  # all computed before composition
    assert cached["flows"] == later  # right after it
