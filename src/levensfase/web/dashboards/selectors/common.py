"""Shared steps of every dashboard: the user's scope loaded, `k` read once per request, readable
labels and the fixed colours (DESIGN §9). What is counted and hidden lives in the core
(analytics.scope, analytics.dashboard)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levensfase.analytics.categories import UNKNOWN
from levensfase.analytics.phase_categories import NO_PHASE
from levensfase.analytics.scope import scoped
from levensfase.model.lifephase import load_rules
from levensfase.model.workforce import Workforce
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.pages.templatetags.levensfase import LABELS

# One colour per life phase and per exit reason on every chart (Okabe–Ito, colour-blind safe).
PHASE_COLOURS = {
    "starter": "#0072B2", "spitsuur": "#D55E00", "stable_mid_career": "#009E73", "late_career": "#CC79A7",
    "pre_retirement": "#E69F00", UNKNOWN: "#999999", NO_PHASE: "#999999",
}
REASON_COLOURS = {
    "voluntary": "#D55E00", "involuntary": "#CC79A7", "retirement": "#E69F00", "disability": "#56B4E9",
    "death": "#000000", "other": "#999999",
}
GENERATION_COLOURS = {
    "pre-babyboom": "#000000", "babyboom": "#CC79A7", "X": "#0072B2", "Y": "#E69F00", "Z": "#009E73", "alpha": "#56B4E9",
}
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
SEX_LABELS = {"f": gettext_lazy("women"), "m": gettext_lazy("men"), "x": gettext_lazy("other (x)")}


def k() -> int:
    return int(settings.LEVENSFASE_K)


def language() -> str:
    return (get_language() or "nl").split("-")[0]


def scoped_workforce(unit_ids: frozenset[str] | None) -> Workforce:
    return scoped(load_workforce(), unit_ids)


def unit_names(workforce: Workforce) -> dict[str, str]:
    return dict(zip(workforce.units["unit_id"].to_list(), workforce.units["name"].to_list()))


def value_label(by: str, value: object, *, names: dict[str, str] | None = None) -> str:
    """What a category value is called on screen, in the UI language."""
    if value is None or value == UNKNOWN:
        return _("unknown")
    text = str(value)
    if by == "life_phase":
        if text == NO_PHASE:
            return _("no named phase")
        rules = load_rules()
        if text in rules.phase_names:
            phase = rules.phase(text)
            return phase.label_en if language() == "en" else phase.label_nl
        return text
    if by == "unit":
        return (names or {}).get(text, text)
    if by == "sex":
        return str(SEX_LABELS.get(text, text))
    if by == "generation":
        return _("generation %(name)s") % {"name": text} if len(text) == 1 else text
    if text in LABELS:
        return str(LABELS[text])
    return text


def colour(by: str, value: str, index: int) -> str:
    fixed = {"life_phase": PHASE_COLOURS, "generation": GENERATION_COLOURS}.get(by, {})
    return fixed.get(value, PALETTE[index % len(PALETTE)])


def say(*findings) -> str:
    """The takeaway of a panel: the sentences of the core's findings (analytics.findings) in the UI language."""
    lang = language()
    return " ".join(f.text(lang) for f in findings if f is not None)


def finding_labels(by: str, values, *, names: dict[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """value → (nl, en) as the findings want them, both in the UI language (the page shows one)."""
    out = {}
    for value in values:
        text = value_label(by, value, names=names)
        out[str(value)] = (text, text)
    return out
