"""Turns core results into plain rows for the templates (names and reasons in the UI language)."""

from __future__ import annotations

from levensfase.analytics.maatwerk import Maatwerk, balances_of
from levensfase.web.maatwerk import selectors
from levensfase.web.maatwerk.models import Plan


def arrangement_name(code: str, lang: str) -> str:
    cat = selectors.catalog()
    return cat[code].name(lang) if code in cat else code


def recommendation_rows(result: Maatwerk, lang: str) -> list[dict]:
    cat = selectors.catalog()
    rows = []
    for r in result.recommendations.items:
        cost = cat[r.code].cost
        rows.append({"code": r.code, "name": r.name_en if lang == "en" else r.name_nl, "bundle": r.bundle,
                     "reason": r.reason(lang), "hours": cost.hours, "eur": cost.eur, "funded_by": cost.funded_by,
                     "per": cost.per})
    return rows


def budget_context(result: Maatwerk, years: int = 5) -> dict:
    statement = list(result.budget)
    return {"balances": balances_of(statement), "budget_years": list(reversed(statement[-years:]))}


def plan_rows(plans, lang: str) -> list[dict]:
    return [{"plan": p, "items": [arrangement_name(i.code, lang) for i in p.items.all()]} for p in plans]


def plan_items(plan: Plan, lang: str) -> list[dict]:
    return [{"item": i, "name": arrangement_name(i.code, lang)} for i in plan.items.all()]
