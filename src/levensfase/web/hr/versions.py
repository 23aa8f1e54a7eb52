"""The data version: what the per-process caches (the Workforce, the page cache) compare against to
know that the hr data changed, read on every request — so it is one statement of indexed reads,
never a count (counting 200.000 people took 15–20 ms a request on PostgreSQL).

It moves on every committed write to the exchange tables, from any process: the write services
call `hr.selectors.forget_workforce`, and a save or delete of one row through the ORM (app edits,
the admin shell, tests) bumps it through the model signals connected here. Both bump the stored
number when the transaction commits (once per transaction), never after a rollback. Rows written
in bulk outside the services (`bulk_create`, a queryset's `update`, raw SQL) are not seen until
the next write or `bump_data_version()`.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from levensfase.web.hr.models import DataVersion, ImportRun
from levensfase.web.hr.tables import MODELS

HR_DATA, SCAN_DATA = 1, 2  # DataVersion rows: the exchange tables; the scan's answers and business results
_writes_here = 0  # writes this process made (committed or not): its own caches follow them at once


def stored_data_version(*, row: int = HR_DATA) -> int:
    """The number bump_data_version raises; 0 before the first write."""
    return DataVersion.objects.filter(pk=row).values_list("value", flat=True).first() or 0


def bump_data_version(*, row: int = HR_DATA) -> None:
    """+1 on a DataVersion row, made on first use (a flushed test database has none). Row HR_DATA
    is the one the Workforce follows; SCAN_DATA only the scan's cached results."""
    if DataVersion.objects.filter(pk=row).update(value=F("value") + 1):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(pk=row, value=1)
    except IntegrityError:  # another process made it just now
        DataVersion.objects.filter(pk=row).update(value=F("value") + 1)


def note_write() -> None:
    """A write to the hr data: this process's caches follow at once, every process's once it
    commits (one bump per transaction however many rows it saves)."""
    global _writes_here
    _writes_here += 1
    db = transaction.get_connection()
    if db.in_atomic_block and any(entry[1] is bump_data_version for entry in db.run_on_commit):
        return
    transaction.on_commit(bump_data_version)


def writes_here() -> int:
    return _writes_here


def read_versions() -> tuple:
    """(stored hr data version, id and time of the latest import run) in one statement."""
    q = connection.ops.quote_name
    latest = f"FROM {q(ImportRun._meta.db_table)} ORDER BY {q('id')} DESC LIMIT 1"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT {q('value')} FROM {q(DataVersion._meta.db_table)} WHERE {q('id')} = %s), "
            f"(SELECT {q('id')} {latest}), (SELECT {q('created_at')} {latest})", [HR_DATA])
        value, run, created = cursor.fetchone()
    return (value or 0, run, str(created) if created is not None else None)


def _saved_or_deleted(**_: object) -> None:
    note_write()


def connect() -> None:
    """Bump on every ORM save or delete of an exchange table's row (hr AppConfig.ready)."""
    for model in MODELS.values():
        uid = f"levensfase-data-version-{model._meta.db_table}"
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=uid + "-delete")
