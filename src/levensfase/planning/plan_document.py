"""The investment plan as a JSON-ready document (CLI `levensfase plan --format json`): what the page
shows, with every effect flagged "gemeten" or "aanname" and the findings' sentences in nl and en.
Only published (suppressed) numbers go in; a hidden category has no name."""

from __future__ import annotations

from datetime import date
from typing import Any

from levensfase.analytics.findings.planner import category_labels, plan_findings
from levensfase.planning.planner_baseline import PublishedPlan

__all__ = ["plan_document"]

_CATEGORY_KEYS = ("value", "population", "exit_rate", "exits", "places", "spend", "per_head", "per_head_ratio",
                  "coverage", "retained_fte_years", "reason", "few_exits", "capacity", "explained", "suppressed")


def _clean(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def plan_document(plan: PublishedPlan, *, as_of: date, names: dict[str, str] | None = None) -> dict[str, Any]:
    values = [v for v in plan.categories.table["value"].to_list() if v is not None]
    labels = category_labels(plan.axis, values, names=names)
    policy = plan.policy
    return {
        "as_of": as_of.isoformat(), "by": plan.axis, "k": plan.categories.k, "window_years": plan.window_years,
        "policy": None if policy is None else {
            "budget": policy.budget, "min_category_share": policy.min_category_share,
            "min_development_share": policy.min_development_share, "horizon_years": policy.horizon_years,
            "whole_places": policy.integer},
        "spend": _clean(plan.spend), "retained_fte_years": _clean(plan.retained_fte_years),
        "average_per_head": _clean(plan.average_per_head), "influenceable_exit_rate": _clean(plan.exit_rate),
        "returns": {"coverage": list(plan.effects.returns.coverage), "weight": list(plan.effects.returns.weight)},
        "effects": [{
            "code": t.code, "bundle": t.bundle, "name_nl": t.name_nl, "name_en": t.name_en, "cost_eur": t.cost_eur,
            "reduction": _clean(t.reduction), "status": t.status, "source": t.source,
            "hazard_ratio": t.hazard_ratio, "ci_low": t.interval[0] if t.interval else None,
            "ci_high": t.interval[1] if t.interval else None, "n_matched": t.n_matched,
            "retirement_delay_years": t.retirement_delay_years,
            "retirement_delay_status": None if t.retirement_delay_years is None else "aanname",
        } for t in plan.effects],
        "categories": [{key: _clean(row[key]) for key in _CATEGORY_KEYS}
                       for row in plan.categories.table.iter_rows(named=True)],
        "allocation": [{key: _clean(row[key]) for key in ("category", "type", "bundle", "places", "spend",
                                                          "retained_fte_years")}
                       for row in plan.allocation.iter_rows(named=True)],
        "constraints": [{key: _clean(row[key]) for key in ("name", "kind", "category", "type", "limit", "used",
                                                           "binding", "shadow_price", "gain_if_relaxed")}
                        for row in plan.constraints.iter_rows(named=True)],
        "findings": [f.as_dict() for f in plan_findings(plan, labels)],
    }
