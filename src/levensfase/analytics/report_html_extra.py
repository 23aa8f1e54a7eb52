"""Employability and policy-scan sections of the HTML report (split from report_html to stay readable).

Same rules as the rest of the page: only numbers from the report dict, a takeaway above each chart,
its table below, hidden cells as "< k".
"""

from __future__ import annotations

from html import escape
from typing import Any

from levensfase.documents.cells import decimal
from levensfase.documents.model import Chart, Heading, Html, Part, Section, Table

FALLING_SHOWN = 10  # the steepest falls; the JSON has them all

WORDS = {
    "nl": {
        "employability": "Duurzame inzetbaarheid", "policy_scan": "Beleidsscan: wie krijgt ontwikkeling?",
        "group": "Groep", "respondents": "Respondenten", "mean": "Gemiddelde WAI", "share_low": "Aandeel < 37",
        "population": "Mensen", "with_conversation_share": "Met loopbaangesprek",
        "with_plan_share": "Met plan", "development_share": "Met ontwikkelregeling",
        "sparing_share": "Met ontzieregeling", "spend_eur": "Uitgaven (€)",
        "take_absence": "Verzuimpercentage {from_}–{to}: {pct}%, meldingsfrequentie {mf} (zwangerschap niet "
        "meegeteld).",
        "take_absence_hidden": "Het verzuim over {from_}–{to} is verborgen: te weinig mensen.",
        "take_wai": "Werkvermogen (WAI) per levensfase in {year}: het laagst bij {group} ({mean}).",
        "take_wai_none": "Er zijn te weinig ingevulde WAI-vragenlijsten om groepen te tonen.",
        "falling": "Groepen waar het werkvermogen daalt",
        "more": "en nog {n} groepen (zie de JSON-uitvoer)",
    },
    "en": {
        "employability": "Sustainable employability", "policy_scan": "Policy scan: who gets development?",
        "group": "Group", "respondents": "Respondents", "mean": "Mean WAI", "share_low": "Share < 37",
        "population": "People", "with_conversation_share": "With career conversation",
        "with_plan_share": "With plan", "development_share": "With a development arrangement",
        "sparing_share": "With a sparing arrangement", "spend_eur": "Spend (€)",
        "take_absence": "Absence percentage {from_}–{to}: {pct}%, report frequency {mf} (pregnancy excluded).",
        "take_absence_hidden": "Absence over {from_}–{to} is hidden: too few people.",
        "take_wai": "Work ability (WAI) per life phase in {year}: lowest for {group} ({mean}).",
        "take_wai_none": "Too few WAI questionnaires were answered to show groups.",
        "falling": "Groups whose work ability is falling",
        "more": "and {n} more groups (see the JSON output)",
    },
}


def employability_html(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
    """Absence in one sentence, WAI per life phase in the latest year, groups where it falls."""
    e, x = report.get("employability"), WORDS[w["_lang"]]
    if not e:
        return []
    a = e["absence"]
    lang = w["_lang"]
    missing = {f["numbers"].get("input"): f["text_en" if lang == "en" else "text_nl"]
               for f in report.get("findings") or [] if f["kind"] == "missing_data" and f["section"] == "employability"}
    said = {f["kind"]: f["text_en" if lang == "en" else "text_nl"]
            for f in report.get("findings") or [] if f["section"] == "employability"}
    if "absences" in missing:  # no absence records: say so, never "verzuim 0,0%"
        absence = missing["absences"]
    elif said.get("fact"):
        absence = said["fact"]
    elif a["suppressed"] or a["verzuimpercentage"] is None:
        absence = x["take_absence_hidden"].format(from_=a["from"], to=a["to"])
    else:
        absence = decimal(x["take_absence"].format(from_=a["from"], to=a["to"], pct=a["verzuimpercentage"],
                                                   mf=a["meldingsfrequentie"]), lang)
    labels = report.get("phases", {}).get("labels", {})

    def label(by: str, group: str) -> str:
        return labels.get(group, {}).get(lang, group) if by == "life_phase" else group

    rows = e["work_ability"].get("life_phase", [])
    year = max((r["year"] for r in rows), default=None)
    latest = [r | {"value": label("life_phase", r["group"])} for r in rows if r["year"] == year]
    shown = [r for r in latest if not r["suppressed"] and r["mean"] is not None]
    wai_said = said.get("highest") or said.get("no_clear_difference")
    if shown and wai_said:  # a group named only by the rules of DESIGN §6a (analytics.findings)
        take = wai_said
    elif shown:
        low = min(shown, key=lambda r: (r["mean"], r["value"]))
        take = decimal(x["take_wai"].format(year=year, group=low["value"], mean=low["mean"]), lang)
    else:
        take = missing.get("surveys") or x["take_wai_none"]
    bar = [{"type": "bar", "x": [r["value"] for r in shown], "y": [r["mean"] for r in shown], "name": x["mean"]}]
    words = w | {"value": x["group"], "respondents": x["respondents"], "mean": x["mean"], "share_low": x["share_low"]}
    out: list[Part] = [Heading(x["employability"]), Html(f"<p class='takeaway'>{escape(absence)}</p>")]
    out.append(Section("", take, Chart(x["mean"], bar, "employability-wai"),
                       Table(latest, ["value", "respondents", "mean", "share_low"], words, k)))
    key = "text_en" if lang == "en" else "text_nl"
    falling = [f[key] for f in report.get("findings") or []
               if f["section"] == "employability" and f["kind"] in ("falling", "not_falling")]  # steepest fall first
    items = falling[:FALLING_SHOWN]
    if len(falling) > FALLING_SHOWN:
        items.append(x["more"].format(n=len(falling) - FALLING_SHOWN))
    if items:  # no sentence without surveys: the coverage line says they are missing
        out += [Heading(x["falling"], level=3),
                Html("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")]
    return out


def policy_scan_html(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
    """The generated summary, development vs sparing per age band, and the whole scan as a table."""
    p, x = report.get("policy_scan"), WORDS[w["_lang"]]
    if not p:
        return []
    take = p["summary_nl"] if w["_lang"] == "nl" else p["summary_en"]  # built from the findings
    bands = [r for r in p["rows"] if r["by"] == "age_band" and not r["suppressed"]]
    bars = [{"type": "bar", "x": [r["value"] for r in bands], "y": [r[c] for r in bands], "name": x[c]}
            for c in ("development_share", "sparing_share")]
    columns = ["by", "value", "population", "with_conversation_share", "with_plan_share", "development_share",
               "sparing_share", "spend_eur"]
    words = w | {c: x[c] for c in columns if c in x}
    return [Section(x["policy_scan"], take, Chart(f"{x['development_share']} · {w['age_band']}", bars, "policy-scan"),
                    Table(p["rows"], columns, words, k), plain=True)]
