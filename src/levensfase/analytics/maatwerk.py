"""Maatwerk for one person from a Workforce: facts, budget balances and ranked recommendations.

The web shell (employee home, manager's conversation page) needs these three together; this
module joins the pure pieces — `person_facts`, `budget.budget_statement`, `conversations` and
`recommend` — so a view makes one call and stays thin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.person_facts import person_facts
from levensfase.model.arrangements import Catalog, PersonFacts, load_catalog
from levensfase.model.budget import BudgetRules, BudgetYear, budget_statement, load_budget_rules, plb_pauses
from levensfase.model.conversations import latest_answers
from levensfase.model.recommend import Recommendations, Rule, load_rules, recommend
from levensfase.model.workforce import Workforce

__all__ = ["Maatwerk", "balances_of", "maatwerk_for", "taken_up"]


@dataclass(frozen=True)
class Maatwerk:
    facts: PersonFacts
    answers: dict[str, str]
    budget: tuple[BudgetYear, ...]
    recommendations: Recommendations
    # (first, last or None while still ill) periods without PLB accrual — health-derived: own page only
    plb_pauses: tuple[tuple[date, date | None], ...] = ()


def balances_of(statement: tuple[BudgetYear, ...] | list[BudgetYear]) -> dict[str, float]:
    """Remaining budget per funder at the end of the statement (plb in hours, others in euros)."""
    if not statement:
        return {}
    last = statement[-1]
    out = {"plb": last.plb_balance_h, "own_budget": last.own_balance_eur, "training_budget": last.training_balance_eur}
    if last.ikb_balance_eur is not None:
        out["ikb"] = last.ikb_balance_eur
    return out


def taken_up(arrangements: pl.DataFrame, *, person_id: str, on: date) -> frozenset[str]:
    """Codes the person already has on `on`: an arrangement record (registered plans are copied
    there) that runs on that day or starts later. Recommending it again would be noise."""
    mine = arrangements.filter((pl.col("person_id") == person_id)
                               & (pl.col("end_date").is_null() | (pl.col("end_date") >= on)))
    return frozenset(mine.get_column("code").to_list())


def maatwerk_for(workforce: Workforce, *, person_id: str, on: date, catalog: Catalog | None = None,
                 rules: tuple[Rule, ...] | None = None, budget_rules: BudgetRules | None = None,
                 annual_salary: float | None = None) -> Maatwerk | None:
    """Everything the maatwerk screens show for one person on `on`; None when not employed then."""
    catalog = catalog or load_catalog()
    rules = rules if rules is not None else load_rules(catalog=catalog)
    facts = person_facts(workforce, on=on, person_ids=[person_id]).get(person_id)
    if facts is None:
        return None
    statement = tuple(budget_statement(
        assignments=workforce.assignments, arrangements=workforce.arrangements, catalog=catalog,
        person_id=person_id, through=on, rules=budget_rules or load_budget_rules(), annual_salary=annual_salary,
        absences=workforce.absences,
    ))
    answers = latest_answers(workforce.conversations, person_id=person_id, on=on)
    result = recommend(facts, answers=answers, catalog=catalog, rules=rules, balances=balances_of(statement),
                       taken_up=taken_up(workforce.arrangements, person_id=person_id, on=on))
    pauses = tuple((first, last if last < on else None) for first, last in
                   plb_pauses(workforce.absences, person_id=person_id) if first <= on)
    return Maatwerk(facts, answers, statement, result, pauses)
