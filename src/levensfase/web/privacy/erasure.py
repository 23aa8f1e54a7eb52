"""Erasure of one person on request (AVG art. 17), by HR admin: every row goes, the act is audited.

What stays: the keyed hash of the id (so no import recreates the person), and the record of what
went — table names and row counts, never the data — in `ForgottenPerson.removed` (all counts)
and in the audit entry (the counts of health tables left out: they are health data themselves).
The audit entry names the person by a random reference, not by the id.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from levensfase.model.data_retention import new_token
from levensfase.web.audit.models import Action, Entry
from levensfase.web.audit.services import record
from levensfase.web.hr.models import Assignment, ImportRun, Person
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.maatwerk.models import PlanEvent
from levensfase.web.privacy.forgotten import hash_of
from levensfase.web.privacy.models import ForgottenPerson, Kind, OccupationalHealthRecord
from levensfase.web.privacy.retention import HEALTH_TABLES, retire_accounts, table_counts


def for_hr(counts: dict[str, int]) -> list[tuple[str, int | None]]:
    """The record of what went as HR admin may see it: health tables (how often someone reported
    sick or answered the WAI is health data) without their count (DESIGN §6)."""
    return [(table, None if table in HEALTH_TABLES else n) for table, n in counts.items()]


class UnknownPerson(Exception):
    """No person with this id (or they were anonymised already)."""


def erasure_preview(*, person_id: str) -> dict[str, int]:
    """The rows an erasure would remove, per table, without removing them."""
    if not Person.objects.filter(person_id=person_id).exists():
        raise UnknownPerson(person_id)
    with transaction.atomic():
        counts = _remove(person_id)
        transaction.set_rollback(True)
    return counts


def erase_person(*, person_id: str, user) -> dict[str, int]:
    """Remove the person everywhere, remember the hash, audit the act; returns rows per table."""
    if not Person.objects.filter(person_id=person_id).exists():
        raise UnknownPerson(person_id)
    reference = new_token()
    forget_workforce()
    try:
        with transaction.atomic():
            retire_accounts({person_id: reference})  # before _remove unlinks the profile
            counts = _remove(person_id)
            Entry.objects.filter(person_id=person_id).update(person_id=reference)
            PlanEvent.objects.filter(actor_person_id=person_id).update(actor_person_id="")
            ForgottenPerson.objects.update_or_create(
                id_hash=hash_of(person_id),
                defaults={"kind": Kind.ERASED, "token": "", "at": timezone.now(), "removed": counts})
            record(user=user, action=Action.ERASE, person_id=reference, detail={
                "removed": {t: n for t, n in counts.items() if t not in HEALTH_TABLES},
                "removed_health_tables": sorted(HEALTH_TABLES & set(counts))})
            ImportRun.objects.exclude(undo=None).update(undo=None)  # kept row versions would bring the person back
            ImportRun.objects.create(user_id=getattr(user, "pk", None), source="wissing op verzoek (AVG art. 17)",
                                     summary={}, changed=True)  # marks cached Workforces stale
    finally:
        forget_workforce()
    return counts


def _remove(person_id: str) -> dict[str, int]:
    assignments = Assignment.objects.filter(person_id=person_id).count()
    counts = table_counts(Person.objects.filter(person_id=person_id).delete()[1])
    oh = OccupationalHealthRecord.objects.filter(person_hash=hash_of(person_id)).delete()[0]
    counts = {Person._meta.db_table: 1, **counts}
    if assignments:
        counts[Assignment._meta.db_table] = assignments
    if oh:
        counts[OccupationalHealthRecord._meta.db_table] = oh
    return dict(sorted(counts.items()))
