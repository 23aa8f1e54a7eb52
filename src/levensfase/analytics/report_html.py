"""The analysis document as one self-contained HTML file an adviser can mail (no network needed).

Pure Python over the dict of `report.build_report`: plotly charts with the plotly.js bundle
inlined once in the page, a one-sentence takeaway above each chart and its table below it (DESIGN
§9), suppressed cells shown as "< k" with the reason in a tooltip. Dutch by default, English with
lang="en". Only numbers from the report dict are shown, so the HTML says what the JSON says.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from levensfase.analytics.findings.numbers import number
from levensfase.analytics.privacy import display
from levensfase.analytics.report_html_competencies import competencies_html
from levensfase.analytics.report_html_ambitions import ambitions_html
from levensfase.analytics.report_html_extra import employability_html, policy_scan_html
from levensfase.analytics.report_html_verdict import STYLE as VERDICT_STYLE
from levensfase.analytics.report_html_verdict import finding_text, findings_html, verdict_html

__all__ = ["render_html"]

WORDS = {
    "nl": {
        "_lang": "nl", "title": "Levensfase-analyse", "as_of": "Peildatum", "k": "Kleinste getoonde groep",
        "composition": "Samenstelling", "flows": "Instroom, doorstroom en uitstroom", "retention": "Behoud",
        "phases": "Levensfasen", "headcount": "Aantal medewerkers", "fte": "Fte", "age_band": "Leeftijdsgroep",
        "year": "Jaar", "opening": "Begin", "inflow": "Instroom", "outflow": "Uitstroom",
        "transfers_net": "Saldo overgangen", "closing": "Eind", "internal_mobility": "Doorstroom",
        "promotions": "Promoties", "outflow_rate": "Verloop %", "inflow_rate": "Instroom %",
        "value": "Groep", "by": "Indeling", "n": "Dienstverbanden", "events": "Vertrokken",
        "median_years": "Mediane duur (jaar)", "survival_1y": "Na 1 jaar", "survival_2y": "Na 2 jaar",
        "survival_5y": "Na 5 jaar", "measured_from": "Gemeten vanaf", "share": "Aandeel", "from_age": "Uit leeftijd",
        "day": "Dag", "suppressed_note": "Groepen kleiner dan {k} personen zijn verborgen (“< {k}”) om herleidbaarheid "
        "tot personen te voorkomen; soms wordt een tweede groep mee verborgen zodat niets terug te rekenen is.",
        "suppressed_tip": "Verborgen: te kleine groep (privacy)", "no_data": "Geen gegevens om te tonen.",
        "take_pyramid": "De grootste leeftijdsgroep is {band}: {share} van de medewerkers.",
        "take_over_time": "Het aantal medewerkers ging van {first} ({d1}) naar {last} ({d2}).",
        "take_retention": "Na twee jaar is {all} van de dienstverbanden nog actief.",
        "take_phases": "De grootste levensfase is {phase}: {share} van de medewerkers.",
        "influenceable_rate": "Beïnvloedbare uitstroom %", "pension_rate": "Pensioen op/na AOW %",
        "influenceable": "Beïnvloedbaar", "pension": "Pensioen op/na AOW", "involuntary": "Werkgever",
        "other": "Reden onbekend", "population": "Mensen", "pension_wave": "Pensioengolf: AOW-data in de komende vijf jaar",
        "aow_persons": "Medewerkers die hun AOW-datum bereiken", "from": "Van", "to": "Tot en met",
        "persons": "Medewerkers",
        "all": "hele organisatie", "spell_start": "indiensttreding",
    },
    "en": {
        "_lang": "en", "title": "Life-phase analysis", "as_of": "As of", "k": "Smallest group shown",
        "composition": "Composition", "flows": "Inflow, internal mobility and outflow", "retention": "Retention",
        "phases": "Life phases", "headcount": "Headcount", "fte": "FTE", "age_band": "Age band",
        "year": "Year", "opening": "Opening", "inflow": "Inflow", "outflow": "Outflow",
        "transfers_net": "Net transfers", "closing": "Closing", "internal_mobility": "Internal mobility",
        "promotions": "Promotions", "outflow_rate": "Turnover %", "inflow_rate": "Inflow %",
        "value": "Group", "by": "Breakdown", "n": "Spells", "events": "Left",
        "median_years": "Median duration (years)", "survival_1y": "After 1 year", "survival_2y": "After 2 years",
        "survival_5y": "After 5 years", "measured_from": "Measured from", "share": "Share", "from_age": "From age",
        "day": "Day", "suppressed_note": "Groups of fewer than {k} people are hidden (“< {k}”) so that no one can be "
        "identified; sometimes a second group is hidden too, so nothing can be worked out by subtraction.",
        "suppressed_tip": "Hidden: group too small (privacy)", "no_data": "No data to show.",
        "take_pyramid": "The largest age band is {band}: {share} of employees.",
        "take_over_time": "Headcount went from {first} ({d1}) to {last} ({d2}).",
        "take_retention": "After two years {all} of employment spells are still running.",
        "take_phases": "The largest life phase is {phase}: {share} of employees.",
        "influenceable_rate": "Influenceable outflow %", "pension_rate": "Retirement at/after AOW %",
        "influenceable": "Influenceable", "pension": "Retirement at/after AOW", "involuntary": "Employer",
        "other": "Reason unknown", "population": "People", "pension_wave": "Pension wave: AOW dates in the next five years",
        "aow_persons": "Employees reaching their AOW date", "from": "From", "to": "To",
        "persons": "Employees",
        "all": "whole organisation", "spell_start": "hire date",
    },
}
AXIS_WORDS = {  # axis and state names of model/lifephase.py in the words of DESIGN §5/§9
    "nl": {"career": "Loopbaan", "private_life": "Privésituatie", "vitality": "Werkvermogen",
           "pension_horizon": "Pensioenhorizon", "starter": "starter", "growing": "groeiend",
           "established": "gevestigd", "late_career": "late loopbaan", "no_care_duties": "geen zorgtaken",
           "young_children": "jonge kinderen (< 4)", "school_age_children": "schoolgaande kinderen (4–17)",
           "caregiving": "mantelzorg", "excellent": "uitstekend", "good": "goed", "moderate": "matig",
           "poor": "slecht", "unknown": "onbekend", "distant": "> 10 jaar tot AOW", "approaching": "5–10 jaar tot AOW",
           "window": "< 5 jaar tot AOW", "no_named_phase": "geen benoemde fase"},
    "en": {"career": "Career", "private_life": "Private life", "vitality": "Work ability",
           "pension_horizon": "Pension horizon", "late_career": "late career", "no_care_duties": "no care duties",
           "young_children": "young children (< 4)", "school_age_children": "school-age children (4–17)",
           "caregiving": "informal caregiving", "distant": "> 10 years to AOW", "approaching": "5–10 years to AOW",
           "window": "< 5 years to AOW", "no_named_phase": "no named phase"},
}
_STYLE = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0 2rem;font-size:.9rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;
text-align:right}th:first-child,td:first-child{text-align:left}.suppressed{background:repeating-linear-gradient(45deg,
#eee,#eee 4px,#fff 4px,#fff 8px);color:#444}.takeaway{font-size:1.1rem;font-weight:600}.note{color:#444}"""


def render_html(report: dict[str, Any], *, lang: str = "nl") -> str:
    """The whole page as text (UTF-8); plotly.js inlined, so it opens without a network."""
    import plotly.offline

    w = WORDS["en" if lang == "en" else "nl"]
    k = report["k"]
    lang = w["_lang"]
    body = [f"<h1>{escape(w['title'])}</h1>",
            f"<p>{escape(w['as_of'])}: {escape(report['as_of'])} · {escape(w['k'])}: {k}</p>",
            verdict_html(report, lang),
            f"<p class='note'>{escape(w['suppressed_note'].format(k=k))}</p>"]
    if coverage := report.get("data_coverage"):  # pseudonymised leavers: reduced data coverage (AVG retention)
        body.append(f"<p class='note'>{escape(coverage['note_en' if lang == 'en' else 'note'])}</p>")
    body += _composition(report, w, k) + ["<a id='flows'></a>"] + _flows(report, w, k)
    body += ["<a id='pension-wave'></a>"] + _pension_wave(report, w, k) + _retention(report, w, k) + _phases(report, w, k)
    body += _covered(report, "employability", lang, ("coverage",),
                     employability_html(report, w, k, table=_table, section=_section, chart=_chart, decimal=_decimal))
    body += ["<a id='policy-scan'></a>"] + _covered(report, "policy_scan", lang, ("missing_data", "coverage"),
                                                    policy_scan_html(report, w, k, table=_table, section=_section,
                                                                     chart=_chart))
    body += ["<a id='competencies'></a>"] + _covered(report, "competencies", lang, ("coverage",),
                                                     competencies_html(report, w, k, table=_table, section=_section,
                                                                       chart=_chart))
    body += ["<a id='ambitions'></a>"] + ambitions_html(report, w, k, table=_table, section=_section)
    return (f"<!DOCTYPE html><html lang='{'en' if lang == 'en' else 'nl'}'><head><meta charset='utf-8'>"
            f"<title>{escape(w['title'])} {escape(report['as_of'])}</title><style>{_STYLE}{VERDICT_STYLE}</style>"
            f"<script type='text/javascript'>{plotly.offline.get_plotlyjs()}</script></head><body>"
            + "\n".join(body) + "</body></html>\n")


def _covered(report: dict[str, Any], section: str, lang: str, kinds: tuple[str, ...], parts: list[str]) -> list[str]:
    """The section's data-coverage lines (analytics.findings) right under its heading."""
    lines = findings_html(report, section, lang, kinds=kinds)
    return parts[:1] + [lines] + parts[1:] if parts and lines else parts


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _chart(figure_data: list[dict], title: str, div_id: str) -> str:
    import plotly.graph_objects as go

    figure = go.Figure(data=figure_data, layout={"title": title, "height": 380, "margin": {"t": 50}})
    return figure.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                          config={"displaylogo": False, "responsive": True})


def _table(rows: list[dict[str, Any]], columns: list[str], w: dict[str, str], k: int) -> str:
    if not rows:
        return f"<p>{escape(w['no_data'])}</p>"
    head = "".join(f"<th scope='col'>{escape(w.get(c, c))}</th>" for c in columns)
    lines = []
    for row in rows:
        cells = []
        for c in columns:
            hidden = row.get("suppressed", False) and c not in ("value", "by", "year", "day", "age_band", "sex",
                                                                  "measured_from")
            text = _cell(row.get(c), c, hidden=hidden, k=k, lang=w["_lang"])
            attrs = f" class='suppressed' title='{escape(w['suppressed_tip'])}'" if hidden else ""
            cells.append(f"<td{attrs}>{escape(text)}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


_LABELS = ("value", "by", "year", "day", "age_band", "sex", "measured_from", "group", "unit", "phase")


def _cell(value: Any, column: str, *, hidden: bool, k: int, lang: str) -> str:
    """One table cell in the reader's number format: 1.234 and 55,4 in Dutch; "< k" when hidden.
    Percentages (share_low) get one decimal, euros none, shares of 1 and survival three."""
    if hidden or value is None or isinstance(value, bool) or column in _LABELS or not isinstance(value, (int, float)):
        return display(value, suppressed=hidden, k=k)
    if column.endswith("_eur") or column.startswith("spend"):
        digits = 0
    elif column == "share_low" or isinstance(value, int):
        digits = 1 if isinstance(value, float) else 0
    elif column.startswith(("survival", "share", "median")) or column.endswith("_share"):
        digits = 3
    else:
        digits = 1
    return number(value, lang, digits)


def _decimal(text: str, w: dict[str, str]) -> str:
    """Dutch decimals: 10,6% (dates and age bands have no dot between digits)."""
    return re.sub(r"(\d)\.(\d)", r"\1,\2", text) if w["_lang"] == "nl" else text


def _section(title: str, takeaway: str, chart: str, table: str, w: dict[str, str], *, plain: bool = False) -> list[str]:
    """Heading, takeaway, chart, table. `plain`: the takeaway is a finding, already in the reader's number format."""
    heading = [f"<h2>{escape(title)}</h2>"] if title else []
    text = takeaway if plain else _decimal(takeaway, w)
    return [*heading, f"<p class='takeaway'>{escape(text)}</p>", chart, table]


def _composition(report: dict[str, Any], w: dict[str, str], k: int) -> list[str]:
    c = report["composition"]
    bands = c["by_category"]["age_band"]
    shown = [r for r in bands if not r["suppressed"]]
    total = c["total"]["headcount"] or 0
    out: list[str] = []
    if shown and total:
        top = max(shown, key=lambda r: (r["headcount"], r["value"]))
        take = w["take_pyramid"].format(band=top["value"], share=_pct(top["headcount"] / total))
    else:
        take = w["no_data"]
    bar = [{"type": "bar", "x": [r["value"] for r in bands], "y": [r["headcount"] for r in bands],
            "name": w["headcount"]}]
    out += _section(w["composition"], take, _chart(bar, w["age_band"], "composition-age"),
                    _table(bands, ["value", "headcount", "fte"], w, k), w)
    days = c["over_time"]["days"]
    rows = c["over_time"]["total"]
    if len(days) >= 2:
        first, last = rows[0], rows[-1]
        take = w["take_over_time"].format(
            first=display(first["headcount"], suppressed=first["suppressed"], k=k), d1=days[0],
            last=display(last["headcount"], suppressed=last["suppressed"], k=k), d2=days[-1])
        line = [{"type": "scatter", "mode": "lines+markers", "x": days, "y": [r["headcount"] for r in rows],
                 "name": w["headcount"]}]
        out += _section("", take, _chart(line, w["headcount"], "composition-time"),
                        _table(rows, ["day", "headcount", "fte"], w, k), w)
    return out


def _flows(report: dict[str, Any], w: dict[str, str], k: int) -> list[str]:
    total = report["flows"]["total"]
    if not total:
        return [f"<h2>{escape(w['flows'])}</h2><p>{escape(w['no_data'])}</p>"]
    last = total[-1]
    lang = w["_lang"]
    take = finding_text(report, "flows", lang, kinds=("influenceable_outflow", "missing_data"))
    years = [r["year"] for r in total]
    bars = [{"type": "bar", "x": years, "y": [r[c] for r in total], "name": w[c]}
            for c in ("inflow", "outflow", "internal_mobility")]
    columns = ["year", "opening", "inflow", "outflow", "transfers_net", "closing", "internal_mobility", "promotions",
               "outflow_rate"]
    out = _section(w["flows"], take or "", _chart(bars, w["flows"], "flows-total"), _table(total, columns, w, k), w,
                   plain=True)
    out.insert(2, findings_html(report, "flows", lang, kinds=("partial_year", "coverage")))
    window = (report.get("outflow") or {}).get("last_12_months") or {}
    bands = (window.get("by_category") or {}).get("age_band") or []
    if bands:
        take = finding_text(report, "flows", lang, kinds=("highest", "lowest", "no_clear_difference")) or ""
        bar = [{"type": "bar", "x": [r["value"] for r in bands], "y": [r[c] for r in bands], "name": w[c]}
               for c in ("influenceable_rate", "pension_rate")]
        out += _section("", take, _chart(bar, f"{w['influenceable_rate']} · {w['age_band']}", "flows-age"),
                        _table(bands, ["value", "population", "influenceable", "pension", "involuntary", "other",
                                       "influenceable_rate", "pension_rate"], w, k), w, plain=True)
    return out


def _pension_wave(report: dict[str, Any], w: dict[str, str], k: int) -> list[str]:
    """The pension wave as its own section: AOW dates in the next five years (never counted as loss)."""
    wave = (report.get("outflow") or {}).get("pension_wave") or []
    take = finding_text(report, "pension_wave", w["_lang"], kinds=("pension_wave", "missing_data")) or ""
    bar = [{"type": "bar", "x": [r["to"] for r in wave], "y": [r["persons"] for r in wave], "name": w["aow_persons"]}]
    return _section(w["pension_wave"], take, _chart(bar, w["pension_wave"], "pension-wave-chart"),
                    _table(wave, ["from", "to", "persons"], w, k), w, plain=True)


def _retention(report: dict[str, Any], w: dict[str, str], k: int) -> list[str]:
    rows = report["retention"]
    overall = next((r for r in rows if r["by"] == "all"), None)
    bands = [r for r in rows if r["by"] == "age_band"]
    if overall is None:
        return [f"<h2>{escape(w['retention'])}</h2><p>{escape(w['no_data'])}</p>"]
    take = w["take_retention"].format(all=_pct(overall["survival_2y"]))
    take = _decimal(take, w) + " " + (finding_text(report, "retention", w["_lang"],
                                                   kinds=("lowest", "no_clear_difference", "missing_data")) or "")
    bar = [{"type": "bar", "x": [r["value"] for r in bands], "y": [r["survival_2y"] for r in bands],
            "name": w["survival_2y"]}]
    columns = ["by", "value", "measured_from", "n", "events", "median_years", "survival_1y", "survival_2y",
               "survival_5y"]
    shown = [r | {"measured_from": w["spell_start"] if r["measured_from"] == "spell_start" else r["measured_from"],
                  "value": w["all"] if r["by"] == "all" else r["value"]} for r in rows]
    return _section(w["retention"], take, _chart(bar, f"{w['survival_2y']} · {w['age_band']}", "retention-age"),
                    _table(shown, columns, w, k), w, plain=True)


def _phases(report: dict[str, Any], w: dict[str, str], k: int) -> list[str]:
    p = report["phases"]
    lang = w["_lang"]
    words = AXIS_WORDS[lang]
    label = lambda v: p["labels"].get(v, {}).get(lang) or words.get(v, v)  # noqa: E731
    named = [r | {"value": label(r["value"])} for r in p["named"]]
    shown = [r for r in named if not r["suppressed"] and r["headcount"]]
    if shown:
        top = max(shown, key=lambda r: (r["headcount"], r["value"]))
        take = w["take_phases"].format(phase=top["value"], share=_pct(top["share"]))
    else:
        take = w["no_data"]
    bar = [{"type": "bar", "x": [r["value"] for r in named], "y": [r["headcount"] for r in named],
            "name": w["headcount"]}]
    out = _section(w["phases"], take, _chart(bar, w["phases"], "phases-named"),
                   _table(named, ["value", "headcount", "share"], w, k), w)
    out.insert(2, findings_html(report, "phases", lang))
    for axis, rows in p["axes"].items():
        rows = [r | {"value": words.get(r["value"], r["value"])} for r in rows]
        out.append(f"<h3>{escape(words.get(axis, axis))}</h3>"
                   + _table(rows, ["value", "headcount", "share", "from_age"], w, k))
    return out
