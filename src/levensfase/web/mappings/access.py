"""Who may build, save and use mapping profiles: whoever may import (the HR admin), decided server-side."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from levensfase.web.accounts import access


def require_builder(*, user) -> None:
    if not access.can_import(user=user):
        raise PermissionDenied
