"""Recommendations for many people at once, and their mix by HR bundle.

"Development first" is a claim about the whole organisation, not one person: this module runs the
same `maatwerk_for` chain (facts, budget statement, latest conversation answers, registered
arrangements, `recommend`) for a whole group, computing the life-phase profiles once instead of
once per person, so the advice mix can be checked at sector scale. Counts per bundle are
internal numbers; a table built from them leaves the core through `privacy.suppress`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

import polars as pl

from levensfase.analytics.maatwerk import balances_of, taken_up
from levensfase.analytics.person_facts import person_facts
from levensfase.model.arrangements import Catalog, load_catalog
from levensfase.model.budget import BudgetRules, budget_statement, load_budget_rules
from levensfase.model.conversations import latest_answers
from levensfase.model.recommend import Recommendations, Rule, load_rules, recommend
from levensfase.model.workforce import Workforce

__all__ = ["advice_by_bundle", "advice_for"]


def advice_for(workforce: Workforce, *, on: date, person_ids: Iterable[str] | None = None,
               catalog: Catalog | None = None, rules: tuple[Rule, ...] | None = None,
               budget_rules: BudgetRules | None = None) -> dict[str, Recommendations]:
    """person_id → the same Recommendations `maatwerk_for` gives, for everyone employed on `on`
    (or only `person_ids`)."""
    catalog = catalog or load_catalog()
    rules = rules if rules is not None else load_rules(catalog=catalog)
    budget_rules = budget_rules or load_budget_rules()
    facts = person_facts(workforce, on=on, person_ids=person_ids)
    wanted = sorted(facts)
    own = {name: _by_person(getattr(workforce, name), wanted)
           for name in ("assignments", "arrangements", "absences", "conversations")}
    out: dict[str, Recommendations] = {}
    for pid in wanted:
        mine = {name: frames.get(pid, getattr(workforce, name).clear()) for name, frames in own.items()}
        statement = budget_statement(assignments=mine["assignments"], arrangements=mine["arrangements"],
                                     catalog=catalog, person_id=pid, through=on, rules=budget_rules,
                                     absences=mine["absences"])
        out[pid] = recommend(facts[pid], answers=latest_answers(mine["conversations"], person_id=pid, on=on),
                             catalog=catalog, rules=rules, balances=balances_of(statement),
                             taken_up=taken_up(mine["arrangements"], person_id=pid, on=on))
    return out


def advice_by_bundle(advice: dict[str, Recommendations], *, top_only: bool = False) -> dict[str, int]:
    """How many recommendations fall in each bundle (all of them, or only each person's first)."""
    counts: Counter[str] = Counter()
    for result in advice.values():
        items = result.items[:1] if top_only else result.items
        counts.update(item.bundle for item in items)
    return dict(counts)


def _by_person(frame: pl.DataFrame, person_ids: list[str]) -> dict[str, pl.DataFrame]:
    """One small frame per person (one pass), so per-person work does not filter the whole table."""
    if frame.height == 0:
        return {}
    parts = frame.filter(pl.col("person_id").is_in(person_ids)).partition_by("person_id", as_dict=True)
    return {key[0]: part for key, part in parts.items()}
