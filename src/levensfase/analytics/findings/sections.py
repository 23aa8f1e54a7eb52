"""Findings of the workforce sections of the analysis document: data coverage, flows with
influenceable outflow, the pension wave, retention and life phases (DESIGN §4, §5, §6a).

Each function reads only the JSON-ready report dict (whose tables have passed privacy.suppress)
and returns a list of Findings; `report_findings` strings them together with the policy sections.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levensfase.analytics.findings.coverage import anonymised_leavers_finding, missing_input_finding
from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.groups import Group, highest_group_finding, lowest_group_finding
from levensfase.analytics.findings.numbers import day, number, percent
from levensfase.analytics.findings.stats import wilson
from levensfase.analytics.findings.words import group_labels, phase_labels

__all__ = ["COVERAGE_INPUTS", "coverage_findings", "outflow_findings", "pension_wave_finding", "phases_findings",
           "retention_findings", "rate_groups"]

# Input table → the section it feeds (the words are coverage.MISSING's).
COVERAGE_INPUTS = {"absences": "employability", "surveys": "employability", "arrangements": "policy_scan",
                   "conversations": "policy_scan", "life_events": "phases", "person_skills": "competencies"}
# Sections whose people-level inputs retention of leavers removes (model.data_retention.REMOVED).
RETENTION_SECTIONS = ("phases", "employability", "policy_scan", "competencies")


def coverage_findings(report: dict[str, Any]) -> list[Finding]:
    """One line per input that is absent (that section draws no conclusion from it: missing is not
    zero), and per section what retention of leavers' data took from it."""
    coverage = report.get("coverage") or {}
    out = [missing_input_finding(table, section=section) for table, section in COVERAGE_INPUTS.items()
           if coverage.get(table, 0) == 0]
    anonymised = (report.get("data_coverage") or {}).get("anonymised_people") or 0
    out += [f for section in RETENTION_SECTIONS
            if (f := anonymised_leavers_finding(section=section, anonymised=anonymised, k=report.get("k", 5)))]
    return out


def rate_groups(rows: list[dict[str, Any]], labels: dict, *, count: str = "influenceable") -> list[Group]:
    """Groups whose value is count per 100 of the average stock; the interval is Wilson on the
    people in the group that year (each leaves at most once), put on the same per-100 scale."""
    out = []
    for r in rows:
        if r.get("suppressed") or not r.get("population") or not r.get("average_stock"):
            continue
        nl, en = labels.get(str(r["value"]), (str(r["value"]), str(r["value"])))
        out.append(Group(key=str(r["value"]), label_nl=nl, label_en=en, count=r[count], n=int(r["population"]),
                         scale=100 * r["population"] / r["average_stock"]))
    return out


def _rate(value: float | None, lang: str) -> str:
    return "–" if value is None else number(value, lang, 1) + "%"


def outflow_findings(report: dict[str, Any]) -> list[Finding]:
    """The outflow headline (influenceable outflow, DESIGN §4), the highest group, and a partial first year."""
    outflow = report.get("outflow") or {}
    out: list[Finding] = []
    years = outflow.get("years") or []
    if outflow.get("partial_first_year") and years:
        out.append(Finding(section="flows", kind="partial_year", numbers={"year": years[0]},
                           text_nl=f"{years[0]} is een onvolledig jaar: de gegevens beginnen in de loop van dat jaar.",
                           text_en=f"{years[0]} is a partial year: the records begin during that year."))
    window = outflow.get("last_12_months") or {}
    rows = [r for r in window.get("total") or [] if not r["suppressed"]]
    if not rows:
        return out + [Finding(section="flows", kind="missing_data", text_nl="Er zijn geen uitstroomcijfers te tonen.",
                              text_en="There are no outflow figures to show.")]
    last = rows[0]
    band = wilson(last["influenceable"], last["population"])
    scale = 100 * last["population"] / last["average_stock"] if last["average_stock"] else 0
    interval = None if band is None else (band[0] * scale, band[1] * scale)
    nums = {key: last[key] for key in ("influenceable", "voluntary", "disability", "early_retirement", "pension",
                                       "involuntary", "death", "outflow", "influenceable_rate", "average_stock")}
    nums |= {"from": window["from"], "to": window["to"]}
    when_nl, when_en = period(window, "nl"), period(window, "en")
    years = window_years(window)
    share_nl, share_en = _rate(last["influenceable_rate"], "nl"), _rate(last["influenceable_rate"], "en")
    if years > 1.01 and last["influenceable_rate"] is not None:  # a longer period is shown per year (DESIGN §4)
        nums["influenceable_rate_per_year"] = round(last["influenceable_rate"] / years, 4)
        share_nl = _rate(last["influenceable_rate"] / years, "nl") + " per jaar"
        share_en = _rate(last["influenceable_rate"] / years, "en") + " a year"
    unknown = unknown_reasons(last)
    if unknown is not None and last["other"] == last["outflow"]:
        return out + [unknown]
    out.append(Finding(
        section="flows", kind="influenceable_outflow", numbers=nums, n=last["population"], interval=interval,
        text_nl=f"{when_nl} vertrokken {last['influenceable']} mensen die het beleid had kunnen houden (beïnvloedbare "
                f"uitstroom: {last['voluntary']} vrijwillig, {last['disability']} arbeidsongeschikt, "
                f"{last['early_retirement']} vervroegd met pensioen vóór de AOW-datum): "
                f"{share_nl} van het gemiddelde personeelsbestand. Daarnaast gingen "
                f"{last['pension']} mensen op of na hun AOW-datum met pensioen (de pensioengolf, geen verlies) en "
                f"vertrokken er {last['involuntary']} op initiatief van de werkgever.",
        text_en=f"{when_en}, {last['influenceable']} people left whom policy could have kept (influenceable outflow: "
                f"{last['voluntary']} voluntary, {last['disability']} disability, {last['early_retirement']} early "
                f"retirement before the AOW date): {share_en} of the average workforce. "
                f"Besides, {last['pension']} people retired on or after their AOW date (the pension wave, not a loss) "
                f"and {last['involuntary']} left at the employer's initiative."))
    if unknown is not None:
        out.append(unknown)
    bands = (window.get("by_category") or {}).get("age_band", [])
    out.append(highest_group_finding(rate_groups(bands, group_labels(report, "age_band")), section="flows",
                                     measure=("De beïnvloedbare uitstroom per leeftijdsgroep",
                                              "Influenceable outflow per age band"),
                                     fmt=lambda v, lang: _rate(v, lang)))
    return out


def unknown_reasons(row: dict[str, Any]) -> Finding | None:
    """Exits without a known reason ("other") cannot be called influenceable or not: say how many."""
    other, outflow = row.get("other") or 0, row.get("outflow") or 0
    if not other:
        return None
    rate = 100 * outflow / row["average_stock"] if row.get("average_stock") else None
    if other == outflow:
        return Finding(section="flows", kind="missing_data", n=outflow, numbers={"outflow": outflow, "unknown": other},
                       text_nl=f"{outflow} mensen vertrokken ({_rate(rate, 'nl')} van het gemiddelde personeelsbestand), "
                               "maar van geen van hen is de vertrekreden bekend: hoeveel daarvan beïnvloedbaar was, is "
                               "niet vast te stellen.",
                       text_en=f"{outflow} people left ({_rate(rate, 'en')} of the average workforce), but for none of "
                               "them is the reason known: how much of it could have been kept cannot be told.")
    return Finding(section="flows", kind="coverage", n=outflow, numbers={"outflow": outflow, "unknown": other},
                   text_nl=f"Van {other} van de {outflow} vertrekkers is de reden onbekend; de beïnvloedbare uitstroom "
                           "kan dus hoger zijn.",
                   text_en=f"For {other} of the {outflow} leavers the reason is unknown, so influenceable outflow may "
                           "be higher.")


def window_years(window: dict[str, Any]) -> float:
    """The window's length in years (days / 365); 1 when it has no first day."""
    if not window.get("from") or not window.get("to"):
        return 1.0
    first, last = date.fromisoformat(str(window["from"])), date.fromisoformat(str(window["to"]))
    return ((last - first).days + 1) / 365


def period(window: dict[str, Any], lang: str) -> str:
    """"In de 12 maanden tot 6 december 2026" / "In the 12 months to 6 December 2026"; a window of
    another length (a dashboard's chosen period) is named by its first and last day."""
    first, last = (date.fromisoformat(str(window[key])) if window.get(key) else None for key in ("from", "to"))
    if first is not None and not 364 <= (last - first).days <= 366:
        if lang == "nl":
            return f"Van {day(first, 'nl')} tot en met {day(last, 'nl')}"
        return f"From {day(first, 'en')} to {day(last, 'en')}"
    if lang == "nl":
        return f"In de 12 maanden tot en met {day(window['to'], 'nl')}"
    return f"In the 12 months to {day(window['to'], 'en')}"


def pension_wave_finding(report: dict[str, Any]) -> Finding:
    """The pension wave as its own finding: AOW dates in the next five years of the people employed now."""
    outflow = report.get("outflow") or {}
    wave = outflow.get("pension_wave") or []
    shown = [r for r in wave if not r["suppressed"]]
    if not wave:
        return Finding(section="pension_wave", kind="missing_data", text_nl="Er is geen pensioengolf te berekenen.",
                       text_en="No pension wave can be computed.")
    total = sum(r["persons"] for r in shown)
    hidden = len(wave) - len(shown)
    peak = max(shown, key=lambda r: (r["persons"], -r["year"])) if shown else None
    peak = peak if peak and peak["persons"] else None
    assumed = not all(r["statutory"] for r in shown)
    per_year_nl = "; ".join(f"tot {day(r['to'], 'nl')}: {'< ' + str(report['k']) if r['suppressed'] else r['persons']}"
                            for r in wave)
    per_year_en = "; ".join(f"to {day(r['to'], 'en')}: {'< ' + str(report['k']) if r['suppressed'] else r['persons']}"
                            for r in wave)
    window = outflow.get("last_12_months") or {}
    last_year = ((window.get("total") or [{}]) or [{}])[0]
    retired = None if last_year.get("suppressed", True) else last_year.get("pension")
    nl = (f"In de komende vijf jaar bereiken {total}{' of meer' if hidden else ''} van de huidige medewerkers hun "
          f"AOW-datum ({per_year_nl}).")
    en = (f"In the next five years {total}{' or more' if hidden else ''} of today's employees reach their AOW date "
          f"({per_year_en}).")
    if peak:
        nl += f" De meeste vallen in het jaar tot {day(peak['to'], 'nl')} ({peak['persons']})."
        en += f" Most fall in the year to {day(peak['to'], 'en')} ({peak['persons']})."
    if retired is not None:
        nl += f" {period(window, 'nl')} gingen {retired} mensen op of na hun AOW-datum met pensioen; dat is geen verlies maar de pensioengolf."
        en += f" {period(window, 'en')}, {retired} people retired on or after their AOW date; that is the pension wave, not a loss."
    if assumed:
        until = outflow.get("aow_statutory_until")
        nl += f" AOW-data na {until} rusten op een aangenomen stijging van de levensverwachting."
        en += f" AOW dates after {until} rest on an assumed rise in life expectancy."
    return Finding(section="pension_wave", kind="pension_wave", n=total,
                   numbers={"next_5_years": total, "per_year": [None if r["suppressed"] else r["persons"] for r in wave],
                            "retired_at_aow_last_year": retired, "assumed_life_expectancy": assumed},
                   text_nl=nl, text_en=en)


def retention_findings(report: dict[str, Any]) -> list[Finding]:
    """Lowest two-year retention by age band at hire, named only with ≥ 20 spells and a separate Greenwood band."""
    rows = [r for r in report.get("retention") or [] if r["by"] == "age_band" and not r["suppressed"]
            and r.get("survival_2y") is not None and r.get("survival_2y_low") is not None]
    labels = group_labels(report, "age_band")
    groups = [Group(key=r["value"], label_nl=labels.get(r["value"])[0] + " (bij indiensttreding)",
                    label_en=labels.get(r["value"])[1] + " (at hire)", count=0, n=int(r["n"]),
                    value=r["survival_2y"], interval=(r["survival_2y_low"], r["survival_2y_high"])) for r in rows]
    if not groups:
        return [Finding(section="retention", kind="missing_data", text_nl="Er zijn geen behoudcijfers te tonen.",
                        text_en="There are no retention figures to show.")]
    return [lowest_group_finding(groups, section="retention", unit=("dienstverbanden", "spells"),
                                 measure=("Behoud na twee jaar", "Retention after two years"))]


def phases_findings(report: dict[str, Any]) -> list[Finding]:
    """Phases overlap (said every time), and how much of each axis came from age instead of data."""
    phases = report.get("phases") or {}
    out = [Finding(section="phases", kind="overlap", text_nl="Levensfasen overlappen: iemand kan tegelijk in meer "
                   "fasen zitten (bijvoorbeeld spitsuur en late loopbaan), dus de aandelen tellen niet op tot 100%.",
                   text_en="Life phases overlap: one person can be in several at once (for example rush hour and "
                   "late career), so the shares do not add up to 100%.")]
    fallback = phases.get("age_fallback") or {}
    for axis, nl_axis, en_axis in (("private_life", "privésituatie", "private-life situation"),
                                   ("career", "loopbaanfase", "career phase")):
        part = fallback.get(axis) or {}
        share, people = part.get("share"), part.get("people")
        if share:
            out.append(Finding(
                section="phases", kind="share_of", numbers={"axis": axis, "people": people, "share": share},
                n=phases.get("headcount"),
                text_nl=f"Bij {percent(share, 'nl')} van de medewerkers ({people}) is de {nl_axis} afgeleid uit de "
                        "leeftijd, omdat gegevens ontbraken; fasen die daarop rusten zijn een schatting.",
                text_en=f"For {percent(share, 'en')} of employees ({people}) the {en_axis} was derived from age "
                        "because data were missing; phases resting on it are an estimate."))
    names = phase_labels(report)
    for r in phases.get("named", []):
        if r["suppressed"] or not r.get("from_age") or not r.get("headcount"):
            continue
        nl, en = names.get(r["value"], (r["value"], r["value"]))
        out.append(Finding(
            section="phases", kind="share_of", n=r["headcount"],
            numbers={"phase": r["value"], "headcount": r["headcount"], "share": r["share"], "from_age": r["from_age"]},
            text_nl=f"{nl}: {percent(r['share'], 'nl')} van de medewerkers ({r['headcount']}), van wie {r['from_age']} "
                    "met een uit de leeftijd afgeleide loopbaan- of privésituatie (gegevens ontbraken).",
            text_en=f"{en}: {percent(r['share'], 'en')} of employees ({r['headcount']}), of whom {r['from_age']} on "
                    "age alone (career or private-life data were missing)."))
    hidden = [r for r in phases.get("named", []) if r["suppressed"]]
    if hidden:
        out.append(Finding(section="phases", kind="share_of", numbers={"hidden_groups": len(hidden)},
                           text_nl=f"{len(hidden)} levensfase(n) zijn te klein om te tonen; de aandelen zijn aandelen "
                                   "van alle medewerkers, niet van de getoonde groepen.",
                           text_en=f"{len(hidden)} life phase(s) are too small to show; the shares are shares of all "
                                   "employees, not of the groups shown."))
    return out
