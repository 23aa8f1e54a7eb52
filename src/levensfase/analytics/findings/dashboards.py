"""Findings for the dashboard takeaways: the same rules and sentences as the report, called on the
tables a dashboard selector already has (polars frames after privacy.suppress) or on the core.

A selector becomes load → core function → panel; its takeaway is one of these Findings'
`text(lang)`. None of these import Django: labels come in as a mapping value → (nl, en).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl

from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.groups import Group, groups_from_rows, highest_group_finding, lowest_group_finding
from levensfase.analytics.findings.numbers import percent
from levensfase.analytics.findings.sections import outflow_findings, rate_groups
from levensfase.analytics.outflow_kinds import EXIT_KINDS, PARTS, outflow_in_window
from levensfase.analytics.privacy import suppress
from levensfase.analytics.retention import KaplanMeier
from levensfase.model.workforce import Workforce

__all__ = ["influenceable_outflow_findings", "losing_group_finding", "outflow_not_split_finding", "retention_group_finding",
           "share_group_finding"]

Labels = Mapping[str, tuple[str, str]]


def share_group_finding(table: pl.DataFrame, *, count: str, n: str, section: str, measure: tuple[str, str],
                        labels: Labels | None = None, which: str = "highest",
                        unit: tuple[str, str] = ("personen", "people")) -> Finding:
    """Highest (or lowest) share count/n among the published rows of a suppressed table (Wilson, ≥ 20)."""
    groups = groups_from_rows(table.to_dicts(), count=count, n=n, labels=labels)
    pick = highest_group_finding if which == "highest" else lowest_group_finding
    return pick(groups, section=section, measure=measure, unit=unit)


def losing_group_finding(table: pl.DataFrame, *, count: str = "influenceable", population: str = "population",
                         average_stock: str = "average_stock", labels: Labels | None = None,
                         section: str = "flows") -> Finding:
    """"Which group are we losing?": the highest rate of `count` per 100 of the average stock among
    the published rows, named only with ≥ 20 people and a separate Wilson interval."""
    rows = table.rename({population: "population", average_stock: "average_stock"}).to_dicts()
    return highest_group_finding(rate_groups(rows, labels or {}, count=count), section=section,
                                 measure=("De beïnvloedbare uitstroom", "Influenceable outflow"),
                                 fmt=lambda v, lang: percent(v / 100, lang))


def retention_group_finding(curves: Mapping[str, KaplanMeier], *, years: float = 2.0, published: set[str] | None = None,
                            labels: Labels | None = None, section: str = "retention") -> Finding:
    """The group that stays least after `years`, named only with ≥ 20 spells and a Greenwood band
    (the curve's 95% band) that does not overlap the nearest other group's."""
    labels = labels or {}
    groups = []
    for value, km in curves.items():
        if published is not None and value not in published:
            continue
        timeline = km.table["timeline"].to_list()
        if not timeline or years > timeline[-1]:
            continue
        i = sum(1 for t in timeline if t <= years) - 1
        nl, en = labels.get(value, (value, value))
        groups.append(Group(key=value, label_nl=nl, label_en=en, count=0, n=km.n,
                            value=float(km.table["survival"][i]),
                            interval=(float(km.table["ci_lower"][i]), float(km.table["ci_upper"][i]))))
    return lowest_group_finding(groups, section=section, unit=("dienstverbanden", "spells"),
                                measure=("Het behoud na twee jaar" if years == 2.0 else f"Het behoud na {years:g} jaar",
                                         "Retention after two years" if years == 2.0 else f"Retention after {years:g} years"))


def influenceable_outflow_findings(workforce: Workforce, *, start: date, end: date, k: int,
                                   by: str = "age_band", labels: Labels | None = None) -> list[Finding]:
    """The outflow headline of a period (influenceable outflow; the pension wave and the employer's
    exits apart) and the group losing most, exactly as the report says it."""
    values = ["average_stock", "outflow", *EXIT_KINDS, *PARTS, "influenceable_rate", "pension_rate"]
    total = suppress(outflow_in_window(workforce, start=start, end=end), k=k, values=values, has_total=False).table
    groups = suppress(outflow_in_window(workforce, start=start, end=end, by=by), k=k, values=values).table
    window = {"from": start.isoformat(), "to": end.isoformat(), "total": total.to_dicts(),
              "by_category": {"age_band": groups.to_dicts()}}
    found = outflow_findings({"k": k, "outflow": {"last_12_months": window}})
    if by != "age_band" or labels:
        found = [f for f in found if f.kind not in ("highest", "no_clear_difference")]
        found.append(losing_group_finding(groups, labels=labels))
    return found


def outflow_not_split_finding(by_nl: str, by_en: str, *, section: str = "categories") -> Finding:
    """For a category the exit kinds are not counted by (life phases overlap, so an exit cannot be
    given one phase): say that no group is named as "lost", rather than fall back on all outflow."""
    return Finding(section=section, kind="missing_data", numbers={"by": by_en},
                   text_nl=f"De beïnvloedbare uitstroom wordt niet per {by_nl} geteld; er wordt dus geen {by_nl} "
                           "genoemd die we verliezen (zie de indeling naar leeftijdsgroep).",
                   text_en=f"Influenceable outflow is not counted per {by_en}; no {by_en} is therefore named as one "
                           "we are losing (see the breakdown by age band).")
