"""The bedrijfsarts' follow-up cases: who asked for follow-up with low work ability, how urgent,
and the status and private notes occupational health keeps on each (DESIGN §6: health data, so
callers check `access.can_follow_up` first and audit every read and write)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from levensfase.web.audit.models import Action
from levensfase.web.audit.services import record
from levensfase.web.hr.models import Assignment, Unit
from levensfase.web.surveys.models import FollowUpCase, FollowUpNote
from levensfase.web.surveys.selectors import followups

STATUSES = ("open", "in_progress", "closed")
# Lower is more urgent: a poor score before a moderate one, a case in hand before a closed one.
BAND_RANK = {"poor": 0, "moderate": 1, "good": 2, "excellent": 3}
STATUS_RANK = {"open": 0, "in_progress": 1, "closed": 2}


@dataclass(frozen=True)
class CaseFilter:
    band: str = ""
    unit: str = ""
    status: str = ""
    leavers: bool = False


def _placement(*, person_ids: list[str], today: date) -> dict[str, tuple[str, bool]]:
    """person_id -> (unit_id of the assignment today or else the last one, employed today)."""
    found: dict[str, tuple[str, bool]] = {}
    rows = Assignment.objects.filter(person_id__in=person_ids).order_by("person_id", "start_date")
    for person_id, unit_id, start, end in rows.values_list("person_id", "unit_id", "start_date", "end_date"):
        current = start <= today and (end is None or end >= today)
        if current or not found.get(person_id, ("", False))[1]:
            found[person_id] = (unit_id, current or found.get(person_id, ("", False))[1])
    return found


def cases(*, today: date, which: CaseFilter) -> list[dict[str, Any]]:
    """The follow-up cases, most urgent first: status (open, in hand, closed), then band (poor
    first), then the newest score first, since a recent low score says most about today."""
    rows = followups(today=today)
    placed = _placement(person_ids=[r["person_id"] for r in rows], today=today)
    status = dict(FollowUpCase.objects.filter(person_id__in=placed).values_list("person_id", "status"))
    units = dict(Unit.objects.values_list("unit_id", "name"))
    result = []
    for row in rows:
        unit_id, employed = placed.get(row["person_id"], ("", False))
        case = {**row, "unit_id": unit_id, "unit": units.get(unit_id, ""), "employed": employed,
                "status": status.get(row["person_id"], "open")}
        if (not employed and not which.leavers) or (which.band and row["band"] != which.band) \
                or (which.unit and unit_id != which.unit) or (which.status and case["status"] != which.status):
            continue
        result.append(case)
    result.sort(key=lambda c: (STATUS_RANK[c["status"]], BAND_RANK.get(c["band"], 9), -c["date"].toordinal(),
                               c["person_id"]))
    return result


def status_of(*, person_id: str) -> str:
    case = FollowUpCase.objects.filter(person_id=person_id).first()
    return case.status if case else "open"


def notes_of(*, person_id: str) -> list[FollowUpNote]:
    return list(FollowUpNote.objects.filter(person_id=person_id))


@transaction.atomic
def set_status(*, user, person_id: str, status: str) -> None:
    """Store the case status; `status` must be one of STATUSES (the view checks it)."""
    FollowUpCase.objects.update_or_create(person_id=person_id, defaults={
        "status": status, "updated_at": timezone.now(), "username": user.get_username()})
    record(user=user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"view": "follow_up_case", "health": True, "saved": "status", "status": status})


@transaction.atomic
def add_note(*, user, person_id: str, text: str) -> None:
    FollowUpNote.objects.create(person_id=person_id, at=timezone.now(), username=user.get_username(), text=text)
    record(user=user, action=Action.VIEW_PERSON, person_id=person_id,
           detail={"view": "follow_up_case", "health": True, "saved": "note"})
