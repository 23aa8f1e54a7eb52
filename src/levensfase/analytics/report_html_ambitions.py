"""The ambitions section of the HTML report: what people said in career conversations, per group.

Only numbers of the report dict (`analytics.ambitions.ambitions_section`); withheld cells as "< k".
The line above the table states the data coverage, not a finding.
"""

from __future__ import annotations

from typing import Any

from levensfase.documents.model import Part, Section, Table

WORDS = {
    "nl": {
        "title": "Loopbaangesprekken: ambities, gewenste omvang en beoogde pensioenleeftijd",
        "coverage": "{answered} medewerkers gaven in de laatste {years} jaar minstens één van deze antwoorden; "
                    "de aandelen zijn aandelen van wie die vraag beantwoordde, en een vraag met minder dan {k} "
                    "antwoorden in een groep blijft leeg (–). Levensfasen overlappen.",
        "ambition_n": "Antwoorden ambitie", "grow_share": "Wil groeien (%)", "reduce_share": "Wil minderen/stoppen (%)",
        "desired_n": "Antwoorden fte", "mean_desired": "Gewenste fte", "mean_current": "Huidige fte",
        "fewer_share": "Wil minder uren (%)", "intended_n": "Antwoorden pensioen",
        "mean_intended_age": "Beoogde pensioenleeftijd", "before_aow_share": "Vóór AOW (%)",
    },
    "en": {
        "title": "Career conversations: ambitions, desired FTE and intended retirement age",
        "coverage": "{answered} employees gave at least one of these answers in the last {years} years; shares "
                    "are shares of those who answered that question, and a question with fewer than {k} answers in "
                    "a group stays empty (–). Life phases overlap.",
        "ambition_n": "Ambition answers", "grow_share": "Wants to grow (%)", "reduce_share": "Wants to reduce/stop (%)",
        "desired_n": "FTE answers", "mean_desired": "Desired FTE", "mean_current": "Current FTE",
        "fewer_share": "Wants fewer hours (%)", "intended_n": "Retirement answers",
        "mean_intended_age": "Intended retirement age", "before_aow_share": "Before AOW (%)",
    },
}
GROW = ("grow_in_role", "other_role", "leadership", "specialist")
COLUMNS = ["by", "value", "population", "ambition_n", "grow_share", "reduce_share", "desired_n", "mean_desired",
           "mean_current", "fewer_share", "intended_n", "mean_intended_age", "before_aow_share"]


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def flat_row(r: dict[str, Any]) -> dict[str, Any]:
    """One table row of an ambitions row: blocks spread into columns (None where withheld)."""
    a, d, t = r["ambition"] or {}, r["desired_fte"] or {}, r["retirement"] or {}
    shares = a.get("shares") or {}  # empty when withheld or nobody answered
    return {"by": r["by"], "value": r["value"], "population": r["population"], "suppressed": r["suppressed"],
            "ambition_n": a.get("n"), "grow_share": _pct(sum(shares[g] for g in GROW)) if shares else None,
            "reduce_share": _pct(shares["reduce"] + shares["stop"]) if shares else None,
            "desired_n": d.get("n"), "mean_desired": d.get("mean_desired"), "mean_current": d.get("mean_current"),
            "fewer_share": _pct(d.get("fewer_share")), "intended_n": t.get("n"),
            "mean_intended_age": t.get("mean_intended_age"), "before_aow_share": _pct(t.get("before_aow_share"))}


def ambitions_html(report: dict[str, Any], w: dict[str, str], k: int) -> list[Part]:
    """Coverage line and the whole table (every category, life phases included)."""
    s, x = report.get("ambitions"), WORDS[w["_lang"]]
    if not s:
        return []
    line = x["coverage"].format(answered=s["people_answered"], years=s["answer_years"], k=k)
    words = w | {c: x[c] for c in COLUMNS if c in x}
    return [Section(x["title"], line, None, Table([flat_row(r) for r in s["rows"]], COLUMNS, words, k))]
