"""Writes to the organisation's catalog. Every save is checked by the core merge first (a
CatalogError writes nothing) and leaves a CatalogChange row with the entry before and after."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from levensfase.model.arrangements import Arrangement
from levensfase.model.arrangements.overrides import entry_body, merge_catalog
from levensfase.web.maatwerk import selectors
from levensfase.web.maatwerk.models import CatalogChange, CatalogOverride


def _log(*, user, code: str, action: str, before: dict | None, after: dict | None) -> None:
    CatalogChange.objects.create(at=timezone.now(), user=user, username=user.get_username(), code=code,
                                 action=action, before=before, after=after)


@transaction.atomic
def save_entry(*, user, code: str, body: dict, adding: bool) -> Arrangement:
    """Store the organisation's version of `code` (a changed default or, with `adding`, a new one)."""
    current = selectors.catalog()
    if adding and code in current:
        raise ValueError(f"arrangement {code!r} already exists")
    if not adding and code not in current:
        raise KeyError(code)
    overrides = selectors.catalog_overrides()
    merged = merge_catalog(selectors.default_catalog(), {**overrides, code: body})  # CatalogError: nothing saved
    before = None if adding else entry_body(current[code])
    after = entry_body(merged[code])
    CatalogOverride.objects.update_or_create(code=code, defaults={"body": after, "updated_at": timezone.now()})
    _log(user=user, code=code, action="add" if adding else "edit", before=before, after=after)
    return merged[code]


@transaction.atomic
def reset_entry(*, user, code: str) -> bool:
    """Back to the packaged default; False (nothing done) for an own instrument or an unchanged entry."""
    default = selectors.default_catalog()
    row = CatalogOverride.objects.select_for_update().filter(code=code).first()
    if row is None or code not in default:
        return False
    before = row.body
    row.delete()
    _log(user=user, code=code, action="reset", before=before, after=entry_body(default[code]))
    return True
