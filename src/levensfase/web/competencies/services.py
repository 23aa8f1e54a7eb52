"""Writes of the competency screens: assessments into the exchange person_skills table, and the
internal-mobility opt-in as a career-conversation answer (through the maatwerk service)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.hr.models import PersonSkill
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.maatwerk.services import save_conversation

OPT_IN_TOPIC = "internal_mobility_opt_in"


@transaction.atomic
def save_assessment(*, user, person_id: str, source: str, on: date, levels: dict[str, int]) -> None:
    """Store one assessment (skill_id → level 1–4) from `source` on day `on`.

    A second save on the same day replaces that day's level per skill; earlier days stay as history.
    """
    forget_workforce()
    for skill_id, level in levels.items():
        PersonSkill.objects.update_or_create(person_id=person_id, skill_id=skill_id, source=source, date=on,
                                             defaults={"level": level, "import_run": None})
    transaction.on_commit(forget_workforce)
    record(user=user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"view": "competency_assessment", "source": source, "saved": sorted(levels)})


def set_mobility_opt_in(*, user, person_id: str, on: date, opt_in: bool) -> None:
    """"Open voor interne vacatures": one conversation answer, so the history of the wish stays."""
    save_conversation(user=user, person_id=person_id, on=on, answers={OPT_IN_TOPIC: "true" if opt_in else "false"})
