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


def budget_context(result: Maatwerk, years: int = 5, ikb_pct: float = 0.0) -> dict:
    """Balances and the last `years` rows; `ikb_pct` > 0 shows the IKB, whose euros stay unknown
    without a salary (None in the statement), never a misleading 0."""
    statement = list(result.budget)
    return {"balances": balances_of(statement), "budget_years": list(reversed(statement[-years:])),
            "ikb_pct": ikb_pct, "ikb_balance": statement[-1].ikb_balance_eur if statement and ikb_pct else None,
            "plb_pauses": [{"first": first, "last": last} for first, last in result.plb_pauses],
            "beyond": [{"year": y.year, "eur": y.beyond_eur, "hours": y.plb_beyond_h} for y in statement
                       if y.beyond_eur or y.plb_beyond_h]}


def plan_rows(plans, lang: str, names: dict[str, str] | None = None) -> list[dict]:
    """`names`: person_id -> display_name, only those the viewer may see (accounts.access.visible_names)."""
    names = names or {}
    return [{"plan": p, "items": [arrangement_name(i.code, lang) for i in p.items.all()],
             "name": names.get(p.person_id, ""), "last": _last_step(p)} for p in plans]


def _last_step(plan: Plan):
    """The plan's newest history entry (the decision and its note the employee is waiting for)."""
    events = list(plan.events.all())
    return events[-1] if events else None


def plan_items(plan: Plan, lang: str) -> list[dict]:
    return [{"item": i, "name": arrangement_name(i.code, lang)} for i in plan.items.all()]


def _flat(body: dict | None, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in (body or {}).items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = ", ".join(map(str, value)) if isinstance(value, list) else value
    return out


def catalog_changes(code: str) -> list[dict]:
    """The audit of one entry, newest first: who, when, what, and each field that changed (before → after)."""
    rows = []
    for change in selectors.catalog_changes(code=code):
        before, after = _flat(change.before), _flat(change.after)
        show = lambda v: "–" if v in ("", None) else v  # noqa: E731
        fields = [{"field": k, "before": show(before.get(k)), "after": show(after.get(k))}
                  for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
        rows.append({"change": change, "fields": fields})
    return rows
