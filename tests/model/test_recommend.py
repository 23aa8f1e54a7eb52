"""Recommendations: the example reasons of issue 5, the ranking, the filters, and never age alone."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from levensfase.model.arrangements import PersonFacts, load_catalog
from levensfase.model.recommend import AGE_KEYS, RecommendationError, load_rules, parse_rules, recommend

CATALOG = load_catalog()
RULES = load_rules(catalog=CATALOG)
D = date


def facts(**changes) -> PersonFacts:
    base = PersonFacts(
        person_id="P", on=D(2025, 6, 1), age=34, aow_date=D(2058, 1, 1), spell_start=D(2015, 1, 1),
        job_since=D(2019, 3, 1), fte=1.0, contracts=("permanent",), work_demands=("mixed",), career="growing",
        private_life=("no_care_duties",), vitality="good", pension_horizon="distant",
    )
    return replace(base, **changes)


def run(f: PersonFacts, answers=None, **kw):
    return recommend(f, answers=answers or {}, catalog=CATALOG, rules=RULES, **kw)


def test_young_children_and_full_time_give_flexible_hours_with_the_reason():
    result = run(facts(private_life=("young_children",)))
    flex = next(r for r in result.items if r.code == "flexibele_werktijden")
    assert flex.reason_nl == "Jonge kinderen en 1,0 fte → flexibele werktijden"
    assert flex.reason_en == "Young children and 1.0 FTE → flexible hours"
    assert "flexibele_werktijden" not in run(facts(private_life=("young_children",), fte=0.6)).codes


def test_wanting_another_role_after_six_years_in_the_job_gives_internal_secondment():
    # job since 2019-03-01: six completed years on 2025-06-01
    result = run(facts(), {"ambition": "other_role"})
    assert result.items[0].code == "interne_detachering"
    assert result.items[0].reason_nl == "Wil een andere functie, 6 jaar in dezelfde functie → interne detachering"
    assert result.items[0].reason_en == "Wants another role, 6 years in the same job → internal secondment"
    # Four years in the job: no secondment, job rotation instead.
    assert run(facts(job_since=D(2021, 3, 1)), {"ambition": "other_role"}).codes == ["job_rotatie"]


def test_ranking_is_development_then_utilisation_then_maintenance_then_priority():
    answers = {"ambition": "other_role", "learning_wish": "Scholing wondzorg"}
    result = run(facts(private_life=("young_children",)), answers)
    assert result.codes == ["opleidingsbudget", "interne_detachering", "job_rotatie",
                            "flexibele_werktijden", "ouderschapsverlof", "thuiswerken"]
    assert result.items[0].reason_nl == 'Leerwens "Scholing wondzorg" → opleidingsbudget'
    assert [r.bundle for r in result.items] == ["development", "utilisation", "utilisation",
                                                "maintenance", "maintenance", "maintenance"]


def test_the_result_does_not_depend_on_the_order_of_the_rules():
    f, answers = facts(private_life=("young_children", "caregiving"), work_demands=("physical",),
                       vitality="moderate"), {"ambition": "specialist", "stay_factor": "development"}
    expected = run(f, answers)
    shuffled = list(RULES)
    random.Random(7).shuffle(shuffled)
    assert recommend(f, answers=answers, catalog=CATALOG, rules=tuple(shuffled)) == expected


def test_sparing_only_within_eligibility_and_after_development():
    late = facts(age=63, aow_date=D(2028, 4, 1), career="late_career", pension_horizon="window",
                 spell_start=D(2010, 1, 1), job_since=D(2010, 1, 1), work_demands=("physical",), vitality="moderate")
    result = run(late, {"ambition": "reduce"})
    assert result.codes[-1] == "generatiepact_80_90_100"
    assert result.items[-1].reason_nl == "Wil minder werken en de AOW-datum is binnen 5 jaar → generatiepact 80-90-100"
    assert result.codes.index("omscholing") < result.codes.index("generatiepact_80_90_100")
    short_service = run(replace(late, spell_start=D(2020, 1, 1)), {"ambition": "reduce"})
    assert "generatiepact_80_90_100" not in short_service.codes
    code, rule, why_nl, why_en = next(s for s in short_service.skipped if s[0] == "generatiepact_80_90_100")
    assert why_nl.startswith("niet van toepassing: minstens 8 jaar onafgebroken in dienst (nu 5)")


def test_arrangements_beyond_the_remaining_budget_are_skipped_with_the_reason():
    answers = {"learning_wish": "Leiderschapstraining"}
    # The opleidingsbudget costs € 900 a year, paid from the training budget (not the own budget).
    assert run(facts(), answers, balances={"training_budget": 900.0, "own_budget": 0.0}).codes == ["opleidingsbudget"]
    result = run(facts(), answers, balances={"training_budget": 600.0, "own_budget": 5000.0})
    assert result.codes == []
    assert result.skipped == (("opleidingsbudget", "learning_wish_training",
                               "budget ontoereikend: nodig 900 euro, over 600 euro",
                               "budget too small: needs 900 euros, 600 euros left"),)


def test_an_arrangement_already_registered_is_not_recommended_again():
    answers = {"ambition": "other_role"}  # rule other_role_rotation → job_rotatie
    assert "job_rotatie" in run(facts(), answers).codes
    result = run(facts(), answers, taken_up=frozenset({"job_rotatie"}))
    assert "job_rotatie" not in result.codes
    assert ("job_rotatie", "other_role_rotation", "al geregistreerd (loopt of staat gepland)",
            "already registered (running or planned)") in result.skipped


def test_no_rule_rests_on_age_alone_and_age_alone_changes_nothing():
    for rule in RULES:
        assert any(key not in AGE_KEYS for key, _ in rule.when), rule.id
    young, old = facts(age=25), facts(age=64)
    for answers in ({}, {"ambition": "grow_in_role"}, {"ambition": "reduce"}):
        assert run(young, answers).codes == run(old, answers).codes


@pytest.mark.parametrize("when", ['{ min_age = 55 }', '{ pension_horizon = ["window"] }',
                                  '{ min_age = 55, max_age = 60, pension_horizon = ["window"] }'])
def test_a_rule_on_age_alone_is_refused(when):
    text = f'''version = 1
[[rules]]
id = "old"
arrangement = "seniorendagen"
priority = 1
when = {when}
reason_nl = "x"
reason_en = "x"
'''
    with pytest.raises(RecommendationError, match="rule old: when: a rule may not rest on age alone"):
        parse_rules(text, catalog=CATALOG)


def test_bad_rules_name_the_rule_and_field():
    text = '''version = 1
[[rules]]
id = "r1"
arrangement = "bestaat_niet"
priority = 1
when = { career = ["starter"] }
reason_nl = "x {salary}"
reason_en = "x"
'''
    with pytest.raises(RecommendationError, match="rule r1: arrangement: 'bestaat_niet' is not in the catalog"):
        parse_rules(text, catalog=CATALOG)
    with pytest.raises(RecommendationError, match="rule r1: reason_nl: unknown placeholder 'salary'"):
        parse_rules(text.replace("bestaat_niet", "mentoring"), catalog=CATALOG)
    with pytest.raises(RecommendationError, match=r"rule r1: when\.career: must be a non-empty list"):
        parse_rules(text.replace("bestaat_niet", "mentoring").replace('["starter"]', '["junior"]'), catalog=CATALOG)
