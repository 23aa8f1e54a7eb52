"""One call for the maatwerk screens: facts, budget and recommendations of one person together."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.maatwerk import balances_of, maatwerk_for
from levensfase.model.budget import BudgetRules
from levensfase.model.workforce import Workforce

D = date


def workforce() -> Workforce:
    return Workforce.from_tables({
        "units": pl.DataFrame({"unit_id": ["U"], "name": ["Unit"]}),
        "jobs": pl.DataFrame({"job_id": ["J"], "title": ["Adviseur"], "job_family": ["staf"],
                              "work_demand": ["mental"], "grade": [8]}),
        "people": pl.DataFrame({"person_id": ["A"], "birth_date": [D(1990, 1, 1)]}),
        "assignments": pl.DataFrame({"person_id": ["A"], "start_date": [D(2024, 7, 1)], "unit_id": ["U"],
                                     "job_id": ["J"], "fte": [0.8], "contract": ["permanent"]}),
        "conversations": pl.DataFrame({"person_id": ["A", "A"], "date": [D(2025, 1, 10)] * 2,
                                       "topic": ["ambition", "learning_wish"],
                                       "value": ["leadership", "Leiderschapstraining"]}),
        "arrangements": pl.DataFrame({"person_id": ["A"], "code": ["coaching"], "start_date": [D(2025, 2, 1)],
                                      "cost_eur": [300.0]}),
    })


def test_budget_decides_which_development_arrangements_fit():
    rules = BudgetRules(plb_hours_per_year=57, own_eur_per_year=500, training_eur_per_year=2400)
    m = maatwerk_for(workforce(), person_id="A", on=D(2025, 6, 30), budget_rules=rules)
    # Training budget: 2024 Jul-Dec 6/12 × 0.8 × 2400 = 960; 2025 Jan-Jun 960; coaching spent 300 → 1620 left.
    # Own budget: 6/12 × 0.8 × 500 = 200 twice → 400. PLB: 57 × 0.8 × 12/12 = 45.6 h.
    assert balances_of(m.budget) == {"plb": 45.6, "own_budget": 400.0, "training_budget": 1620.0, "ikb": 0.0}
    assert m.answers == {"ambition": "leadership", "learning_wish": "Leiderschapstraining"}
    # opleidingsbudget (€ 900 from the training budget) fits; the leadership programme is the employer's.
    assert m.recommendations.codes == ["leiderschapsprogramma", "opleidingsbudget"]
    # A training budget of 1000 a year: 400 + 400 − 300 = 500 left, too little for the opleidingsbudget.
    small = BudgetRules(plb_hours_per_year=57, own_eur_per_year=500, training_eur_per_year=1000)
    m = maatwerk_for(workforce(), person_id="A", on=D(2025, 6, 30), budget_rules=small)
    assert balances_of(m.budget)["training_budget"] == 500.0
    assert m.recommendations.codes == ["leiderschapsprogramma"]
    assert [s[0] for s in m.recommendations.skipped] == ["opleidingsbudget"]


def test_a_private_situation_guessed_from_age_gives_no_individual_recommendation():
    # No life events recorded: the profile guesses "school-age children" from age 35, but no right
    # or recommendation may rest on that guess (remote work would follow from it otherwise).
    m = maatwerk_for(workforce(), person_id="A", on=D(2025, 6, 30))
    assert m.facts.private_life == ()
    assert "thuiswerken" not in m.recommendations.codes
    with_child = workforce()
    with_child = type(with_child).from_tables({**with_child.tables(), "life_events": pl.DataFrame(
        {"person_id": ["A"], "event": ["child"], "start_date": [D(2019, 3, 1)]})})
    m = maatwerk_for(with_child, person_id="A", on=D(2025, 6, 30))
    assert m.facts.private_life == ("school_age_children",)
    assert "thuiswerken" in m.recommendations.codes


def test_nobody_employed_gets_none():
    assert maatwerk_for(workforce(), person_id="A", on=D(2024, 6, 30)) is None


def test_a_registered_arrangement_running_or_planned_is_not_recommended_again():
    rules = BudgetRules(plb_hours_per_year=57, own_eur_per_year=500, training_eur_per_year=2400)
    base = workforce()
    tables = base.tables()

    def with_leadership(start: date, end: date | None) -> Workforce:
        extra = pl.DataFrame({"person_id": ["A"], "code": ["leiderschapsprogramma"], "start_date": [start],
                              "end_date": [end], "cost_eur": [0.0]}, schema_overrides={"end_date": pl.Date})
        return Workforce.from_tables({**tables, "arrangements": pl.concat(
            [tables["arrangements"].select("person_id", "code", "start_date", "end_date", "cost_eur"), extra],
            how="vertical_relaxed")})

    on = D(2025, 6, 30)
    for start, end in ((D(2025, 3, 1), None), (D(2025, 9, 1), D(2026, 3, 1))):  # running; registered for later
        m = maatwerk_for(with_leadership(start, end), person_id="A", on=on, budget_rules=rules)
        assert m.recommendations.codes == ["opleidingsbudget"]
        assert ("leiderschapsprogramma", "leadership_programme", "al geregistreerd (loopt of staat gepland)",
                "already registered (running or planned)") in m.recommendations.skipped
    # One that ended before the day may be recommended again.
    m = maatwerk_for(with_leadership(D(2024, 8, 1), D(2025, 1, 31)), person_id="A", on=on, budget_rules=rules)
    assert m.recommendations.codes == ["leiderschapsprogramma", "opleidingsbudget"]
