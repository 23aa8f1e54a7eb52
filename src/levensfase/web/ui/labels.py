"""What a code or category value is called on screen, in the UI language: exchange-format codes
(contract, end reason, life events, instruments, audit actions), sexes, life phases, units and
generations; and the core's findings as sentences in the UI language."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levensfase.analytics.categories import UNKNOWN
from levensfase.analytics.phase_categories import NO_PHASE
from levensfase.model.lifephase import load_rules

LABELS = {
    # contract
    "permanent": gettext_lazy("permanent"),
    "fixed_term": gettext_lazy("fixed term"),
    "temporary": gettext_lazy("temporary"),
    "intern": gettext_lazy("intern"),
    # end_reason
    "voluntary": gettext_lazy("voluntary"),
    "involuntary": gettext_lazy("involuntary"),
    "retirement": gettext_lazy("retirement"),
    "disability": gettext_lazy("disability"),
    "death": gettext_lazy("death"),
    "other": gettext_lazy("other"),
    # life events
    "partner": gettext_lazy("partner"),
    "child": gettext_lazy("child"),
    "caregiving": gettext_lazy("informal caregiving"),
    "study": gettext_lazy("study"),
    "health_limitation": gettext_lazy("health limitation"),
    # survey instruments
    "wai": gettext_lazy("Work Ability Index (WAI)"),
    "was": gettext_lazy("Work Ability Score (WAS)"),
    "uwes9": gettext_lazy("work engagement (UWES-9)"),
    "uwes17": gettext_lazy("work engagement (UWES-17)"),
    # audit actions
    "view_person": gettext_lazy("viewed record"),
    "import": gettext_lazy("imported data"),
    "plan": gettext_lazy("acted on a personal plan"),
    "erase": gettext_lazy("erased a person"),
    "retention": gettext_lazy("anonymised leavers (retention)"),
    "access": gettext_lazy("downloaded own data"),
    "login_failed": gettext_lazy("failed login"),
    "login_refused": gettext_lazy("login refused (locked)"),
}
SEX_LABELS = {"f": gettext_lazy("women"), "m": gettext_lazy("men"), "x": gettext_lazy("other (x)")}


def language() -> str:
    return (get_language() or "nl").split("-")[0]


def label(code: str | None) -> str:
    """The UI-language label of an exchange code; unknown codes are shown as they are."""
    if not code:
        return ""
    return LABELS.get(code, code)


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
