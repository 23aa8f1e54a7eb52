"""Development first in the rules (issue 17): the stable mid-career gets a development offer of its
own, reduced work ability in non-physical work gets coaching, and a maintenance arrangement is not
recommended where a development arrangement for the same need already is (`unless_recommended`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from levensfase.model.arrangements import PersonFacts, load_catalog
from levensfase.model.recommend import RecommendationError, load_rules, parse_rules, recommend

CATALOG = load_catalog()
RULES = load_rules(catalog=CATALOG)
D = date


def facts(**changes) -> PersonFacts:
    # job since 2019-03-01: 6 completed years in the job on 2025-06-01
    base = PersonFacts(
        person_id="P", on=D(2025, 6, 1), age=44, aow_date=D(2048, 1, 1), spell_start=D(2012, 1, 1),
        job_since=D(2019, 3, 1), fte=1.0, contracts=("permanent",), work_demands=("mental",), career="established",
        private_life=("no_care_duties",), vitality="good", pension_horizon="distant",
    )
    return replace(base, **changes)


def run(f: PersonFacts, **kw):
    return recommend(f, answers={}, catalog=CATALOG, rules=RULES, **kw)


def test_established_after_four_years_in_the_job_gets_a_training_budget_offer():
    result = run(facts())
    assert result.codes == ["opleidingsbudget"]
    assert result.items[0].reason_nl == "6 jaar in dezelfde functie → opleidingsbudget om te verdiepen of te verbreden"
    assert run(facts(job_since=D(2022, 3, 1))).codes == []  # 3 years in the job
    assert run(facts(career="growing")).codes == []  # still growing: no deepening offer yet


def test_reduced_work_ability_in_mental_work_gets_coaching_instead_of_the_vitality_programme():
    result = run(facts(vitality="moderate"), balances={"training_budget": 2000.0, "own_budget": 500.0})
    assert result.codes == ["opleidingsbudget", "coaching"]  # both development: by priority (4, then 6)
    assert ("vitaliteitsprogramma", "low_vitality_programme", "ontwikkeling eerst: Coachingstraject past hier al",
            "development first: Coaching programme already fits here") in result.skipped


def test_the_vitality_programme_comes_back_when_coaching_is_out_of_reach():
    # coaching costs € 1.800 from the training budget: with € 1.000 left it is skipped, so nothing
    # stands in for the vitality programme (€ 450 from the own budget); the opleidingsbudget (€ 900) fits
    result = run(facts(vitality="moderate"), balances={"training_budget": 1000.0, "own_budget": 500.0})
    assert result.codes == ["opleidingsbudget", "vitaliteitsprogramma"]
    assert any(s[0] == "coaching" and s[2].startswith("budget ontoereikend: nodig 1800 euro") for s in result.skipped)


def test_physical_work_and_poor_work_ability_retraining_stands_in_for_the_vitality_programme():
    result = run(facts(vitality="poor", work_demands=("physical",)))
    assert result.codes == ["omscholing", "opleidingsbudget", "ergonomische_aanpassing"]
    assert result.skipped == (("vitaliteitsprogramma", "low_vitality_programme",
                               "ontwikkeling eerst: Omscholing naar een andere functie past hier al",
                               "development first: Retraining for another job already fits here"),)


@pytest.mark.parametrize("unless", ['["thuiswerken"]', '["bestaat_niet"]', '"coaching"'])
def test_unless_recommended_must_name_development_or_utilisation_arrangements(unless):
    text = f'''version = 1
[[rules]]
id = "r1"
arrangement = "vitaliteitsprogramma"
priority = 1
when = {{ vitality = ["poor"] }}
unless_recommended = {unless}
reason_nl = "x"
reason_en = "x"
'''
    with pytest.raises(RecommendationError, match="rule r1: unless_recommended: "):
        parse_rules(text, catalog=CATALOG)
