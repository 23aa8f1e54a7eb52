"""The scan document (`scan.document.scan_document`) as a self-contained HTML page or a PDF, through
the shared document kit (`levensfase.documents`): static SVG charts, "< k" for withheld cells."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from levensfase.analytics.findings.numbers import number
from levensfase.analytics.findings.scan import programme_finding
from levensfase.documents.html import STYLE, grid_html, render_parts
from levensfase.documents.model import Chart, Document, Html, Part, Section
from levensfase.documents.svg import chart_svg

__all__ = ["scan_html", "scan_parts", "scan_pdf"]

HR_DIGITS = {"development_share": 3, "development_eur_per_head": 0, "untapped_competence_share": 3}
WORDS = {
    "nl": {"title": "Sociale-innovatiescan", "round": "Meting", "no_round": "Nog geen meting met antwoorden.",
           "profile": "Profiel van de organisatie", "heat": "Afdelingen × dimensies",
           "heat_take": "Gemiddelde score per dimensie (1–5); “< {k}”: minder dan {k} respondenten of te herleiden.",
           "hr": "HR-indicatoren per afdeling", "hr_take": "Uit de gegevens die al bekend zijn, over de 12 maanden tot de "
           "peildatum.", "kpis": "Bedrijfsresultaten per afdeling", "kpis_take": "Laatste waarde en verandering sinds de "
           "periode ervoor.", "alignment": "Sluit het personeelsbeleid aan?", "programmes": "Veranderingstrajecten",
           "unit": "Afdeling", "respondents": "Respondenten", "organisation": "Organisatie", "all": "Iedereen",
           "employee": "Medewerkers", "manager": "Leidinggevenden", "kpi": "KPI", "value": "Waarde", "change": "Verandering",
           "measure": "Maat", "baseline": "Nulmeting", "follow_up": "Vervolgmeting", "did": "Verschil in verandering",
           "interval": "95%-interval", "verdict": "Oordeel", "tip": "Verborgen: te weinig respondenten (privacy)",
           "population": "Medewerkers", "as_of": "Peildatum", "k": "Kleinste getoonde groep",
           "hr_names": {"development_share": "Aandeel met ontwikkelregeling", "development_eur_per_head":
                        "Ontwikkeling € per medewerker", "internal_mobility": "Doorstroom per 100",
                        "untapped_competence_share": "Aandeel onbenutte competenties", "work_ability": "Werkvermogen (WAI)",
                        "influenceable_outflow": "Beïnvloedbare uitstroom per 100"}},
    "en": {"title": "Social innovation scan", "round": "Round", "no_round": "No round with answers yet.",
           "profile": "Profile of the organisation", "heat": "Units × dimensions",
           "heat_take": "Mean score per dimension (1–5); “< {k}”: fewer than {k} respondents or derivable.",
           "hr": "HR indicators per unit", "hr_take": "From the data already held, over the 12 months up to the as-of date.",
           "kpis": "Business results per unit", "kpis_take": "Latest value and change since the period before.",
           "alignment": "Is the HR policy aligned?", "programmes": "Change programmes", "unit": "Unit",
           "respondents": "Respondents", "organisation": "Organisation", "all": "Everyone", "employee": "Employees",
           "manager": "Managers", "kpi": "KPI", "value": "Value", "change": "Change", "measure": "Measure",
           "baseline": "Baseline", "follow_up": "Follow-up", "did": "Difference in change", "interval": "95% interval",
           "verdict": "Verdict", "tip": "Hidden: too few respondents (privacy)", "population": "Employees",
           "as_of": "As of", "k": "Smallest group shown",
           "hr_names": {"development_share": "Share with a development arrangement", "development_eur_per_head":
                        "Development € per employee", "internal_mobility": "Internal mobility per 100",
                        "untapped_competence_share": "Share with untapped competencies", "work_ability":
                        "Work ability (WAI)", "influenceable_outflow": "Influenceable outflow per 100"}},
}


def _num(value: Any, lang: str, digits: int = 2) -> str:
    return "–" if value is None else number(value, lang, digits)


def _hidden(value: Any, suppressed: bool, k: int, lang: str, digits: int = 2) -> tuple[str, bool]:
    return (f"< {k}", True) if suppressed else (_num(value, lang, digits), False)


def _dim_names(doc: dict, lang: str) -> dict[str, str]:
    return {d["code"]: d["name_en" if lang == "en" else "name_nl"] for d in doc["dimensions"]}


def _heat(score: float | None) -> str:
    """A light background from rose (1) through white (3) to green (5); the number stays the message."""
    if score is None:
        return ""
    x = max(-1.0, min(1.0, (score - 3) / 2))
    low, high = (244, 214, 214), (212, 236, 217)
    end = high if x > 0 else low
    rgb = [round(255 + (e - 255) * abs(x)) for e in end]
    return f" style='background:#{rgb[0]:02x}{rgb[1]:02x}{rgb[2]:02x}'"


def _grid(head: list[str], rows: list[list[tuple]], tip: str) -> str:
    """A table whose cells may each be withheld (the kit's grid hides whole rows only); a cell
    (text, hidden, score) is coloured as a heat map."""
    cells = "".join("<tr>" + "".join(f"<td class='suppressed' title='{escape(tip)}'>{escape(c[0])}</td>" if c[1]
                                     else f"<td{_heat(c[2]) if len(c) > 2 else ''}>{escape(c[0])}</td>" for c in row)
                    + "</tr>" for row in rows)
    return f"<table><thead><tr>{''.join(f'<th scope=col>{escape(h)}</th>' for h in head)}</tr></thead><tbody>{cells}</tbody></table>"


def scan_parts(doc: dict, *, lang: str = "nl") -> list[Part]:
    """The document's parts: profile chart, heat map, HR indicators, KPIs, alignment, programmes."""
    w, k, dims = WORDS[lang], doc["k"], _dim_names(doc, lang)
    inst = doc["instrument"]
    round_text = f"{w['round']}: {doc['round']}" if doc["round"] else w["no_round"]
    parts: list[Part] = [Html(f"<p class='note'>{escape(inst['note_en' if lang == 'en' else 'note_nl'])}</p>"
                              f"<p class='note'>{escape(round_text)} · {escape(w['k'])}: {k}</p>")]
    org = doc["organisation"]
    traces = [{"type": "bar", "name": w["all"], "x": list(dims.values()), "y": [org["scores"].get(c) for c in dims]}]
    traces += [{"type": "bar", "name": w[role], "x": list(dims.values()), "y": [org["roles"][role].get(c) for c in dims]}
               for role in ("employee", "manager") if role in org["roles"]]
    rows = [[(w["organisation"], False), _hidden(org["respondents"], org["suppressed"], k, lang, 0)]
            + [_hidden(org["scores"].get(c), org["scores"].get(c) is None and org["suppressed"], k, lang) for c in dims]]
    for u in doc["units"]:
        rows.append([(u["name"], False), _hidden(u["respondents"], u["suppressed"] or u["respondents"] is None, k, lang, 0)]
                    + [(*_hidden(u["scores"].get(c), u["scores"].get(c) is None and u["respondents"] != 0, k, lang),
                        u["scores"].get(c)) for c in dims])
    parts.append(Section(w["profile"], round_text, chart=Chart(w["profile"], traces, "scan-profile") if doc["round"]
                         else None))
    parts.append(Section(w["heat"], w["heat_take"].format(k=k), table=_grid([w["unit"], w["respondents"], *dims.values()],
                                                                             rows, w["tip"]), plain=True))
    measures = list(w["hr_names"])
    hr_rows = [[(name, False), _hidden(e["hr"].get("population"), e["hr"].get("suppressed", False), k, lang, 0)]
               + [_hidden(e["hr"].get(m), e["hr"].get("suppressed", False), k, lang, HR_DIGITS.get(m, 1)) for m in measures]
               for name, e in [(w["organisation"], org), *((u["name"], u) for u in doc["units"])] if e["hr"]]
    if hr_rows:
        parts.append(Section(w["hr"], w["hr_take"], table=_grid([w["unit"], w["population"],
                                                                 *(w["hr_names"][m] for m in measures)], hr_rows, w["tip"])))
    kpi_rows = [[(u["name"], False), (kpi, False), (_num(v["value"], lang, 1), False), (_num(v["change"], lang, 1), False)]
                for u in doc["units"] for kpi, v in u["kpis"].items()]
    if kpi_rows:
        parts.append(Section(w["kpis"], w["kpis_take"], table=grid_html([w["unit"], w["kpi"], w["value"], w["change"]],
                                                                        [[t for t, _ in r] for r in kpi_rows])))
    if doc["alignment"]:
        items = "".join(f"<li>{escape(f['text_en' if lang == 'en' else 'text_nl'])}</li>" for f in doc["alignment"])
        parts.append(Section(w["alignment"], "", table=f"<ul>{items}</ul>"))
    for p in doc["programmes"]:
        names = {**dims, **w["hr_names"]}
        sentences, grid = [], []
        for r in p["rows"]:
            label = names.get(r["measure"], r["measure"])
            f = programme_finding(r, name_nl=label, name_en=label)
            sentences.append(f"<li>{escape(f.text(lang))}</li>")
            digits = HR_DIGITS.get(r["measure"], 2)
            interval = "–" if r["ci_low"] is None else f"{_num(r['ci_low'], lang, digits)} – {_num(r['ci_high'], lang, digits)}"
            grid.append([label, _num(r["baseline"], lang, digits), _num(r["follow_up"], lang, digits),
                         _num(r["did"], lang, digits), interval])
        table = grid_html([w["measure"], w["baseline"], w["follow_up"], w["did"], w["interval"]], grid)
        parts.append(Section(f"{w['programmes']}: {p['name']}", f"{p['rounds'][0]} → {p['rounds'][1]}",
                             table=table + f"<ul>{''.join(sentences)}</ul>"))
    return parts


def scan_html(doc: dict, *, lang: str = "nl") -> str:
    """One self-contained page (no scripts, no external files)."""
    w = WORDS[lang]
    body = render_parts(scan_parts(doc, lang=lang), lang, chart=lambda c: chart_svg(c, lang))
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{escape(w['title'])}</title>"
            f"<style>{STYLE}</style></head><body><h1>{escape(w['title'])}</h1>"
            f"<p>{escape(w['as_of'])}: {escape(doc['as_of'])}</p>{body}</body></html>")


def scan_pdf(doc: dict, *, lang: str = "nl", made: date | None = None) -> bytes:
    """The PDF (raises documents.pdf.PdfEngineMissing without WeasyPrint/Pango)."""
    from levensfase.documents.pdf import render_pdf

    document = Document(title=WORDS[lang]["title"], lang=lang, as_of=doc["as_of"], k=doc["k"],
                        parts=scan_parts(doc, lang=lang))
    return render_pdf(document, made=made)
