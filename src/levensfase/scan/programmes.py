"""Change programmes (veranderingstrajecten) and what they achieved: difference-in-differences with
units as clusters (domain-facts §9a).

For each measure (a scan dimension, or an HR indicator) and each unit with a *published* value in
both rounds, the unit's change is follow-up − baseline. The programme's effect is the mean change of
its units minus the mean change of the comparison units; its 95% interval comes from the
between-unit variance of the changes (pooled over both groups, Student t with n_programme +
n_comparison − 2 degrees of freedom), so a handful of units gives an honestly wide interval. Only
published numbers go in, so nothing here can reveal what the privacy gate withheld.

Rests on parallel trends: without the programme, both groups would have changed alike. A unit is a
*cluster*: the finest units of the tree (units without sub-units) inside a programme unit count, and
"the rest" (comparison None) is every such unit outside all programme units.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from levensfase.analytics.employability import t975
from levensfase.scan.scoring import ALL

__all__ = ["IMPROVED", "INSUFFICIENT", "NO_CLEAR", "WORSENED", "DidEstimate", "Programme", "ProgrammeRow",
           "cluster_units", "did_estimate", "difference_in_differences"]

IMPROVED, WORSENED, NO_CLEAR, INSUFFICIENT = "improved", "worsened", "no_clear_difference", "insufficient_data"
FEW_UNITS = 3  # fewer programme or comparison units than this: the interval is wide, said so
# measures where a rise is bad: a fall counts as improvement
LOWER_IS_BETTER = frozenset({"influenceable_outflow", "untapped_competence_share"})


@dataclass(frozen=True)
class Programme:
    """A programme: its units, comparison units (None = the rest), the two measurement rounds
    (baseline date, follow-up date: the scan rounds' dates; HR indicators are taken on those days)
    and targets per dimension (the mean score the programme units should reach at follow-up)."""

    name: str
    start: date
    units: tuple[str, ...]
    comparison: tuple[str, ...] | None
    rounds: tuple[date, date]
    targets: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class DidEstimate:
    """Mean changes per group, their difference and its 95% interval (None with too few units)."""

    baseline: float | None
    follow_up: float | None
    change: float | None
    comparison_change: float | None
    did: float | None
    ci_low: float | None
    ci_high: float | None
    units: int
    comparison_units: int


@dataclass(frozen=True)
class ProgrammeRow:
    measure: str
    kind: str  # "dimension" | "hr"
    baseline: float | None
    follow_up: float | None
    change: float | None
    comparison_change: float | None
    did: float | None
    ci_low: float | None
    ci_high: float | None
    verdict: str  # improved | worsened | no_clear_difference | insufficient_data
    units: int = 0
    comparison_units: int = 0
    wide: bool = False  # few units: the interval is wide, and said so
    target: float | None = None
    target_met: bool | None = None

    def as_dict(self, digits: int = 3) -> dict[str, Any]:
        r = lambda v: None if v is None else round(v, digits)  # noqa: E731
        return {"measure": self.measure, "baseline": r(self.baseline), "follow_up": r(self.follow_up),
                "change": r(self.change), "comparison_change": r(self.comparison_change), "did": r(self.did),
                "ci_low": r(self.ci_low), "ci_high": r(self.ci_high), "verdict": self.verdict, "kind": self.kind,
                "units": self.units, "comparison_units": self.comparison_units, "wide": self.wide,
                "target": self.target, "target_met": self.target_met}


def _variance(xs: list[float]) -> float:
    mean = sum(xs) / len(xs)
    return sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)


def did_estimate(treated: Mapping[str, tuple[float, float]], comparison: Mapping[str, tuple[float, float]]
                 ) -> DidEstimate:
    """The difference-in-differences from per-unit (baseline, follow-up) values of both groups."""
    changes_t = [f - b for b, f in treated.values()]
    changes_c = [f - b for b, f in comparison.values()]
    n_t, n_c = len(changes_t), len(changes_c)
    mean = lambda xs: sum(xs) / len(xs) if xs else None  # noqa: E731
    base = mean([b for b, _ in treated.values()])
    follow = mean([f for _, f in treated.values()])
    m_t, m_c = mean(changes_t), mean(changes_c)
    did = m_t - m_c if m_t is not None and m_c is not None else None
    low = high = None
    if did is not None and n_t >= 2 and n_c >= 2:  # Welch: each group's own between-unit variance
        v_t, v_c = _variance(changes_t) / n_t, _variance(changes_c) / n_c
        se = math.sqrt(v_t + v_c)
        df = (v_t + v_c) ** 2 / (v_t ** 2 / (n_t - 1) + v_c ** 2 / (n_c - 1)) if se > 0 else n_t + n_c - 2
        half = t975(max(1, math.floor(df))) * se
        low, high = did - half, did + half
    elif did is not None and n_t + n_c - 2 >= 1:  # one unit on a side: the other side's variance, pooled
        df = n_t + n_c - 2
        squares = sum((x - m_t) ** 2 for x in changes_t) + sum((x - m_c) ** 2 for x in changes_c)
        half = t975(df) * math.sqrt(squares / df * (1 / n_t + 1 / n_c))
        low, high = did - half, did + half
    return DidEstimate(base, follow, m_t, m_c, did, low, high, n_t, n_c)


def cluster_units(programme: Programme, units: pl.DataFrame) -> tuple[list[str], list[str]]:
    """(programme clusters, comparison clusters): the units without sub-units inside the programme's
    units, and inside the comparison units (or, for "the rest", outside every programme unit)."""
    parent = dict(zip(units["unit_id"].to_list(), units["parent_id"].to_list()))
    has_children = {p for p in parent.values() if p is not None}
    leaves = sorted(u for u in parent if u not in has_children)

    def within(unit: str, tops: Sequence[str]) -> bool:
        seen: set[str] = set()
        current: str | None = unit
        while current is not None and current not in seen:
            if current in tops:
                return True
            seen.add(current)
            current = parent.get(current)
        return False

    treated = [u for u in leaves if within(u, programme.units)]
    if programme.comparison is None:
        rest = [u for u in leaves if u not in treated]
    else:
        rest = [u for u in leaves if within(u, programme.comparison) and u not in treated]
    return treated, rest


def _paired(before: Mapping[str, float], after: Mapping[str, float], clusters: list[str]) -> dict[str, tuple[float, float]]:
    return {u: (before[u], after[u]) for u in clusters if before.get(u) is not None and after.get(u) is not None}


def _row(measure: str, kind: str, est: DidEstimate, *, target: float | None) -> ProgrammeRow:
    if est.did is None or est.ci_low is None:
        verdict = INSUFFICIENT
    elif est.ci_low > 0:
        verdict = WORSENED if measure in LOWER_IS_BETTER else IMPROVED
    elif est.ci_high < 0:
        verdict = IMPROVED if measure in LOWER_IS_BETTER else WORSENED
    else:
        verdict = NO_CLEAR
    shown = verdict != INSUFFICIENT
    met = None
    if target is not None and est.follow_up is not None and shown:  # reached at follow-up (at most, for a fall)
        met = est.follow_up <= target if measure in LOWER_IS_BETTER else est.follow_up >= target
    return ProgrammeRow(measure, kind, *(v if shown else None for v in (
        est.baseline, est.follow_up, est.change, est.comparison_change, est.did, est.ci_low, est.ci_high)),
        verdict=verdict, units=est.units, comparison_units=est.comparison_units,
        wide=shown and (est.units < FEW_UNITS or est.comparison_units < FEW_UNITS), target=target, target_met=met)


def difference_in_differences(programme: Programme, *, scores: pl.DataFrame, units: pl.DataFrame,
                              dimensions: Sequence[str], hr: Mapping[date, pl.DataFrame] | None = None
                              ) -> list[ProgrammeRow]:
    """One row per dimension (from the published `scoring.unit_scores`, role "all") and per HR
    indicator (from `indicators.hr_indicators` taken on each round's date, `hr[date]`). A measure
    with a round missing, or with too few published units for an interval, is "insufficient_data"
    (onvoldoende gegevens) and shows no numbers."""
    treated, rest = cluster_units(programme, units)
    baseline, follow_up = programme.rounds
    rows: list[ProgrammeRow] = []
    published = scores.filter((pl.col("role") == ALL) & ~pl.col("suppressed") & pl.col("unit_id").is_not_null())
    for dimension in dimensions:
        per = published.filter(pl.col("dimension") == dimension)
        at = lambda day: {u: s for u, s in per.filter(pl.col("date") == day).select("unit_id", "score").iter_rows()}  # noqa: E731
        before, after = at(baseline), at(follow_up)
        est = did_estimate(_paired(before, after, treated), _paired(before, after, rest))
        rows.append(_row(dimension, "dimension", est, target=programme.targets.get(dimension)))
    if hr is not None:
        from levensfase.analytics.policy_scan import window_start
        from levensfase.scan.indicators import HR_MEASURES

        for measure in HR_MEASURES:
            def at_day(day: date) -> dict[str, float]:
                frame = hr.get(day)
                if frame is None:
                    return {}
                frame = frame.filter((pl.col("measure") == measure) & ~pl.col("suppressed")
                                     & pl.col("unit_id").is_not_null() & pl.col("value").is_not_null())
                return dict(frame.select("unit_id", "value").iter_rows())
            before, after = at_day(baseline), at_day(follow_up)
            if measure == "work_ability" and window_start(follow_up) <= baseline:
                before = {}  # overlapping windows share WAI answers: their difference could tell a few people's
            est = did_estimate(_paired(before, after, treated), _paired(before, after, rest))
            rows.append(_row(measure, "hr", est, target=programme.targets.get(measure)))
    return rows
