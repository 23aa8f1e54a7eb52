"""Dutch and English words for the core's codes (life-phase axes and states, work demand, contract
type), for sentences the core writes itself — an eligibility reason, a report table — so no raw
code reaches a reader. The web app's own label tables translate the same codes through gettext."""

from __future__ import annotations

from datetime import date

__all__ = ["AXIS_WORDS", "CODE_WORDS", "code_word", "day_text"]

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
CODE_WORDS = {  # work demand (schema.WORK_DEMANDS) and contract type (schema.CONTRACTS)
    "nl": {"physical": "fysiek zwaar werk", "mental": "mentaal zwaar werk", "mixed": "gemengd werk",
           "permanent": "vast contract", "fixed_term": "tijdelijk contract", "temporary": "uitzendcontract",
           "intern": "stage"},
    "en": {"physical": "physically demanding work", "mental": "mentally demanding work", "mixed": "mixed work",
           "permanent": "permanent contract", "fixed_term": "fixed-term contract", "temporary": "temporary contract",
           "intern": "internship"},
}


def code_word(code: str, lang: str = "nl") -> str:
    """The reader's word for a code; the code itself when it has none."""
    lang = "en" if lang == "en" else "nl"
    return CODE_WORDS[lang].get(code) or AXIS_WORDS[lang].get(code) or code.replace("_", " ")


def day_text(day: date, lang: str = "nl") -> str:
    """A date in the reader's notation: 10-04-2044 in Dutch, 2044-04-10 in English."""
    return day.strftime("%d-%m-%Y") if lang != "en" else day.isoformat()
