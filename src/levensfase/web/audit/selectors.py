"""Reads of the audit log, narrowed server-side to what the reader may see (accounts.access)."""

from __future__ import annotations

from django.db.models import QuerySet

from levensfase.web.accounts import access
from levensfase.web.audit.models import Entry


def health_entries() -> QuerySet[Entry]:
    """Entries about access to health data: written with detail {"health": true}."""
    return Entry.objects.filter(detail__health=True)


def audit_entries(*, user, person_id: str = "") -> QuerySet[Entry]:
    """Newest first, only those `user` may read (none without an audit scope); only the entries
    about `person_id` when given (exact match)."""
    scope = access.audit_scope(user=user)
    if scope == access.AUDIT_ALL:
        entries = Entry.objects.all()
    elif scope == access.AUDIT_WITHOUT_HEALTH:
        # A subquery, not exclude(detail__health=True): rows without the key must stay in.
        entries = Entry.objects.exclude(pk__in=health_entries().values("pk"))
    elif scope == access.AUDIT_HEALTH_ONLY:
        entries = health_entries()
    else:
        return Entry.objects.none()
    if person_id:
        entries = entries.filter(person_id=person_id)
    return entries
