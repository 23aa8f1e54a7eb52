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
from levensfase.analytics.findings.numbers import euro, percent
from levensfase.analytics.findings.sections import outflow_findings, rate_groups
from levensfase.analytics.findings.stats import MIN_N
from levensfase.analytics.protected_year_outflow import outflow_window_table
from levensfase.analytics.retention import KaplanMeier
from levensfase.model.workforce import Workforce

__all__ = ["competency_findings", "influenceable_outflow_findings", "losing_group_finding", "money_range_finding",
           "outflow_not_split_finding", "outflow_window_tables", "retention_group_finding", "share_group_finding",
           "survey_group_finding"]

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
                                   by: str = "age_band", labels: Labels | None = None,
                                   unit: str | None = None) -> list[Finding]:
    """The outflow headline of a period (influenceable outflow; the pension wave and the employer's
    exits apart) and the group losing most, exactly as the report says it. `workforce`: the user's
    whole scope, `unit` the chosen subtree (its numbers are withheld as the scope's pages decide)."""
    total, groups = outflow_window_tables(workforce, start=start, end=end, k=k, by=by, unit=unit)
    window = {"from": start.isoformat(), "to": end.isoformat(), "total": total.to_dicts(),
              "by_category": {"age_band": groups.to_dicts()}}
    found = outflow_findings({"k": k, "outflow": {"last_12_months": window}})
    if by != "age_band" or labels:
        found = [f for f in found if f.kind not in ("highest", "no_clear_difference")]
        found.append(losing_group_finding(groups, labels=labels))
    return found


def outflow_window_tables(workforce: Workforce, *, start: date, end: date, k: int, by: str = "age_band",
                          unit: str | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The period's outflow per kind, in total and per group of `by`: the numbers the headline reads."""
    return (outflow_window_table(workforce, start=start, end=end, by=None, k=k, unit=unit),
            outflow_window_table(workforce, start=start, end=end, by=by, k=k, unit=unit))


def outflow_not_split_finding(by_nl: str, by_en: str, *, section: str = "categories") -> Finding:
    """For a category the exit kinds are not counted by (life phases overlap, so an exit cannot be
    given one phase): say that no group is named as "lost", rather than fall back on all outflow."""
    return Finding(section=section, kind="missing_data", numbers={"by": by_en},
                   text_nl=f"De beïnvloedbare uitstroom wordt niet per {by_nl} geteld; er wordt dus geen {by_nl} "
                           "genoemd die we verliezen (zie de indeling naar leeftijdsgroep).",
                   text_en=f"Influenceable outflow is not counted per {by_en}; no {by_en} is therefore named as one "
                           "we are losing (see the breakdown by age band).")


def competency_findings(rows: list[dict], *, labels: Labels | None = None) -> list[Finding]:
    """The groups with the most untapped potential and the largest development need, as shares of
    the assessed people (not of everyone: someone never assessed is unknown), among rows whose
    shares are published; named only with ≥ 20 assessed and a separate Wilson interval."""
    shown = [r for r in rows if not r.get("shares_withheld") and not r.get("suppressed")]
    unit = ("beoordeelden", "assessed people")
    return [highest_group_finding(groups_from_rows(shown, count=count, n="assessed", labels=labels),
                                  section="competencies", unit=unit, measure=measure)
            for count, measure in (
                ("persons_untapped", ("Het onbenut potentieel (aandeel van de beoordeelden met een vaardigheid die de "
                                      "functie niet vraagt)", "Untapped potential (share of the assessed with a skill "
                                      "their job does not use)")),
                ("persons_development_need", ("De ontwikkelbehoefte (aandeel van de beoordeelden onder het vereiste "
                                              "niveau)", "Development need (share of the assessed below the required "
                                              "level)")))]


def money_range_finding(rows: list[dict], *, labels: Labels | None = None, per_person: str = "training_spend_per_person",
                        population: str = "population") -> Finding:
    """Development money per employee from the lowest to the highest published group, over the
    groups of at least MIN_N employees only (a small group's mean per head swings on one person)."""
    labels = labels or {}
    shown = [r for r in rows if not r.get("suppressed") and r.get(population) and r.get(per_person) is not None]
    big = [r for r in shown if r[population] >= MIN_N]
    if shown and not any(r[per_person] for r in shown):
        return Finding(section="competencies", kind="fact", numbers={"groups": len(shown)},
                       text_nl="In deze selectie is geen ontwikkelgeld uitgegeven.",
                       text_en="No development money was spent in this selection.")
    if len(big) < 2:
        return Finding(section="competencies", kind="no_clear_difference", numbers={"min_n": MIN_N, "groups": len(big)},
                       text_nl=f"Ontwikkelgeld per medewerker: minder dan twee groepen hebben minstens {MIN_N} "
                               "medewerkers; de bedragen per groep staan in de tabel, zonder vergelijking.",
                       text_en=f"Development money per employee: fewer than two groups have at least {MIN_N} "
                               "employees; the amounts per group are in the table, without a comparison.")
    low = min(big, key=lambda r: (r[per_person], str(r["value"])))
    high = max(big, key=lambda r: (r[per_person], str(r["value"])))
    name = lambda r, i: labels.get(str(r["value"]), (str(r["value"]), str(r["value"])))[i]  # noqa: E731
    return Finding(section="competencies", kind="fact", n=sum(r[population] for r in big),
                   numbers={"low": {"group": str(low["value"]), "per_person": round(low[per_person], 2)},
                            "high": {"group": str(high["value"]), "per_person": round(high[per_person], 2)},
                            "min_n": MIN_N},
                   text_nl=f"Het ontwikkelgeld per medewerker loopt van {euro(low[per_person], 'nl')} ({name(low, 0)}) "
                           f"tot {euro(high[per_person], 'nl')} ({name(high, 0)}), over de groepen van minstens {MIN_N} "
                           "medewerkers.",
                   text_en=f"Development money per employee ranges from {euro(low[per_person], 'en')} ({name(low, 1)}) "
                           f"to {euro(high[per_person], 'en')} ({name(high, 1)}), over the groups of at least {MIN_N} "
                           "employees.")


def survey_group_finding(rows: list[dict], *, instrument: str, year: int, labels: Labels | None = None) -> Finding:
    """Which group scores worst in the survey `year`: for the WAI the highest share below 37 (a
    share of the respondents, Wilson, ≥ 20 respondents); a mean alone (UWES) has no interval here,
    so no group is named on it."""
    latest = [r for r in rows if r["year"] == year and not r["suppressed"] and r.get("respondents")]
    if instrument != "wai":
        return Finding(section="employability", kind="no_clear_difference", numbers={"year": year, "groups": len(latest)},
                       text_nl=f"De gemiddelde bevlogenheid per groep in {year} staat in de tabel; zonder de spreiding "
                               "van de scores wijzen we geen hoogste of laagste groep aan.",
                       text_en=f"The mean engagement per group in {year} is in the table; without the spread of the "
                               "scores no highest or lowest group is named.")
    counted = [r | {"low": round(r["share_low"] * r["respondents"] / 100)} for r in latest
               if r.get("share_low") is not None]
    groups = groups_from_rows(counted, count="low", n="respondents", key="group", labels=labels)
    return highest_group_finding(groups, section="employability", unit=("respondenten", "respondents"),
                                 measure=(f"Het aandeel met matig of slecht werkvermogen (WAI < 37) in {year}",
                                          f"The share with moderate or poor work ability (WAI < 37) in {year}"))
