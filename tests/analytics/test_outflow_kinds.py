"""Influenceable outflow and the pension wave (DESIGN §4) on twelve hand-classified people."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.outflow_kinds import (
    aow_wave, classified_exits, exit_members, outflow_by_kind, outflow_in_window, window_members,
)
from support.handbuilt_findings import AS_OF, PEOPLE, findings_workforce

WF = findings_workforce()


def test_each_exit_gets_the_hand_classified_kind():
    kinds = dict(classified_exits(WF, WF.spells).select("person_id", "kind").iter_rows())
    assert kinds == {p: kind for p, _b, end, _r, kind in PEOPLE if end is not None}


def test_retirement_at_or_after_aow_is_never_influenceable():
    exits = classified_exits(WF, WF.spells)
    at_aow = exits.filter(pl.col("person_id").is_in(["P01", "P08"]))
    assert at_aow["kind"].to_list() == ["pension", "pension"] and at_aow["part"].to_list() == [None, None]
    assert exits.filter(pl.col("person_id") == "P01")["aow_date"].item() == date(2025, 3, 15)


def test_window_counts_and_rate_by_hand():
    # 12 spells on 1 January 2025, 4 on 31 December (P09–P12): average stock 8. Influenceable: P02, P03
    # (early retirement), P04 (voluntary), P05 (disability) = 4 → 4 × 100 / 8 = 50.0 per 100.
    row = outflow_in_window(WF, start=date(2025, 1, 1), end=AS_OF).row(0, named=True)
    assert (row["population"], row["average_stock"], row["outflow"]) == (12, 8.0, 8)
    assert (row["influenceable"], row["pension"], row["involuntary"], row["death"], row["other"]) == (4, 2, 1, 1, 0)
    assert (row["voluntary"], row["disability"], row["early_retirement"]) == (1, 1, 2)
    assert row["influenceable_rate"] == 50.0 and row["pension_rate"] == 25.0


_PART = {"voluntary": "voluntary", "disability": "disability"}


def _by_hand(p: str, end, reason, kind, *, window: bool) -> dict[str, int]:
    """What one of the twelve adds: everyone is employed on 1 January 2025 (population, opening),
    the stayers on 31 December (closing), a leaver to outflow, their kind and part."""
    adds = {"population": 1, "opening": 1} if window else {}
    if end is None:
        return {**adds, "closing": 1} if window else adds
    part = _PART.get(reason) or ("early_retirement" if reason == "retirement" and kind == "influenceable" else None)
    return {**adds, **({"outflow": 1} if window else {}), kind: 1, **({part: 1} if part else {})}


def test_what_each_person_adds_to_the_window_and_the_years_by_hand():
    """The members the document's audit reads (protected_report_flows), person by person."""
    window = window_members(WF, start=date(2025, 1, 1), end=AS_OF)
    years = exit_members(WF, years=[2025])
    for p, _birth, end, reason, kind in PEOPLE:
        mine = {m: n for m, n in window.filter(pl.col("person_id") == p).select("measure", "n").iter_rows()}
        assert mine == _by_hand(p, end, reason, kind, window=True), p
        mine = {m: n for m, n in years.filter(pl.col("person_id") == p).select("measure", "n").iter_rows()}
        assert mine == _by_hand(p, end, reason, kind, window=False), p
    assert set(window["value"]) == set(years["value"]) == {"all"} and set(years["year"]) == {2025}


def test_calendar_year_rows_match_the_window_for_a_whole_year():
    row = outflow_by_kind(WF, years=[2025]).row(0, named=True)
    assert (row["influenceable"], row["pension"], row["average_stock"], row["influenceable_rate"]) == (4, 2, 8.0, 50.0)


def test_pension_wave_counts_aow_dates_in_the_next_five_years():
    wave = aow_wave(WF, as_of=AS_OF, years=5)
    assert wave["persons"].to_list() == [0, 1, 0, 0, 0]  # P11 on 2027-02-20; the others are far from AOW
    assert wave.row(1, named=True)["from"] == date(2027, 1, 1) and wave.row(1, named=True)["to"] == date(2027, 12, 31)
    assert wave["statutory"].all()


def test_arrangement_mix_splits_age_criteria_into_entitlements_and_own_choices():
    from levensfase.analytics.arrangement_mix import arrangement_mix
    from levensfase.model.workforce import Workforce

    tables = WF.tables()
    # P09–P12 are employed on AS_OF; generatiepact (cao, window before AOW), seniorendagen (own, min_age 57),
    # opleidingsbudget (no age criterion); one record outside the window does not count.
    tables["arrangements"] = pl.DataFrame({
        "person_id": ["P11", "P10", "P09", "P12", "P12"],
        "code": ["generatiepact_80_90_100", "seniorendagen", "opleidingsbudget", "opleidingsbudget", "seniorendagen"],
        "start_date": [date(2025, 3, 1), date(2025, 1, 1), date(2025, 6, 1), date(2025, 6, 1), date(2020, 1, 1)],
        "end_date": [None, None, date(2025, 12, 1), None, date(2020, 12, 31)],
        "cost_eur": [1000.0, 500.0, 1500.0, 1500.0, 300.0]}, schema_overrides={"end_date": pl.Date})
    mix = arrangement_mix(Workforce.from_tables(tables), as_of=AS_OF, k=1)
    assert mix == {"persons": 4, "suppressed": False, "uptake_total": 4, "age_criterion": 2,
                   "age_criterion_entitlement": 1, "age_criterion_own": 1}
    assert arrangement_mix(Workforce.from_tables(tables), as_of=AS_OF, k=5)["uptake_total"] is None
