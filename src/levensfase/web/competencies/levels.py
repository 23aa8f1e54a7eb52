"""The words of the competency screens: the four levels with a plain description (so a 3 means
the same to the employee and the manager) and the kinds kennis / houding / vaardigheden."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LEVELS = (1, 2, 3, 4)
LEVEL_NAMES = {1: _("Basic"), 2: _("Competent"), 3: _("Experienced"), 4: _("Expert")}
LEVEL_DESCRIPTIONS = {
    1: _("You know the basics and work under guidance."),
    2: _("You work on your own in ordinary situations."),
    3: _("You also work on your own in complex situations and help others."),
    4: _("Colleagues come to you; you teach it and improve how it is done."),
}
KIND_LABELS = {"knowledge": _("knowledge"), "attitude": _("attitude"), "skill": _("skill")}
STATUS_LABELS = {
    "used": _("used"), "development_need": _("development need"), "untapped": _("untapped potential"),
    "other": _("other"),
}
SOURCE_LABELS = {"self": _("self-assessment"), "manager": _("assessment by manager"), "certified": _("certified")}


def level_choices() -> list[dict]:
    return [{"value": n, "name": LEVEL_NAMES[n], "description": LEVEL_DESCRIPTIONS[n]} for n in LEVELS]
