"""Turns core results into plain rows for the templates (names and reasons in the UI language)."""

from __future__ import annotations

from levensfase.analytics.maatwerk import Maatwerk, balances_of
from levensfase.model.arrangements import check
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
                       if y.beyond_eur or y.plb_beyond_h],
            "explained": explain_balances(statement)}


BALANCES = (("plb", "plb_accrued_h", "plb_spent_h", "plb_beyond_h", "plb_balance_h"),
            ("own_budget", "own_accrued_eur", "own_spent_eur", "own_beyond_eur", "own_balance_eur"),
            ("training_budget", "training_accrued_eur", "training_spent_eur", "training_beyond_eur",
             "training_balance_eur"))


def explain_balances(statement: list) -> list[dict]:
    """Why each balance is what it is this year: carried over from last year, plus what was built
    up, minus what was used (of which the employer paid what the budget could not: never a debt),
    minus what did not fit under a saving maximum."""
    if not statement:
        return []
    last, before = statement[-1], statement[-2] if len(statement) > 1 else None
    rows = []
    for name, accrued, spent, beyond, balance in BALANCES:
        row = {"budget": name, "year": last.year, "previous_year": last.year - 1,
               "carried": getattr(before, balance) if before else 0.0, "accrued": getattr(last, accrued),
               "spent": getattr(last, spent), "beyond": getattr(last, beyond), "balance": getattr(last, balance)}
        # what did not fit under a saving maximum (the training budget's, CAO): lost, not hidden
        lost = round(row["carried"] + row["accrued"] - row["spent"] + row["beyond"] - row["balance"], 2)
        rows.append({**row, "lost": lost if lost > 0 else 0.0})
    return rows


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


def requestable(result: Maatwerk, lang: str) -> dict[str, dict]:
    """code -> {"ok", "why"} for every active catalog entry: can this employee request it today,
    and if not, the conditions they do not meet (the core's own sentences)."""
    out = {}
    for arrangement in selectors.catalog():
        if not arrangement.active:
            continue
        verdict = check(arrangement, result.facts)
        out[arrangement.code] = {"ok": verdict.eligible, "why": verdict.reasons(lang, failed_only=True)}
    return out
