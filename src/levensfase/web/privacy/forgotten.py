"""Forgotten people are never recreated: the hooks an import (and an undo) call.

An anonymised or erased person's original id is kept only as a keyed one-way hash
(`ForgottenPerson.id_hash`). An import drops every row of such an id before it is stored and
says so in its notes; an undo re-applies `forget_again` after restoring.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace

import polars as pl
from django.conf import settings

from levensfase.ingest.reader import Checked
from levensfase.model.data_retention import Skipped, drop_hashed, person_hash, skipped_note
from levensfase.web.privacy.models import ForgottenPerson


def hash_of(person_id: str) -> str:
    return person_hash(person_id, secret=settings.SECRET_KEY)


def forgotten_hashes() -> frozenset[str]:
    return frozenset(ForgottenPerson.objects.values_list("id_hash", flat=True))


def is_forgotten(person_id: str) -> bool:
    return ForgottenPerson.objects.filter(id_hash=hash_of(person_id)).exists()


def drop_erased(frames: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], list[Skipped]]:
    """The frames without the rows of forgotten people, and per table how many rows went."""
    hashes = forgotten_hashes()
    kept: dict[str, pl.DataFrame] = {}
    skipped: list[Skipped] = []
    for name, frame in frames.items():
        kept[name], gone = drop_hashed(frame, table=name, hashes=hashes, secret=settings.SECRET_KEY)
        skipped += [gone] if gone else []
    return kept, skipped


def drop_erased_checked(tables: Iterable[Checked], *, notes) -> Iterable[Checked]:
    """`import_files`' tables as they are read, without the rows of forgotten people (the
    pseudonymised history stays: an import removes nothing the file lacks, DESIGN §3). A note
    (`notes.add(nl, en)`) names what was skipped once the last table is read.

    The database is read here, on the import's thread; the filtering runs lazily on the
    reader's worker thread and touches no database."""
    hashes = forgotten_hashes()
    if not hashes:
        return tables
    return _filtered(tables, hashes=hashes, secret=settings.SECRET_KEY, notes=notes)


def _filtered(tables: Iterable[Checked], *, hashes: frozenset[str], secret: str, notes) -> Iterator[Checked]:
    skipped: list[Skipped] = []
    for checked in tables:
        if checked.frame is None or checked.problems:
            yield checked
            continue
        frame, gone = drop_hashed(checked.frame, table=checked.name, hashes=hashes, secret=secret)
        skipped += [gone] if gone else []
        yield replace(checked, frame=frame)  # keeps which columns the file carried
    if note := skipped_note(skipped):
        notes.add(*note)


def forget_again() -> int:
    """After an undo restored rows: remove every person whose id hashes to a forgotten one
    (their rows went with the person). Returns how many were removed again."""
    from levensfase.web.hr.models import Person

    hashes = forgotten_hashes()
    if not hashes:
        return 0
    back = [p for p in Person.objects.values_list("person_id", flat=True) if hash_of(p) in hashes]
    for start in range(0, len(back), 500):
        Person.objects.filter(person_id__in=back[start:start + 500]).delete()
    return len(back)


def retention_after_import_enabled() -> bool:
    """Retention runs after every import unless LEVENSFASE_RETENTION_AFTER_IMPORT=0 (read now,
    not at start-up, so a test suite whose histories predate today can switch it off)."""
    return os.environ.get("LEVENSFASE_RETENTION_AFTER_IMPORT", "1").strip() != "0"
