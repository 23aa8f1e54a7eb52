"""Everything held about one person (AVG art. 15, right of access), as plain data for JSON and HTML.

Only rows of this person are read (every query filters on their id). Views of their record in
the audit log are listed with the viewer's role, not their name. The bedrijfsarts's own notes
are not here: the medical dossier is theirs to hand over (see `OH_NOTE`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from levensfase.web.accounts.models import Profile, Role
from levensfase.web.audit.models import Action, Entry
from levensfase.web.hr.models import (
    Absence,
    Arrangement,
    Assignment,
    Conversation,
    LifeEvent,
    Person,
    PersonSkill,
    SurveyResponse,
)
from levensfase.web.maatwerk.models import Plan
from levensfase.web.surveys.models import Consent, Invitation

OH_NOTE = _("Notes of the occupational physician (bedrijfsarts) form your medical dossier, which the "
            "bedrijfsarts keeps under medical confidentiality. They are not in this overview; you can "
            "request them from the bedrijfsarts.")


def _rows(queryset, *fields: str) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def personal_data(*, person_id: str) -> dict[str, Any] | None:
    """The person's data in every table that holds any, or None when there is no such person."""
    person = Person.objects.filter(person_id=person_id).first()
    if person is None:
        return None
    mine = dict(person_id=person_id)
    record = {"person_id": person.person_id, "birth_date": person.birth_date.isoformat(), "sex": person.sex}
    if hasattr(person, "display_name"):  # exchange format v1.2 (another branch adds it)
        record["display_name"] = person.display_name
    return {
        "person": record,
        "assignments": _rows(Assignment.objects.filter(**mine).order_by("start_date", "id"),
                             "start_date", "end_date", "unit_id", "unit__name", "job_id", "job__title", "fte",
                             "contract", "end_reason"),
        "life_events": _rows(LifeEvent.objects.filter(**mine).order_by("start_date", "id"),
                             "event", "start_date", "end_date"),
        "absences": _rows(Absence.objects.filter(**mine).order_by("start_date"), "start_date", "end_date",
                          "pregnancy"),
        "survey_answers": _rows(SurveyResponse.objects.filter(**mine).order_by("date", "instrument"),
                                "date", "instrument", "answers"),
        "survey_invitations": _rows(Invitation.objects.filter(**mine).order_by("campaign_id"),
                                    "campaign__name", "campaign__instrument", "unit_id", "responded_on"),
        "consents": _rows(Consent.objects.filter(**mine), "given_at", "withdrawn_at", "follow_up"),
        "conversations": _rows(Conversation.objects.filter(**mine).order_by("date", "topic"),
                               "date", "topic", "value"),
        "arrangements": _rows(Arrangement.objects.filter(**mine).order_by("start_date", "code"),
                              "code", "start_date", "end_date", "hours", "cost_eur"),
        "plans": _plans(person_id),
        "skills": _rows(PersonSkill.objects.filter(**mine).order_by("date", "skill_id"),
                        "skill_id", "skill__name", "level", "source", "date"),
        "accounts": _rows(Profile.objects.filter(**mine), "user__username", "role"),
        "record_views": _views(person_id),
    }


def _plans(person_id: str) -> list[dict[str, Any]]:
    plans = Plan.objects.filter(person_id=person_id).prefetch_related("items", "events").order_by("created_at", "id")
    return [{
        "state": plan.state,
        "created_at": plan.created_at.isoformat(),
        "items": _rows(plan.items.all(), "code", "start_date", "end_date", "hours", "cost_eur"),
        "events": [{"at": e.at.isoformat(), "action": e.action, "to_state": e.to_state, "by_role": e.actor_role,
                    "note": e.note} for e in plan.events.all()],
    } for plan in plans]


def _views(person_id: str) -> list[dict[str, Any]]:
    """Who looked at the record when: the viewer's role (their own views marked as such), never a name."""
    own_users = set(Profile.objects.filter(person_id=person_id).values_list("user_id", flat=True))
    roles = dict(Profile.objects.values_list("user_id", "role"))
    entries = Entry.objects.filter(person_id=person_id, action=Action.VIEW_PERSON).order_by("at", "id")
    views = []
    for entry in entries.values("at", "user_id", "detail"):
        role = roles.get(entry["user_id"], "")
        views.append({
            "at": entry["at"].isoformat(),
            "by_role": "self" if entry["user_id"] in own_users else role,
            "health_data": bool((entry["detail"] or {}).get("health")),
        })
    return views


SECTION_TITLES = {
    "assignments": _("Employment (assignments)"),
    "life_events": _("Life events"),
    "absences": _("Absences (sick reports)"),
    "survey_answers": _("Survey answers"),
    "survey_invitations": _("Survey invitations"),
    "consents": _("Consent for surveys"),
    "conversations": _("Career conversations"),
    "arrangements": _("Arrangements"),
    "plans": _("Personal plans"),
    "skills": _("Skills"),
    "accounts": _("Login accounts"),
    "record_views": _("Who viewed your record"),
}

PERSON_FIELDS = [("person_id", _("Person id")), ("display_name", _("Name")), ("birth_date", _("Birth date")),
                 ("sex", _("Sex"))]

ROLE_LABELS = {"self": _("you"), **{value: label for value, label in Role.choices}}

__all__ = ["OH_NOTE", "PERSON_FIELDS", "ROLE_LABELS", "SECTION_TITLES", "personal_data"]
