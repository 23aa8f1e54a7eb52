"""`levensfase evaluate --format html`: one self-contained page (no scripts, no external files)."""

from __future__ import annotations

from html import escape

from levensfase.evaluation.evaluate import Evaluation
from levensfase.evaluation.present import presented

__all__ = ["render_evaluation_html"]

_WORDS = {
    "nl": {"title": "Werkt het?", "as_of": "Peildatum", "outcome": "Uitkomst", "verdict": "Oordeel",
           "effect": "Effect", "ratio": "Hazard ratio", "interval": "95%-interval", "naive": "Zonder matching",
           "pairs": "Paren", "treated": "Deelnemers", "balance": "Balans na matching (gestandaardiseerd verschil)",
           "covariate": "Kenmerk", "before": "Voor", "after": "Na", "flag": "boven 0,1",
           "bundle": "Bundel", "units": "Effect: procentpunt minder/meer vertrek na een jaar; WAI-punten; "
           "procentpunt verzuim. Interval: van de hazard ratio bij vertrek, anders van het effect.",
           "boot": "Bootstrap met {n} herhalingen over de gematchte paren.", "small": "Groepen kleiner dan {k} "
           "worden als “< {k}” getoond."},
    "en": {"title": "Does it work?", "as_of": "As of", "outcome": "Outcome", "verdict": "Verdict",
           "effect": "Effect", "ratio": "Hazard ratio", "interval": "95% interval", "naive": "Without matching",
           "pairs": "Pairs", "treated": "Participants", "balance": "Balance after matching (standardised difference)",
           "covariate": "Covariate", "before": "Before", "after": "After", "flag": "above 0.1",
           "bundle": "Bundle", "units": "Effect: percentage points fewer/more exits after a year; WAI points; "
           "percentage points absence. Interval: of the hazard ratio for exits, else of the effect.",
           "boot": "Bootstrap with {n} replicates over the matched pairs.", "small": "Groups smaller than {k} are "
           "shown as “< {k}”."},
}


def render_evaluation_html(evaluation: Evaluation, *, lang: str = "nl") -> str:
    page = presented(evaluation, lang=lang)
    w = _WORDS["en" if lang == "en" else "nl"]
    parts = [f"<!doctype html><html lang=\"{'en' if lang == 'en' else 'nl'}\"><head><meta charset=\"utf-8\">",
             f"<title>{w['title']}</title><style>body{{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;"
             "padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #ccc;"
             "padding:.25rem .6rem;text-align:left}td.num{text-align:right}.flag{color:#a40000;font-weight:600}"
             ".muted{color:#555}</style></head><body>",
             f"<h1>{w['title']}</h1><p class=\"muted\">{w['as_of']}: {escape(page['as_of'])}. "
             f"{escape(w['boot'].format(n=page['replicates']))} {escape(w['small'].format(k=page['k']))}</p>",
             f"<p>{escape(page['limits'])}</p><p class=\"muted\">{escape(w['units'])}</p>"]
    for group in page["groups"]:
        parts.append(f"<section><h2>{escape(group['name'])}</h2><p class=\"muted\">{w['bundle']}: "
                     f"{escape(group['bundle'])} · {w['treated']}: {group['n_treated']} · {w['pairs']}: "
                     f"{group['n_matched']}</p>")
        parts.append(f"<table><thead><tr><th>{w['outcome']}</th><th>{w['verdict']}</th><th>{w['effect']}</th>"
                     f"<th>{w['ratio']}</th><th>{w['interval']}</th><th>{w['naive']}</th><th>{w['pairs']}</th>"
                     "</tr></thead><tbody>")
        for o in group["outcomes"]:
            parts.append(f"<tr><td>{escape(o['label'])}</td><td>{escape(o['verdict'])}</td><td class=\"num\">"
                         f"{o['effect']}</td><td class=\"num\">{o['ratio']}</td><td class=\"num\">{o['interval']}</td>"
                         f"<td class=\"num\">{o['naive']}</td><td class=\"num\">{o['n_matched']}</td></tr>")
        parts.append("</tbody></table><ul>" + "".join(f"<li>{escape(o['sentence'])}</li>" for o in group["outcomes"]
                                                       if o["verdict_code"] != "onvoldoende gegevens") + "</ul>")
        if group["balance"]:
            parts.append(f"<details><summary>{w['balance']}</summary><table><thead><tr><th>{w['covariate']}</th>"
                         f"<th>{w['before']}</th><th>{w['after']}</th></tr></thead><tbody>")
            for b in group["balance"]:
                flag = f" <span class=\"flag\">({w['flag']})</span>" if b["flagged"] else ""
                parts.append(f"<tr><td>{escape(b['covariate'])}</td><td class=\"num\">{b['before']}</td>"
                             f"<td class=\"num\">{b['after']}{flag}</td></tr>")
            parts.append("</tbody></table></details>")
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "".join(parts)
