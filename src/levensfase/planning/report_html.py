"""The projection document as one self-contained HTML page (plotly inlined, no network needed).

Pure Python over the dict of `report.build_projection`: a fan chart (P10–P90 band around the median)
per scenario, the retirement wave, the scenario comparison and, with a demand file, the gap; each
with a one-sentence takeaway above it and its table below it (DESIGN §9). Dutch by default, English
with lang="en". Only numbers from the dict are shown, so the HTML says what the JSON says.
"""

from __future__ import annotations

from html import escape
from typing import Any

from levensfase.analytics.findings import bands_at_end, scenario_finding
from levensfase.analytics.findings.numbers import number
from levensfase.analytics.privacy import display
from levensfase.documents.cells import decimal
from levensfase.documents.html import STYLE, grid_html, plotly_chart
from levensfase.documents.model import Chart

__all__ = ["render_projection_html"]

WORDS = {
    "nl": {
        "_lang": "nl", "title": "Strategische personeelsplanning", "as_of": "Startdatum", "runs": "Simulaties",
        "seed": "Seed", "k": "Kleinste getoonde groep", "year": "Jaar", "scenario": "Scenario",
        "headcount": "Aantal medewerkers", "fte": "Fte", "retirements": "Pensioneringen", "cost": "Loonkosten (€)",
        "p10": "P10", "p50": "Mediaan", "p90": "P90", "start": "Start", "end": "Eind", "hires": "Instroom",
        "leavers": "Uitstroom", "by_phase": "Per levensfase", "by_family": "Per functiefamilie",
        "axis_age_band": "Per leeftijdsklasse", "gap": "Tekort (vraag − aanbod, fte)", "demand": "Vraag",
        "fan": "Verwacht aantal medewerkers", "wave": "Pensioneringsgolf", "compare": "Scenario's naast elkaar",
        "band_note": "De band loopt van P10 tot P90: in 8 van de 10 simulaties ligt de uitkomst daartussen.",
        "cost_note": "Kosten rusten op een aangenomen salaristabel per functieschaal (geen gegevens); "
        "pas die aan voordat u bedragen noemt.",
        "suppressed_note": "Groepen die op de startdatum kleiner zijn dan {k} personen zijn verborgen (“< {k}”); "
        "soms wordt een tweede groep mee verborgen zodat niets terug te rekenen is.",
        "suppressed_tip": "Verborgen: te kleine groep (privacy)",
        "take_fan": "In het scenario “{name}” gaat het aantal medewerkers van {first} naar verwachting {last} "
        "in {year} (tussen {low} en {high}).",
        "take_wave": "De meeste pensioneringen vallen in {year}: naar verwachting {count} in het scenario “{name}”.",
        "take_compare": "In {year} verschilt het aantal fte tussen de scenario's van {low} (“{low_name}”) tot "
        "{high} (“{high_name}”).",
        "take_gap": "Het grootste tekort verwacht in {year} is bij {family}: {gap} fte.",
        "take_no_gap": "Er is geen tekort verwacht: het aanbod dekt de vraag in elk jaar.",
        "group": "Groep",
    },
    "en": {
        "_lang": "en", "title": "Strategic workforce planning", "as_of": "Start date", "runs": "Simulations",
        "seed": "Seed", "k": "Smallest group shown", "year": "Year", "scenario": "Scenario",
        "headcount": "Headcount", "fte": "FTE", "retirements": "Retirements", "cost": "Personnel cost (€)",
        "p10": "P10", "p50": "Median", "p90": "P90", "start": "Start", "end": "End", "hires": "Hires",
        "leavers": "Leavers", "by_phase": "By life phase", "by_family": "By job family",
        "axis_age_band": "By age band", "gap": "Shortfall (demand − supply, FTE)", "demand": "Demand",
        "fan": "Expected headcount", "wave": "Retirement wave", "compare": "Scenarios side by side",
        "band_note": "The band runs from P10 to P90: in 8 of 10 simulations the outcome lies inside it.",
        "cost_note": "Costs rest on an assumed salary table per grade (not data); adjust it before quoting amounts.",
        "suppressed_note": "Groups of fewer than {k} people on the start date are hidden (“< {k}”); sometimes a "
        "second group is hidden too, so nothing can be worked out by subtraction.",
        "suppressed_tip": "Hidden: group too small (privacy)",
        "take_fan": "In the scenario “{name}” headcount goes from {first} to an expected {last} in {year} "
        "(between {low} and {high}).",
        "take_wave": "Most retirements fall in {year}: an expected {count} in the scenario “{name}”.",
        "take_compare": "In {year} FTE ranges across scenarios from {low} (“{low_name}”) to {high} (“{high_name}”).",
        "take_gap": "The largest shortfall expected in {year} is in {family}: {gap} FTE.",
        "take_no_gap": "No shortfall is expected: supply covers demand in every year.",
        "group": "Group",
    },
}
_COLOURS = ("#1f5f8b", "#b35900", "#2e7d32", "#7b1fa2")


def render_projection_html(doc: dict[str, Any], *, lang: str = "nl") -> str:
    """The whole page as text (UTF-8); plotly.js inlined, so it opens without a network."""
    import plotly.offline

    w = WORDS["en" if lang == "en" else "nl"]
    k = doc["k"]
    body = [f"<h1>{escape(w['title'])}</h1>",
            f"<p>{escape(w['as_of'])}: {escape(doc['as_of'])} · {escape(w['runs'])}: {doc['runs']} · "
            f"{escape(w['seed'])}: {doc['seed']} · {escape(w['k'])}: {k}</p>",
            f"<p class='note'>{escape(w['band_note'])} {escape(w['cost_note'])}</p>",
            f"<p class='note'>{escape(w['suppressed_note'].format(k=k))}</p>"]
    aow = doc.get("aow_assumption") or {}
    if aow.get("applies"):  # retirements after the statutory AOW table are an assumption
        body.append(f"<p class='note' data-aow-assumption>{escape(aow['note_en' if lang == 'en' else 'note_nl'])}</p>")
    body += _fan(doc, w, lang) + _wave(doc, w, lang) + _compare(doc, w, lang) + _groups(doc, w, lang, k)
    body += _gap(doc, w, lang, k)
    return (f"<!DOCTYPE html><html lang='{w['_lang']}'><head><meta charset='utf-8'>"
            f"<title>{escape(w['title'])} {escape(doc['as_of'])}</title><style>{STYLE}</style>"
            f"<script type='text/javascript'>{plotly.offline.get_plotlyjs()}</script></head><body>"
            + "\n".join(body) + "</body></html>\n")


def _name(scenario: dict, lang: str) -> str:
    return scenario.get("label", {}).get(lang) or scenario["name"]


def _n(value: Any, w: dict, digits: int = 0) -> str:
    """1.234 in Dutch, 1,234 in English (the kit's one number format); "–" when missing."""
    return number(value, w["_lang"], digits)


def _table(head: list[str], rows: list[list[str]], hidden: list[bool] | None = None, w: dict | None = None) -> str:
    return grid_html(head, rows, hidden, tip=w["suppressed_tip"] if w else "")


def _chart(traces: list[dict], title: str, key: str) -> str:
    return plotly_chart(Chart(title=title, traces=traces, key=key))


def _fan(doc: dict, w: dict, lang: str) -> list[str]:
    years = doc["years"]
    traces, rows = [], []
    for i, s in enumerate(doc["scenarios"]):
        colour, h = _COLOURS[i % len(_COLOURS)], s["headcount"]
        traces += [
            {"type": "scatter", "x": years, "y": h["p90"], "mode": "lines", "line": {"width": 0, "color": colour},
             "showlegend": False, "hoverinfo": "skip"},
            {"type": "scatter", "x": years, "y": h["p10"], "mode": "lines", "fill": "tonexty", "opacity": 0.25,
             "line": {"width": 0, "color": colour}, "name": f"{_name(s, lang)} P10–P90"},
            {"type": "scatter", "x": years, "y": h["p50"], "mode": "lines+markers", "line": {"color": colour},
             "name": _name(s, lang)},
        ]
    first = doc["scenarios"][0]
    take = w["take_fan"].format(name=_name(first, lang), first=_n(first["headcount"]["p50"][0], w),
                                last=_n(first["headcount"]["p50"][-1], w), year=years[-1],
                                low=_n(first["headcount"]["p10"][-1], w), high=_n(first["headcount"]["p90"][-1], w))
    for t, year in enumerate(years):
        rows.append([str(year), *(f"{_n(s['headcount']['p50'][t], w)} ({_n(s['headcount']['p10'][t], w)}–"
                                  f"{_n(s['headcount']['p90'][t], w)})" for s in doc["scenarios"])])
    table = _table([w["year"], *(f"{_name(s, lang)}: {w['p50']} ({w['p10']}–{w['p90']})" for s in doc["scenarios"])],
                   rows)
    return [f"<h2>{escape(w['fan'])}</h2>", f"<p class='takeaway'>{escape(take)}</p>",
            _chart(traces, w["fan"], "fan"), table]


def _wave(doc: dict, w: dict, lang: str) -> list[str]:
    years = doc["years"][1:]
    traces = [{"type": "bar", "x": years, "y": s["retirements"][1:], "name": _name(s, lang),
               "marker": {"color": _COLOURS[i % len(_COLOURS)]}} for i, s in enumerate(doc["scenarios"])]
    first = doc["scenarios"][0]
    wave = first["retirements"][1:]
    peak = max(range(len(wave)), key=lambda t: wave[t])
    take = w["take_wave"].format(year=years[peak], count=_n(wave[peak], w), name=_name(first, lang))
    rows = [[str(y), *(_n(s["retirements"][t + 1], w) for s in doc["scenarios"])] for t, y in enumerate(years)]
    return [f"<h2>{escape(w['wave'])}</h2>", f"<p class='takeaway'>{escape(take)}</p>",
            _chart(traces, w["wave"], "wave"),
            _table([w["year"], *(_name(s, lang) for s in doc["scenarios"])], rows)]


def _compare(doc: dict, w: dict, lang: str) -> list[str]:
    scenarios = doc["scenarios"]
    end = doc["years"][-1]
    ftes = [(s["fte"]["p50"][-1], _name(s, lang)) for s in scenarios]
    low, high = min(ftes), max(ftes)
    take = w["take_compare"].format(year=end, low=_n(low[0], w, 1), low_name=low[1], high=_n(high[0], w, 1),
                                    high_name=high[1])
    if len(scenarios) > 1:  # which scenario costs least, only when the P10–P90 bands separate (DESIGN §6a)
        take += " " + scenario_finding(bands_at_end(doc, measure="cost"), year=end).text(w["_lang"])
    traces = [{"type": "bar", "x": [_name(s, lang) for s in scenarios], "y": [s["fte"]["p50"][-1] for s in scenarios],
               "marker": {"color": list(_COLOURS[: len(scenarios)])}, "name": w["fte"]}]
    rows = []
    for s in scenarios:
        rows.append([_name(s, lang), _n(s["headcount"]["p50"][-1], w), _n(s["fte"]["p50"][-1], w, 1),
                     _n(sum(x for x in s["retirements"][1:] if x is not None), w),
                     _n(sum(x for x in s["hires"]["p50"][1:] if x is not None), w),
                     _n(s["cost"]["p50"][-1], w)])
    head = [w["scenario"], f"{w['headcount']} {end}", f"{w['fte']} {end}", w["retirements"], w["hires"],
            f"{w['cost']} {end}"]
    return [f"<h2>{escape(w['compare'])}</h2>", f"<p class='takeaway'>{escape(take)}</p>",
            _chart(traces, w["compare"], "compare"), _table(head, rows)]


def _groups(doc: dict, w: dict, lang: str, k: int) -> list[str]:
    out = []
    title_phase = w["axis_age_band"] if doc.get("axis") == "age_band" else w["by_phase"]
    for key, title in (("by_phase", title_phase), ("by_family", w["by_family"])):
        out.append(f"<h2>{escape(title)}</h2>")
        head = [w["group"]] + [f"{_name(s, lang)} {doc['years'][-1]}" for s in doc["scenarios"]]
        first = doc["scenarios"][0][key]
        rows, hidden = [], []
        for group in first:
            lines = [s[key][group] for s in doc["scenarios"]]
            suppressed = lines[0]["suppressed"]
            hidden.append(suppressed)
            cells = [display(None if suppressed else (_n(line["headcount"]["p50"][-1], w) + f" ({_n(line['start'], w)})"),
                             suppressed=suppressed, k=k) for line in lines]
            rows.append([group, *cells])
        head[1:] = [f"{h} ({w['start']})" for h in head[1:]]
        out.append(_table(head, rows, hidden, w))
    return out


def _gap(doc: dict, w: dict, lang: str, k: int) -> list[str]:
    first = doc["scenarios"][0]
    if not first["gap"]:
        return []
    years = doc["years"]
    worst = None
    rows, hidden, traces = [], [], []
    for family, line in first["gap"].items():
        hidden.append(line["suppressed"])
        if line["suppressed"]:
            rows.append([family, *([display(None, suppressed=True, k=k)] * (len(years) - 1))])
            continue
        rows.append([family, *(_n(v, w, 1) for v in line["p50"][1:])])
        traces.append({"type": "scatter", "x": years[1:], "y": line["p50"][1:], "name": family, "mode": "lines+markers"})
        for t, v in enumerate(line["p50"]):
            if v is not None and (worst is None or v > worst[0]):
                worst = (v, family, years[t])
    take = (w["take_gap"].format(year=worst[2], family=worst[1], gap=_n(worst[0], w, 1))
            if worst and worst[0] > 0 else w["take_no_gap"])
    return [f"<h2>{escape(w['gap'])} — {escape(_name(first, lang))}</h2>",
            f"<p class='takeaway'>{escape(decimal(take, w['_lang']))}</p>", _chart(traces, w["gap"], "gap"),
            _table([w["group"], *map(str, years[1:])], rows, hidden, w)]
