"""The organisation's catalog: packaged defaults merged with its changes, additions and switched-off entries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from levensfase.model.arrangements import CatalogError, PersonFacts, check, load_catalog
from levensfase.model.arrangements.overrides import entry_body, merge_catalog, parse_entry
from levensfase.model.recommend import load_rules, recommend

DEFAULT = load_catalog()
D = date


def body(code: str, **changes) -> dict:
    out = entry_body(DEFAULT[code])
    out.update(changes)
    return out


def eligibility(code: str, **changes) -> dict:
    e = dict(entry_body(DEFAULT[code])["eligibility"])
    e.update(changes)
    return e


def own_instrument(**changes) -> dict:
    out = {"name_nl": "Fietsplan", "name_en": "Bike scheme", "description_nl": "Een fiets via de werkgever.",
           "description_en": "A bike through the employer.", "bundle": "maintenance",
           "serves": {"vitality": ["good", "moderate"]}, "eligibility": {"contracts": ["permanent"]},
           "cost": {"eur": 750, "per": "once", "funded_by": "own_budget"}, "legal_note": "Geen leeftijdscriterium.",
           "source": "Eigen regeling"}
    out.update(changes)
    return out


def test_entry_body_round_trips_every_packaged_entry():
    for a in DEFAULT:
        again = parse_entry(a.code, {**entry_body(a), "wgbl_justification": a.wgbl_justification or "x"})
        assert replace(again, wgbl_justification=a.wgbl_justification) == a


def test_without_overrides_the_default_comes_back_unchanged():
    merged = merge_catalog(DEFAULT, {})
    assert merged.arrangements == DEFAULT.arrangements and merged.source == DEFAULT.source


def test_a_changed_entry_replaces_the_default_in_place_and_others_stay():
    merged = merge_catalog(DEFAULT, {"coaching": body("coaching", name_nl="Loopbaancoaching", cost={
        "hours": 12, "eur": 900, "per": "once", "funded_by": "own_budget"})})
    assert [a.code for a in merged] == [a.code for a in DEFAULT]
    assert merged["coaching"].name_nl == "Loopbaancoaching"
    assert (merged["coaching"].cost.hours, merged["coaching"].cost.eur) == (12.0, 900.0)
    assert all(merged[a.code] == a for a in DEFAULT if a.code != "coaching")
    assert "1 changed" in merged.source


def test_an_own_instrument_is_added_after_the_defaults_sorted_by_code():
    merged = merge_catalog(DEFAULT, {"zz_fietsplan": own_instrument(), "aa_lunchwandeling": own_instrument()})
    assert len(merged) == len(DEFAULT) + 2
    assert [a.code for a in merged][-2:] == ["aa_lunchwandeling", "zz_fietsplan"]
    assert merged["zz_fietsplan"].cost.eur == 750.0 and merged.bundle_of()["zz_fietsplan"] == "maintenance"


def _facts(**changes) -> PersonFacts:
    base = PersonFacts(
        person_id="P", on=D(2026, 6, 1), age=62, aow_date=D(2030, 9, 1), spell_start=D(2019, 1, 1),
        job_since=D(2019, 1, 1), fte=1.0, contracts=("permanent",), work_demands=("mixed",), career="late_career",
        private_life=("no_care_duties",), vitality="good", pension_horizon="window",
    )
    return replace(base, **changes)


def test_the_generatiepact_window_and_service_are_configurable():
    # 7 completed years of service and 4 years 3 months before the AOW date (2030-09-01).
    person = _facts()
    assert not check(DEFAULT["generatiepact_80_90_100"], person).eligible  # needs 8 years
    changed = eligibility("generatiepact_80_90_100", min_service_years=7, within_years_before_aow=4)
    merged = merge_catalog(DEFAULT, {"generatiepact_80_90_100": body(
        "generatiepact_80_90_100", eligibility=changed, wgbl_justification="Gezond de eindstreep halen (cao art. 13.1).")})
    assert not check(merged["generatiepact_80_90_100"], person).eligible  # 4y3m before AOW: outside 4 years
    assert check(merged["generatiepact_80_90_100"], _facts(on=D(2026, 9, 1))).eligible  # exactly 4 years before


def test_rvu_months_are_configurable():
    person = _facts(on=D(2027, 6, 1))  # 39 months before 2030-09-01
    assert not check(DEFAULT["rvu"], person).eligible
    merged = merge_catalog(DEFAULT, {"rvu": body("rvu", eligibility={"within_months_before_aow": 42},
                                                 wgbl_justification="Belastende functie, erkend door derde.")})
    assert check(merged["rvu"], person).eligible


def test_an_age_based_entry_needs_the_organisations_justification():
    with pytest.raises(CatalogError, match=r"arrangements\.seniorendagen: wgbl_justification: required.*min_age"):
        merge_catalog(DEFAULT, {"seniorendagen": body("seniorendagen", name_nl="Seniorendagen 57+")})
    with pytest.raises(CatalogError, match="within_years_before_aow"):
        merge_catalog(DEFAULT, {"x_own": own_instrument(bundle="accommodative", wgbl_justification_required=True,
                                                        eligibility={"within_years_before_aow": 3})})
    ok = merge_catalog(DEFAULT, {"seniorendagen": body("seniorendagen", wgbl_justification="Breder pakket, CGB 2007-97")})
    assert ok["seniorendagen"].wgbl_justification == "Breder pakket, CGB 2007-97"


def test_an_own_entry_is_checked_like_the_file():
    with pytest.raises(CatalogError, match=r"arrangements\.bad: bundle: 'ontzie' is not one of"):
        merge_catalog(DEFAULT, {"bad": own_instrument(bundle="ontzie")})
    with pytest.raises(CatalogError, match="min_fte: 0.9 is above max_fte 0.5"):
        merge_catalog(DEFAULT, {"bad": own_instrument(eligibility={"min_fte": 0.9, "max_fte": 0.5})})
    with pytest.raises(CatalogError, match="wgbl_justification_required: must be true"):
        merge_catalog(DEFAULT, {"bad": own_instrument(eligibility={"min_age": 60}, wgbl_justification="x")})


def test_a_switched_off_entry_stays_for_past_use_but_is_never_recommended():
    merged = merge_catalog(DEFAULT, {"flexibele_werktijden": body("flexibele_werktijden", active=False)})
    assert "flexibele_werktijden" in merged and not merged["flexibele_werktijden"].active
    person = _facts(age=34, aow_date=D(2058, 1, 1), career="growing", private_life=("young_children",),
                    pension_horizon="distant")
    rules = load_rules(catalog=merged)
    before = recommend(person, answers={}, catalog=DEFAULT, rules=rules)
    after = recommend(person, answers={}, catalog=merged, rules=rules)
    assert "flexibele_werktijden" in before.codes
    assert after.codes == [c for c in before.codes if c != "flexibele_werktijden"]
    assert ("flexibele_werktijden", "niet meer aangeboden (regeling staat uit)") in [(s[0], s[2]) for s in after.skipped]
