"""Eligibility on a date: generatiepact, RVU, contracts, age schemes, life situations — days at the edges."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl
import pytest

from levensfase.analytics.person_facts import person_facts
from levensfase.model.arrangements import PersonFacts, check, eligible_codes, load_catalog
from levensfase.model.arrangements.eligibility import completed_years, months_before
from levensfase.model.pension import aow_date
from levensfase.model.workforce import Workforce

CATALOG = load_catalog()
D = date


def facts(**changes) -> PersonFacts:
    base = PersonFacts(
        person_id="P", on=D(2025, 6, 1), age=62, aow_date=D(2028, 4, 1), spell_start=D(2010, 1, 1),
        job_since=D(2010, 1, 1), fte=0.9, contracts=("permanent",), work_demands=("physical",),
        career="late_career", private_life=("no_care_duties",), vitality="good", pension_horizon="window",
    )
    return replace(base, **changes)


def test_generatiepact_needs_the_five_year_window_and_eight_years_service():
    pact = CATALOG["generatiepact_80_90_100"]
    # AOW 2028-04-01: the window opens on 2023-04-01.
    assert check(pact, facts(on=D(2023, 4, 1))).eligible
    assert not check(pact, facts(on=D(2023, 3, 31))).eligible
    # Service since 2017-06-02: eight years complete on 2025-06-02, not on 2025-06-01.
    verdict = check(pact, facts(spell_start=D(2017, 6, 2)))
    assert not verdict.eligible
    assert [c.condition for c in verdict.checks if not c.ok] == ["min_service_years"]
    assert "8 jaar onafgebroken in dienst (nu 7)" in verdict.reasons("nl", failed_only=True)[0]
    assert check(pact, facts(spell_start=D(2017, 6, 2), on=D(2025, 6, 2))).eligible
    assert not check(pact, facts(contracts=("fixed_term",))).eligible
    assert not check(pact, facts(on=D(2028, 4, 1))).eligible  # from the AOW date on, no more


def test_rvu_only_in_the_36_months_before_the_aow_date():
    rvu = CATALOG["rvu"]
    assert check(rvu, facts(on=D(2025, 4, 1))).eligible
    assert not check(rvu, facts(on=D(2025, 3, 31))).eligible
    assert check(rvu, facts(on=D(2028, 3, 31))).eligible
    assert "leeftijdsonderscheid" in check(rvu, facts()).reasons("nl")[0]


def test_window_before_a_29_february_aow_date_opens_on_28_february():
    assert months_before(D(2032, 2, 29), 60) == D(2027, 2, 28)
    assert completed_years(D(2016, 2, 29), D(2024, 2, 28)) == 7
    assert completed_years(D(2016, 2, 29), D(2024, 2, 29)) == 8


def test_age_schemes_and_life_situations():
    assert check(CATALOG["seniorendagen"], facts(age=57)).eligible
    assert not check(CATALOG["seniorendagen"], facts(age=56)).eligible
    assert check(CATALOG["mantelzorgverlof"], facts(private_life=("young_children", "caregiving"))).eligible
    assert not check(CATALOG["mantelzorgverlof"], facts(private_life=("young_children",))).eligible
    assert not check(CATALOG["thuiswerken"], facts(work_demands=("physical",))).eligible
    assert check(CATALOG["thuiswerken"], facts(work_demands=("physical", "mental"))).eligible
    assert not check(CATALOG["opleidingsbudget"], facts(contracts=("intern",))).eligible
    assert check(CATALOG["loopbaan_apk"], facts(contracts=())).eligible  # no conditions: everyone


def test_eligible_codes_for_a_young_parent_exclude_every_age_window():
    young = facts(age=31, aow_date=D(2061, 1, 1), career="growing", pension_horizon="distant",
                  private_life=("young_children",), spell_start=D(2020, 1, 1), work_demands=("mixed",))
    codes = eligible_codes(CATALOG, young)
    assert {"ouderschapsverlof", "thuiswerken", "opleidingsbudget", "sabbatical"} <= set(codes)
    assert not {c for c in codes if CATALOG[c].wgbl_justification_required}


def test_facts_from_a_workforce_use_the_aow_table_spells_and_jobs():
    on = D(2025, 6, 1)
    assignments = pl.DataFrame({
        "person_id": ["A", "A", "A", "B"],
        "start_date": [D(2008, 1, 1), D(2012, 3, 1), D(2016, 1, 1), D(2024, 1, 1)],
        "end_date": [D(2012, 2, 29), D(2015, 12, 31), None, None],
        "unit_id": ["U", "U", "U", "U"], "job_id": ["J1", "J2", "J2", "J1"], "fte": [1.0, 0.8, 0.8, 0.5],
        "contract": ["permanent"] * 3 + ["fixed_term"],
    })
    wf = Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U"], "name": ["Unit"]}),
        "jobs": pl.DataFrame({"job_id": ["J1", "J2"], "title": ["a", "b"], "job_family": ["f", "f"],
                              "work_demand": ["physical", "mental"], "grade": [5, 6]}),
        "people": pl.DataFrame({"person_id": ["A", "B"], "birth_date": [D(1961, 1, 1), D(1990, 1, 1)]}),
        "assignments": assignments,
        "life_events": pl.DataFrame({"person_id": ["B"], "event": ["child"], "start_date": [D(2023, 5, 1)]}),
    })
    got = person_facts(wf, on=on)
    a = got["A"]
    assert a.aow_date == aow_date(D(1961, 1, 1)).date == D(2028, 4, 1)
    assert a.spell_start == D(2008, 1, 1) and a.service_years == 17  # adjacent assignments: one spell
    assert a.job_since == D(2012, 3, 1) and a.years_in_job == 13  # J2 since the move, renewed without a gap
    assert a.work_demands == ("mental",) and a.contracts == ("permanent",)
    assert a.pension_horizon == "window"
    assert check(CATALOG["generatiepact_80_90_100"], a).eligible
    b = got["B"]
    assert b.private_life == ("young_children",) and b.fte == 0.5
    assert check(CATALOG["ouderschapsverlof"], b).eligible
    assert not check(CATALOG["generatiepact_80_90_100"], b).eligible
    assert person_facts(wf, on=D(2007, 1, 1)) == {}


def test_years_in_job_with_an_open_assignment_and_a_later_one_in_the_same_job():
    wf = Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U", "V"], "name": ["U", "V"]}),
        "jobs": pl.DataFrame({"job_id": ["J"], "title": ["a"], "job_family": ["f"], "work_demand": ["mixed"]}),
        "people": pl.DataFrame({"person_id": ["A"], "birth_date": [D(1980, 1, 1)]}),
        "assignments": pl.DataFrame({"person_id": ["A", "A"], "start_date": [D(2015, 1, 1), D(2022, 1, 1)],
                                     "unit_id": ["U", "V"], "job_id": ["J", "J"], "fte": [0.5, 0.3]}),
    })
    a = person_facts(wf, on=D(2025, 6, 1))["A"]
    assert (a.job_since, a.years_in_job, a.fte, a.contracts) == (D(2015, 1, 1), 10, 0.8, ())
    assert not check(CATALOG["opleidingsbudget"], a).eligible  # no contract recorded: contract rule not met
    with pytest.raises(TypeError, match="on must be a date"):
        person_facts(wf, on="2025-06-01")
