"""The one way to write the audit log."""

from __future__ import annotations

from typing import Any

from levensfase.web.audit.models import Action, Entry


def record(*, user, action: Action | str, person_id: str = "", detail: dict[str, Any] | None = None) -> Entry:
    """Write one audit entry: who (`user`), what (`action`, `detail`), whom (`person_id`); when is now."""
    action = Action(action)  # an unknown action is a programming error: fail loudly
    return Entry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=user.get_username() if user is not None and user.is_authenticated else "",
        action=action,
        person_id=person_id or "",
        detail=detail or {},
    )


def record_login(*, action: Action | str, username: str, address: str) -> Entry:
    """A failed or refused login: nobody is logged in, so the username is the one typed (cut to
    the field's length) and the client's address goes into the detail."""
    return Entry.objects.create(user=None, username=username[:150], action=Action(action),
                                detail={"address": address})
