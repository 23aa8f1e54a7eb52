"""The executive verdict and the findings of each section, as HTML for the analysis report.

Sentences come from the `findings` and `executive` sections of the report dict (analytics.findings)
already written in the reader's language and number format, so they are escaped, never reformatted.
"""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["ANCHORS", "VERDICT_WORDS", "findings_html", "verdict_answers", "verdict_html"]

# Executive key → (section anchor in the report, question nl, question en).
ANCHORS = {
    "all_categories": ("policy-scan", "Investeren we in de duurzame inzetbaarheid van álle categorieën?",
                       "Do we invest in the sustainable employability of all categories?"),
    "life_phase_aware": ("policy-scan", "Is ons beleid levensfasebewust in plaats van leeftijdsgebonden?",
                         "Is our policy life-phase-aware rather than age-based?"),
    "untapped_potential": ("competencies", "Waar blijft potentieel onbenut, en ontwikkelen we het daar?",
                           "Where is potential unused, and do we develop it there?"),
    "influenceable_outflow": ("flows", "Wie verliezen we die we hadden kunnen houden?",
                              "Whom do we lose that we could have kept?"),
    "pension_wave": ("pension-wave", "Wanneer komt de pensioengolf?", "When does the pension wave come?"),
}
VERDICT_WORDS = {"nl": {"title": "Oordeel in het kort", "detail": "naar de details"},
                 "en": {"title": "The verdict in brief", "detail": "to the details"}}
STYLE = (".verdict{border:2px solid #1f5f8b;padding:.5rem 1rem;margin:1rem 0 2rem}.verdict dt{font-weight:600;"
         "margin-top:.6rem}.verdict dd{margin:.2rem 0 0 0}ul.findings li{margin:.2rem 0}")


def verdict_answers(report: dict[str, Any], lang: str) -> list[tuple[str, str, str, str]]:
    """(key, section anchor, question, answer) for each question the executive verdict answers."""
    executive = report.get("executive") or {}
    return [(key, anchor, q_en if lang == "en" else q_nl, answer["answer_en"] if lang == "en" else answer["answer_nl"])
            for key, (anchor, q_nl, q_en) in ANCHORS.items() if (answer := executive.get(key))]


def verdict_html(report: dict[str, Any], lang: str) -> str:
    """A definition list: each question, its answer with the numbers, and a link to the section."""
    words = VERDICT_WORDS["en" if lang == "en" else "nl"]
    items = [f"<dt>{escape(question)}</dt><dd data-key='{key}'>{escape(text)} "
             f"<a href='#{anchor}'>{escape(words['detail'])}</a></dd>"
             for key, anchor, question, text in verdict_answers(report, lang)]
    if not items:
        return ""
    return (f"<section class='verdict' id='verdict'><h2>{escape(words['title'])}</h2><dl>{''.join(items)}</dl>"
            "</section>")


def findings_html(report: dict[str, Any], section: str, lang: str, *, kinds: tuple[str, ...] | None = None) -> str:
    """The findings of one section as a list (empty string when there are none)."""
    key = "text_en" if lang == "en" else "text_nl"
    rows = [f for f in report.get("findings") or [] if f["section"] == section and (kinds is None or f["kind"] in kinds)]
    if not rows:
        return ""
    return "<ul class='findings'>" + "".join(f"<li>{escape(f[key])}</li>" for f in rows) + "</ul>"


def finding_text(report: dict[str, Any], section: str, lang: str, *, kinds: tuple[str, ...]) -> str | None:
    """The first finding of a section with one of `kinds`, as text; None when there is none."""
    key = "text_en" if lang == "en" else "text_nl"
    for f in report.get("findings") or []:
        if f["section"] == section and f["kind"] in kinds:
            return f[key]
    return None
