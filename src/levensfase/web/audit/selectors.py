"""Reads of the audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from levensfase.web.audit.models import Entry


def audit_entries(*, person_id: str = "") -> QuerySet[Entry]:
    """Newest first; only the entries about `person_id` when given (exact match)."""
    entries = Entry.objects.all()
    if person_id:
        entries = entries.filter(person_id=person_id)
    return entries
