"""The analysis document as one self-contained HTML file an adviser can mail (no network needed).

Pure Python over the dict of `report.build_report`: plotly charts with the plotly.js bundle
inlined once in the page, a one-sentence takeaway above each chart and its table below it (DESIGN
§9), suppressed cells shown as "< k" with the reason in a tooltip. Dutch by default, English with
lang="en". Only numbers from the report dict are shown, so the HTML says what the JSON says.
"""

from __future__ import annotations

from html import escape
from typing import Any

from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.findings.numbers import day
from levensfase.analytics.report_html_competencies import competencies_html
from levensfase.analytics.report_html_ambitions import ambitions_html
from levensfase.analytics.report_html_extra import employability_html, policy_scan_html
from levensfase.analytics.report_html_verdict import STYLE as VERDICT_STYLE
from levensfase.analytics.report_html_verdict import finding_text, findings_html, verdict_answers, verdict_html
from levensfase.documents.cells import cell_text, decimal, pct as _pct
from levensfase.documents.html import STYLE, render_parts
from levensfase.documents.model import Chart, Document, Heading, Html, Part, Section, Table, with_names
from levensfase.model.labels import AXIS_WORDS

__all__ = ["WORDS", "render_html", "report_document"]

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
def render_html(report: dict[str, Any], *, lang: str = "nl", unit_names: dict[str, str] | None = None) -> str:
    """The whole page as text (UTF-8); plotly.js inlined, so it opens without a network."""
    import plotly.offline

    doc = report_document(report, lang=lang, unit_names=unit_names)
    body = [f"<h1>{escape(doc.title)}</h1>", f"<p>{escape(WORDS[doc.lang]['as_of'])}: {escape(doc.as_of)} · "
            f"{escape(WORDS[doc.lang]['k'])}: {doc.k}</p>", doc.verdict]
    body += [f"<p class='note'>{escape(note)}</p>" for note in doc.notes]
    body.append(render_parts(doc.parts, doc.lang))
    return (f"<!DOCTYPE html><html lang='{doc.lang}'><head><meta charset='utf-8'>"
            f"<title>{escape(doc.title)} {escape(doc.as_of)}</title><style>{STYLE}{VERDICT_STYLE}</style>"
            f"<script type='text/javascript'>{plotly.offline.get_plotlyjs()}</script></head><body>"
            + "\n".join(body) + "</body></html>\n")


def report_document(report: dict[str, Any], *, lang: str = "nl", unit_names: dict[str, str] | None = None) -> Document:
    """The analysis as document parts: the one source of the HTML page, the PDF and the workbook.
    `unit_names` (unit id → name) shows units by name in the tables, as the web pages do."""
    w = WORDS["en" if lang == "en" else "nl"]
    k = report["k"]
    lang = w["_lang"]
    notes = [w["suppressed_note"].format(k=k)]
    if coverage := report.get("data_coverage"):  # pseudonymised leavers: reduced data coverage (AVG retention)
        notes.append(coverage["note_en" if lang == "en" else "note"])
    parts: list[Part] = [*_composition(report, w, k), Html("<a id='flows'></a>"), *_flows(report, w, k)]
    parts += [Html("<a id='pension-wave'></a>"), *_pension_wave(report, w, k), *_retention(report, w, k)]
    parts += _phases(report, w, k) + _covered(report, "employability", lang, ("coverage",),
                                              employability_html(report, w, k))
    parts += [Html("<a id='policy-scan'></a>"), *_covered(report, "policy_scan", lang, ("missing_data", "coverage"),
                                                          policy_scan_html(report, w, k))]
    parts += [Html("<a id='competencies'></a>"), *_covered(report, "competencies", lang, ("coverage",),
                                                           competencies_html(report, w, k))]
    parts += [Html("<a id='ambitions'></a>"), *ambitions_html(report, w, k)]
    names = unit_names or {}
    return Document(title=w["title"], lang=lang, as_of=report["as_of"], k=k, notes=notes,
                    parts=with_names(parts, by="unit", names=names), verdict=verdict_html(report, lang),
                    coverage=dict(report.get("coverage") or {}),
                    answers=[(q, a) for _key, _anchor, q, a in verdict_answers(report, lang)],
                    appendix=with_names(_every_category(report, w, k), by="unit", names=names))


def _covered(report: dict[str, Any], section: str, lang: str, kinds: tuple[str, ...], parts: list[Part]) -> list[Part]:
    """The section's data-coverage lines (analytics.findings) right under its heading."""
    lines = findings_html(report, section, lang, kinds=kinds)
    return parts[:1] + [Html(lines)] + parts[1:] if parts and lines else parts


FLOW_TABLE = ["year", "opening", "inflow", "outflow", "transfers_net", "closing", "internal_mobility", "promotions",
              "outflow_rate"]


def _every_category(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
    """Headcount and flows for every category (the page shows age bands): for the workbook, to check."""
    composition = report["composition"]["by_category"]
    flows = report["flows"]["by_category"]
    rows = [{"by": by} | r for by in CATEGORIES for r in composition.get(by, [])]
    moves = [{"by": by} | r for by in CATEGORIES for r in flows.get(by, [])]
    return [Heading(w["composition"]), Table(rows, ["by", "value", "headcount", "fte"], w, k),
            Heading(w["flows"]), Table(moves, ["by", "value", *FLOW_TABLE], w, k)]


def _chart(traces: list[dict], title: str, key: str) -> Chart:
    return Chart(title=title, traces=traces, key=key)


def _table(rows: list[dict[str, Any]], columns: list[str], w: dict[str, str], k: int) -> Table:
    return Table(rows=rows, columns=columns, words=w, k=k)


def _section(title: str, takeaway: str, chart: Chart | None, table: Table | str, w: dict[str, str], *,
             plain: bool = False, findings: str = "") -> list[Part]:
    """One section: heading, takeaway, chart, table. `plain`: the takeaway is a finding, already in the
    reader's number format."""
    return [Section(title=title, takeaway=takeaway, chart=chart, table=table, findings=findings, plain=plain)]


def _composition(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
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
        lang = w["_lang"]  # 1.234 and 30 juni 2016 in Dutch: the sentence is written plain, not reformatted
        take = w["take_over_time"].format(
            first=cell_text(first["headcount"], "headcount", hidden=first["suppressed"], k=k, lang=lang),
            d1=day(days[0], lang), d2=day(days[-1], lang),
            last=cell_text(last["headcount"], "headcount", hidden=last["suppressed"], k=k, lang=lang))
        line = [{"type": "scatter", "mode": "lines+markers", "x": days, "y": [r["headcount"] for r in rows],
                 "name": w["headcount"]}]
        out += _section("", take, _chart(line, w["headcount"], "composition-time"),
                        _table(rows, ["day", "headcount", "fte"], w, k), w, plain=True)
    return out


def _flows(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
    total = report["flows"]["total"]
    if not total:
        return [Heading(w["flows"]), Html(f"<p>{escape(w['no_data'])}</p>")]
    last = total[-1]
    lang = w["_lang"]
    take = finding_text(report, "flows", lang, kinds=("influenceable_outflow", "missing_data"))
    years = [r["year"] for r in total]
    bars = [{"type": "bar", "x": years, "y": [r[c] for r in total], "name": w[c]}
            for c in ("inflow", "outflow", "internal_mobility")]
    columns = FLOW_TABLE
    out = _section(w["flows"], take or "", _chart(bars, w["flows"], "flows-total"), _table(total, columns, w, k), w,
                   plain=True, findings=findings_html(report, "flows", lang, kinds=("partial_year", "coverage")))
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


def _pension_wave(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
    """The pension wave as its own section: AOW dates in the next five years (never counted as loss)."""
    wave = (report.get("outflow") or {}).get("pension_wave") or []
    take = finding_text(report, "pension_wave", w["_lang"], kinds=("pension_wave", "missing_data")) or ""
    bar = [{"type": "bar", "x": [r["to"] for r in wave], "y": [r["persons"] for r in wave], "name": w["aow_persons"]}]
    return _section(w["pension_wave"], take, _chart(bar, w["pension_wave"], "pension-wave-chart"),
                    _table(wave, ["from", "to", "persons"], w, k), w, plain=True)


def _retention(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
    rows = report["retention"]
    overall = next((r for r in rows if r["by"] == "all"), None)
    bands = [r for r in rows if r["by"] == "age_band"]
    if overall is None:
        return [Heading(w["retention"]), Html(f"<p>{escape(w['no_data'])}</p>")]
    take = w["take_retention"].format(all=_pct(overall["survival_2y"]))
    take = decimal(take, w["_lang"]) + " " + (finding_text(report, "retention", w["_lang"],
                                                   kinds=("lowest", "no_clear_difference", "missing_data")) or "")
    bar = [{"type": "bar", "x": [r["value"] for r in bands], "y": [r["survival_2y"] for r in bands],
            "name": w["survival_2y"]}]
    columns = ["by", "value", "measured_from", "n", "events", "median_years", "survival_1y", "survival_2y",
               "survival_5y"]
    shown = [r | {"measured_from": w["spell_start"] if r["measured_from"] == "spell_start" else r["measured_from"],
                  "value": w["all"] if r["by"] == "all" else r["value"]} for r in rows]
    return _section(w["retention"], take, _chart(bar, f"{w['survival_2y']} · {w['age_band']}", "retention-age"),
                    _table(shown, columns, w, k), w, plain=True)


def _phases(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
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
                   _table(named, ["value", "headcount", "share"], w, k), w, findings=findings_html(report, "phases", lang))
    for axis, rows in p["axes"].items():
        rows = [r | {"value": words.get(r["value"], r["value"])} for r in rows]
        out += [Heading(words.get(axis, axis), level=3), _table(rows, ["value", "headcount", "share", "from_age"], w, k)]
    return out
