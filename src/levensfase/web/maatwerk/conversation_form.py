"""The career-conversation form: one field per topic of `model.conversations`, validated by its
`normalise`, with the answer choices in the UI language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from levensfase.model.conversations import TOPICS, ConversationError, normalise

CHOICE_LABELS = {
    "grow_in_role": _("grow in my current role"), "other_role": _("another role"), "leadership": _("leadership"),
    "specialist": _("become a specialist"), "other_employer": _("another employer"), "reduce": _("work less"),
    "stop": _("stop working"), "none": _("no move"), "internal": _("within the organisation"),
    "external": _("outside the organisation"), "development": _("development"), "flexibility": _("flexibility"),
    "fewer_hours": _("fewer hours"), "lighter_work": _("lighter work"), "recognition": _("recognition"),
    "pay": _("pay"), "other": _("something else"), "true": _("yes"), "false": _("no"),
}


def fields(lang: str, values: dict[str, str] | None = None) -> list[dict]:
    values = values or {}
    out = []
    for t in TOPICS.values():
        out.append({"name": t.name, "kind": t.kind, "label": t.label_en if lang == "en" else t.label_nl,
                     "choices": [(c, CHOICE_LABELS.get(c, c)) for c in t.choices], "value": values.get(t.name, ""),
                     "low": t.low, "high": t.high})
    return out


def clean(data, lang: str) -> tuple[dict[str, str], list[str]]:
    """(topic → stored value, error messages); empty fields are not answered."""
    answers, errors = {}, []
    for t in TOPICS.values():
        raw = str(data.get(t.name, "")).strip()
        if not raw:
            continue
        try:
            answers[t.name] = normalise(t.name, raw)
        except ConversationError:
            label = t.label_en if lang == "en" else t.label_nl
            errors.append(str(_("“%(topic)s” has an answer that is not allowed.")) % {"topic": label})
    if not answers and not errors:
        errors.append(str(_("Answer at least one question.")))
    return answers, errors
