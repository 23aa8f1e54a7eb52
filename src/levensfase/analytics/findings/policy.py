"""Findings of the policy sections of the analysis document: absence and work ability, the policy
scan (development against sparing) and competencies (untapped potential against development
money). Shares say what they are shares of; a section without input says so (DESIGN §6a)."""

from __future__ import annotations

from typing import Any

from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.groups import groups_from_rows, highest_group_finding
from levensfase.analytics.findings.numbers import number, percent
from levensfase.analytics.findings.words import group_labels, listed, phase_labels

__all__ = ["competencies_findings", "employability_findings", "falling_findings", "policy_scan_findings", "published"]

def published(rows: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["by"] == by and not r["suppressed"]]

def _has(report: dict[str, Any], table: str) -> bool:
    return (report.get("coverage") or {}).get(table, 1) > 0

def employability_findings(report: dict[str, Any]) -> list[Finding]:
    """Work ability (the worst group, the falling groups) and absence — absence only when absences
    were recorded (never "verzuim 0,0%" from no data: the coverage line says "geen verzuimgegevens")."""
    e = report.get("employability") or {}
    absence = e.get("absence") or {}
    out = [*work_ability_findings(report), *report_falling_findings(report)]
    if not _has(report, "absences"):
        return out
    if absence.get("suppressed") or absence.get("verzuimpercentage") is None:
        return out + [Finding(section="employability", kind="missing_data", text_nl="Het verzuim is niet te tonen "
                              "(te kleine groep).", text_en="Absence cannot be shown (group too small).")]
    rate = absence["verzuimpercentage"]
    return out + [Finding(section="employability", kind="fact", n=absence.get("population"),
                          numbers={"verzuimpercentage": rate, "meldingsfrequentie": absence.get("meldingsfrequentie")},
                          text_nl=f"Het verzuimpercentage over de laatste 12 maanden is {percent(rate / 100, 'nl')}.",
                          text_en=f"The absence percentage over the last 12 months is {percent(rate / 100, 'en')}.")]


def work_ability_findings(report: dict[str, Any]) -> list[Finding]:
    """The life phase with the highest share of moderate or poor work ability (WAI < 37) in the
    latest survey year, named only with ≥ 20 respondents and a separate Wilson interval."""
    if not _has(report, "surveys"):
        return []
    rows = ((report.get("employability") or {}).get("work_ability") or {}).get("life_phase") or []
    if not rows:
        return []
    year = max(r["year"] for r in rows)
    latest = [r | {"low": round(r["share_low"] * r["respondents"] / 100)} for r in rows
              if r["year"] == year and not r["suppressed"] and r.get("share_low") is not None and r.get("respondents")]
    names = phase_labels(report)
    groups = groups_from_rows(latest, count="low", n="respondents", key="group",
                              labels={k: (f"levensfase {nl}", f"life phase {en}") for k, (nl, en) in names.items()})
    return [highest_group_finding(groups, section="employability", unit=("respondenten", "respondents"),
                                  measure=(f"Het aandeel met matig of slecht werkvermogen (WAI < 37) in {year}",
                                           f"The share with moderate or poor work ability (WAI < 37) in {year}"))]


def report_falling_findings(report: dict[str, Any]) -> list[Finding]:
    """`falling_findings` on the employability section of the analysis document."""
    if not _has(report, "surveys"):
        return []
    e = report.get("employability") or {}
    years = sorted({r["year"] for r in (e.get("work_ability") or {}).get("life_phase") or []})
    phases = phase_labels(report)

    def label(grouping: str, group: str) -> tuple[str, str]:
        if grouping == "life_phase":
            nl, en = phases.get(group, (group, group))
            return f"levensfase {nl}", f"life phase {en}"
        return group_labels(report, grouping).get(group)

    return falling_findings(e.get("falling_work_ability") or [], years=years, label=label,
                            min_pairs=e.get("falling_min_pairs") or 20)


def falling_findings(rows: list[dict[str, Any]], *, years: list[int], label, min_pairs: int,
                     section: str = "employability") -> list[Finding]:
    """One sentence per group whose work ability fell beyond chance (`employability.falling_groups`:
    the same respondents in both years, a 95% interval below zero); else that no group did."""
    if len(years) < 2:
        return [Finding(section=section, kind="not_falling", numbers={"years": years},
                        text_nl="Er is maar één meetjaar; of het werkvermogen daalt, is nog niet vast te stellen.",
                        text_en="There is only one survey year; whether work ability is falling cannot be told yet.")]
    y1, y2 = years[-2], years[-1]
    if not rows:
        return [Finding(section=section, kind="not_falling", numbers={"year_from": y1, "year_to": y2,
                                                                       "min_pairs": min_pairs},
                        text_nl=f"In geen enkele groep daalt het werkvermogen van {y1} tot {y2} meer dan het toeval "
                                f"toelaat (dezelfde respondenten in beide jaren, groepen met minstens {min_pairs} van "
                                "hen, 95%-interval).",
                        text_en=f"In no group did work ability fall from {y1} to {y2} by more than chance allows (the "
                                f"same respondents in both years, groups with at least {min_pairs} of them, 95% "
                                "interval).")]
    out = []
    for r in rows:
        nl, en = label(r.get("grouping", ""), r["group"])
        fall = lambda v, lang: number(-v, lang, 1)  # noqa: E731 - a fall of 3,0 points
        out.append(Finding(
            section=section, kind="falling", n=r["pairs"], interval=(r["change_low"], r["change_high"]),
            numbers={"grouping": r.get("grouping"), "group": r["group"], "change": r["change"], "pairs": r["pairs"],
                     "year_from": r["year_from"], "year_to": r["year_to"]},
            text_nl=f"Het werkvermogen daalt bij {nl}: bij dezelfde {r['pairs']} respondenten gemiddeld "
                    f"{fall(r['change'], 'nl')} punten lager in {r['year_to']} dan in {r['year_from']} (95%-interval "
                    f"{fall(r['change_high'], 'nl')} tot {fall(r['change_low'], 'nl')} punten).",
            text_en=f"Work ability is falling in {en}: the same {r['pairs']} respondents scored "
                    f"{fall(r['change'], 'en')} points lower on average in {r['year_to']} than in {r['year_from']} "
                    f"(95% interval {fall(r['change_high'], 'en')} to {fall(r['change_low'], 'en')} points)."))
    return out


def policy_scan_findings(report: dict[str, Any]) -> list[Finding]:
    """Which groups had no development at all, and the highest sparing share by age band."""
    scan = report.get("policy_scan") or {}
    rows = scan.get("rows") or []
    if not _has(report, "arrangements"):
        return []  # the coverage line says "geen regelingen geregistreerd": no "no development in 28 groups"
    out: list[Finding] = []
    shown = [r for r in rows if not r["suppressed"]]
    hidden = len(rows) - len(shown)
    none = [r for r in shown if r.get("uptake_development") == 0 and r["by"] != "unit"]
    names = {lang: [group_labels(report, r["by"]).get(str(r["value"]))[0 if lang == "nl" else 1] for r in none]
             for lang in ("nl", "en")}
    if none:
        out.append(Finding(section="policy_scan", kind="none_in_group",
                           numbers={"groups": [f"{r['by']}:{r['value']}" for r in none]},
                           text_nl=f"Geen enkele ontwikkelregeling in de afgelopen 12 maanden bij: {listed(names['nl'], 'nl')}.",
                           text_en=f"No development arrangement at all in the last 12 months in: "
                                   f"{listed(names['en'], 'en')}."))
    units_none = [r for r in shown if r.get("uptake_development") == 0 and r["by"] == "unit"]
    if units_none:
        n_units = len([r for r in shown if r["by"] == "unit"])
        out.append(Finding(section="policy_scan", kind="none_in_group", numbers={"units": len(units_none)},
                           text_nl=f"{len(units_none)} van de {n_units} getoonde afdelingen had geen ontwikkelregeling.",
                           text_en=f"{len(units_none)} of the {n_units} units shown had no development arrangement."))
    sparing = groups_from_rows([r for r in published(rows, "age_band") if r.get("persons_accommodative") is not None],
                               count="persons_accommodative", n="population", labels=group_labels(report, "age_band"))
    out.append(highest_group_finding(sparing, section="policy_scan", unit=("medewerkers", "employees"),
                                     measure=("Het aandeel medewerkers met een ontzieregeling",
                                              "The share of employees with a sparing arrangement")))
    if hidden:
        out.append(Finding(section="policy_scan", kind="share_of", numbers={"hidden_groups": hidden},
                           text_nl=f"{hidden} groep(en) zijn te klein om te tonen of verborgen om herleiding te "
                                   "voorkomen; de aandelen zijn aandelen van de medewerkers binnen elke getoonde groep.",
                           text_en=f"{hidden} group(s) are too small to show or hidden so they cannot be derived; the "
                                   "shares are shares of the employees within each group shown."))
    return out

def competencies_findings(report: dict[str, Any]) -> list[Finding]:
    """The age band with the highest share of assessed people with untapped skills (≥ 20 assessed)."""
    if not _has(report, "person_skills"):
        return []
    rows = (report.get("competencies") or {}).get("rows") or []
    groups = groups_from_rows(published(rows, "age_band"), count="persons_untapped", n="assessed",
                              labels=group_labels(report, "age_band"))
    return [highest_group_finding(groups, section="competencies", unit=("beoordeelden", "assessed"),
                                  measure=("Onbenut potentieel (beoordeelden met een vaardigheid die hun functie niet "
                                           "vraagt)", "Untapped potential (assessed people with a skill their job does "
                                           "not use)"))]
