"""The competencies section of the HTML report: does development money reach every age group, and
where does capability lie unused? Only numbers of the report dict; hidden cells as "< k"."""

from __future__ import annotations

from typing import Any

from levensfase.documents.model import Chart, Part, Section, Table

WORDS = {
    "nl": {
        "title": "Competenties: onbenut talent en ontwikkelgeld",
        "untapped_pct": "Onbenut talent (%)", "need_pct": "Ontwikkelbehoefte (%)",
        "training_spend_eur": "Ontwikkelgeld (€)", "spend_per_person": "Per medewerker (€)", "population": "Mensen",
        "take": "Ontwikkelgeld per medewerker sinds {since}: het meest bij {hi} (€ {hi_eur}), het minst bij {lo} "
                "(€ {lo_eur}). Onbenut talent het vaakst bij {top} ({top_pct}% heeft een competentie op niveau 3 "
                "of 4 die de functie niet vraagt).",
        "take_spend": "Ontwikkelgeld per medewerker sinds {since}: het meest bij {hi} (€ {hi_eur}), het minst bij "
                      "{lo} (€ {lo_eur}).",
        "take_none": "Te weinig mensen of beoordelingen om leeftijdsgroepen te tonen.",
        "chart": "Onbenut talent en ontwikkelbehoefte per leeftijdsgroep",
    },
    "en": {
        "title": "Competencies: untapped potential and development money",
        "untapped_pct": "Untapped potential (%)", "need_pct": "Development need (%)",
        "training_spend_eur": "Development spend (€)", "spend_per_person": "Per employee (€)", "population": "People",
        "take": "Development spend per employee since {since}: highest for {hi} (€ {hi_eur}), lowest for {lo} "
                "(€ {lo_eur}). Untapped potential most often for {top} ({top_pct}% have a competency at level 3 "
                "or 4 that their job does not ask for).",
        "take_spend": "Development spend per employee since {since}: highest for {hi} (€ {hi_eur}), lowest for "
                      "{lo} (€ {lo_eur}).",
        "take_none": "Too few people or assessments to show age groups.",
        "chart": "Untapped potential and development need per age group",
    },
}


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def competencies_html(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
    """Takeaway on spend per person and untapped potential by age band, a bar chart, the whole table."""
    c, x = report.get("competencies"), WORDS[w["_lang"]]
    if not c:
        return []
    rows = [r | {"untapped_pct": _pct(r["untapped_share"]), "need_pct": _pct(r["development_need_share"]),
                 "spend_per_person": None if r["suppressed"] or not r["population"]
                 else round(r["training_spend_eur"] / r["population"], 2)} for r in c["rows"]]
    bands = [r for r in rows if r["by"] == "age_band" and not r["suppressed"] and r["population"]]
    if bands:
        hi = max(bands, key=lambda r: (r["spend_per_person"], r["value"]))
        lo = min(bands, key=lambda r: (r["spend_per_person"], r["value"]))
        known = [r for r in bands if r["untapped_pct"] is not None]
        words = {"since": c["window_from"], "hi": hi["value"], "hi_eur": f"{hi['spend_per_person']:.0f}",
                 "lo": lo["value"], "lo_eur": f"{lo['spend_per_person']:.0f}"}
        if known:
            top = max(known, key=lambda r: (r["untapped_pct"], r["value"]))
            take = x["take"].format(**words, top=top["value"], top_pct=f"{top['untapped_pct']:.0f}")
        else:
            take = x["take_spend"].format(**words)
    else:
        take = x["take_none"]
    key = "text_en" if w["_lang"] == "en" else "text_nl"
    said = [f for f in report.get("findings") or [] if f["section"] == "competencies" and f["kind"] != "coverage"]
    missing = [f[key] for f in said if f["kind"] == "missing_data"]
    said = missing or ([f[key] for f in said] if bands else [])
    if said:  # the findings ("geen competentiebeoordelingen", or §6a's rules on naming a group) come first
        take = " ".join(said)
    bars = [{"type": "bar", "x": [r["value"] for r in bands], "y": [r[col] for r in bands], "name": x[col]}
            for col in ("untapped_pct", "need_pct")]
    columns = ["by", "value", "population", "untapped_pct", "need_pct", "training_spend_eur", "spend_per_person"]
    words = w | {col: x[col] for col in columns if col in x}
    return [Section(x["title"], take, Chart(x["chart"], bars, "competencies"), Table(rows, columns, words, k),
                    plain=bool(said))]
