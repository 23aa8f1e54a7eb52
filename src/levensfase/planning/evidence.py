"""Effects from the impact evaluation where it has enough evidence, from the assumptions file otherwise.

The evaluation (`levensfase evaluate`, issue 18) reports per arrangement code and per bundle rows
{"arrangement", "bundle", "outcome", "verdict", "effect", "ratio", "ci_low", "ci_high", "n_treated",
"n_matched", "max_smd", "naive_effect", "suppressed"}; for outcome "influenceable_exit", `ratio` is
the hazard ratio of taking the arrangement up. A planner type takes the row of its own code, else
the row of its bundle (arrangement empty, "*", the bundle's name or "bundle:NAME"), and only when
that row has a number: not suppressed, a verdict other than "onvoldoende gegevens", a positive
hazard ratio. Its reduction of influenceable exit risk is then 1 − HR (an HR above 1 is no
reduction: 0), flagged *gemeten* with the hazard ratio and its interval; every other type keeps
the assumed reduction of the effects file, flagged *aanname*. A measured reduction holds for the
whole organisation, so the file's per-category overrides no longer apply to it; a work-longer
type's retirement delay stays an assumption either way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from levensfase.planning.effects import ArrangementType, Effects

__all__ = ["EXIT_OUTCOME", "Effect", "effects_from_evaluation", "with_evidence"]

EXIT_OUTCOME = "influenceable_exit"
NOT_ENOUGH = frozenset({"onvoldoende gegevens", "insufficient data", "not enough data"})
EVALUATION_SOURCE = "levensfase evaluate"


@dataclass(frozen=True)
class Effect:
    """The reduction the planner uses for one type and where it comes from ("gemeten" | "aanname")."""

    code: str
    reduction: float
    status: str
    source: str
    hazard_ratio: float | None = None
    interval: tuple[float, float] | None = None  # 95% interval of the hazard ratio
    n_matched: int | None = None


def _number(value: Any) -> float | None:
    ok = not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)
    return float(value) if ok else None


def _usable(row: Mapping[str, Any]) -> bool:
    if row.get("outcome") != EXIT_OUTCOME or row.get("suppressed"):
        return False
    if str(row.get("verdict") or "").strip().lower() in NOT_ENOUGH:
        return False
    ratio = _number(row.get("ratio"))
    return ratio is not None and ratio > 0


def _is_bundle_row(row: Mapping[str, Any], bundle: str) -> bool:
    name = row.get("arrangement")
    return row.get("bundle") == bundle and (name in (None, "", "*", bundle) or name == f"bundle:{bundle}")


def _reduction(ratio: float) -> float:
    return min(1.0, max(0.0, 1.0 - ratio))


def effects_from_evaluation(rows: Iterable[Mapping[str, Any]] | None, assumptions: Effects) -> dict[str, Effect]:
    """Per planner type code: the measured reduction where the evaluation has a number, else the assumption."""
    usable = [r for r in (rows or ()) if isinstance(r, Mapping) and _usable(r)]
    out = {}
    for t in assumptions:
        row = next((r for r in usable if r.get("arrangement") == t.code), None) or next(
            (r for r in usable if _is_bundle_row(r, t.bundle)), None)
        if row is None:
            out[t.code] = Effect(code=t.code, reduction=t.reduction, status=t.status, source=t.source,
                                 hazard_ratio=t.hazard_ratio, interval=t.interval, n_matched=t.n_matched)
            continue
        ratio = float(row["ratio"])
        low, high = _number(row.get("ci_low")), _number(row.get("ci_high"))
        interval = None if low is None or high is None else (low, high)
        matched = row.get("n_matched")
        out[t.code] = Effect(code=t.code, reduction=_reduction(ratio), status="gemeten", source=EVALUATION_SOURCE,
                             hazard_ratio=ratio, interval=interval,
                             n_matched=matched if isinstance(matched, int) and not isinstance(matched, bool) else None)
    return out


def with_evidence(effects: Effects, rows: Iterable[Mapping[str, Any]] | None) -> Effects:
    """The effects the planner solves with: measured types replaced, the rest as in the file."""
    chosen = effects_from_evaluation(rows, effects)
    types: list[ArrangementType] = []
    for t in effects:
        e = chosen[t.code]
        if e.status == "gemeten" and e.source == EVALUATION_SOURCE:
            t = replace(t, reduction=e.reduction, assumption=False, source=e.source, by_category=(),
                        interval=e.interval, hazard_ratio=e.hazard_ratio, n_matched=e.n_matched)
        types.append(t)
    return replace(effects, types=tuple(types))
