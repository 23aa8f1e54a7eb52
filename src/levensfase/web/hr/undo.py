"""Undo of the last import (DESIGN §3: every import can be undone until the next one).

Before an import writes a table it keeps, per table, whether the table was empty (then undo
removes every row the run wrote), the keys of the rows it adds, and the whole previous version
(every column, the row id and origin included) of each row it changes or removes. Undo deletes
what the run wrote and puts the previous versions back, so the imported tables are exactly as they
were. Rows entered in the app since stay: a previous version whose key an app row has taken is
not put back, and an undo that would leave an app row without the person, unit, job or skill it
refers to is refused with the reason.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from levensfase.model.schema import TABLE_ORDER
from levensfase.web.hr import stored
from levensfase.web.hr.models import ImportRun
from levensfase.web.hr.plans import REFERENCE_TARGETS
from levensfase.web.hr.refusal import ImportRefused
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.hr.tables import DB_TABLES, MODELS, ORIGIN


@dataclass
class Log:
    """What an import run needs to be undone, gathered while it writes."""

    tables: dict[str, dict] = field(default_factory=dict)

    def keep(self, cursor, name: str, *, fresh: bool = False, added: pl.DataFrame | None = None,
             gone: pl.DataFrame | None = None) -> None:
        """Before writing `name`: it was empty (`fresh`), or these database rows are added (`added`),
        and these keys are changed or removed (`gone`, whose current rows are kept)."""
        entry = self.tables.setdefault(name, {"fresh": fresh, "added": [], "previous": []})
        key = list(DB_TABLES[name].key)
        if added is not None and added.height:
            entry["added"] += [list(r) for r in added.select(key).iter_rows()]
        if gone is not None and gone.height:
            entry["previous"] += stored.full_rows(cursor, name, gone.select(key))

    def dump(self) -> bytes:
        return zlib.compress(json.dumps(self.tables, separators=(",", ":")).encode())


def undoable() -> ImportRun | None:
    """The import that `undo_last` would undo: the latest run, if it changed anything and is not
    itself an undo."""
    run = ImportRun.objects.order_by("-id").first()
    if run is None or run.mode == "undo" or run.undone_at is not None or not run.undo:
        return None
    return run


def undo_last(*, user=None) -> ImportRun:
    """Undo the latest import in one transaction; the undo is recorded as an ImportRun (mode "undo").
    Raises ImportRefused (nothing changed) when there is nothing to undo or app data would break."""
    forget_workforce()
    try:
        with transaction.atomic():
            run = undoable()
            if run is None:
                raise ImportRefused("Er is geen import om ongedaan te maken (alleen de laatste import, "
                                    "als die iets veranderde, kan ongedaan worden gemaakt).",
                                    message_en="There is no import to undo (only the latest import, if it "
                                               "changed anything, can be undone).")
            data = json.loads(zlib.decompress(bytes(run.undo)))
            with connection.cursor() as cursor:
                removed = {name: _remove_written(cursor, name, data[name], run.pk)
                           for name in reversed(TABLE_ORDER) if name in data}
                _refuse_orphans(removed)
                for name in TABLE_ORDER:
                    if name in data:
                        _restore(cursor, name, data[name]["previous"])
                connection.check_constraints(table_names=[m._meta.db_table for m in MODELS.values()])
            run.undone_at, run.undo = timezone.now(), None  # the previous versions are back: nothing more to keep
            run.save(update_fields=["undone_at", "undo"])
            return ImportRun.objects.create(user_id=getattr(user, "pk", None), source=f"undo #{run.pk}"[:300],
                                            summary={"undone_run": run.pk}, changed=True, mode="undo")
    except IntegrityError:
        raise ImportRefused(
            "Ongedaan maken geweigerd, er is niets veranderd: gegevens die sindsdien zijn ingevoerd verwijzen "
            "naar rijen die deze import heeft toegevoegd.",
            message_en="Undo refused, nothing changed: data entered since refer to rows this import added.",
        ) from None
    finally:
        forget_workforce()


def _remove_written(cursor, name: str, entry: dict, run: int) -> list[str]:
    """Delete the rows `run` wrote to `name` (added, or changed: their previous versions come back);
    returns the removed keys of a referenced table (for the orphan check)."""
    db, q = DB_TABLES[name], connection.ops.quote_name
    table, pk = q(db.db_table), MODELS[name]._meta.pk.column
    removed: list[str] = []
    if entry["fresh"]:
        if name in REFERENCE_TARGETS:
            cursor.execute(f"SELECT {q(pk)} FROM {table} WHERE {q(ORIGIN)} = %s", [run])
            removed = [r[0] for r in cursor.fetchall()]
        cursor.execute(f"DELETE FROM {table} WHERE {q(ORIGIN)} = %s", [run])
        return removed
    where = " AND ".join(f"{q(c)} = %s" for c in db.key)
    cursor.executemany(f"DELETE FROM {table} WHERE {where} AND {q(ORIGIN)} = %s",
                       [[*key, run] for key in entry["added"]])
    position = [c for c, _ in stored.columns(name)].index(pk)
    cursor.executemany(f"DELETE FROM {table} WHERE {q(pk)} = %s AND {q(ORIGIN)} = %s",
                       [[row[position], run] for row in entry["previous"]])
    return [key[0] for key in entry["added"]] if name in REFERENCE_TARGETS else []


def _refuse_orphans(removed: dict[str, list[str]]) -> None:
    """Refuse when a row that stays (entered in the app since) refers to a key the undo removes."""
    for name, keys in removed.items():
        used = sorted(stored.referring(name, keys)) if keys else []
        if used:
            example = ", ".join(used[:3])
            raise ImportRefused(
                f"Ongedaan maken geweigerd, er is niets veranderd: {len(used)} sleutel(s) van {name} die deze "
                f"import heeft toegevoegd (bijv. {example}) worden gebruikt door gegevens die sindsdien in de app "
                f"zijn ingevoerd; die blijven altijd staan.",
                message_en=f"Undo refused, nothing changed: {len(used)} key(s) of {name} this import added "
                           f"(e.g. {example}) are used by data entered in the app since, which always stays.")


def _restore(cursor, name: str, rows: list[list]) -> None:
    """Put previous versions back as they were, except where a row entered in the app took the key."""
    if not rows:
        return
    columns = stored.columns(name)
    db, q = DB_TABLES[name], connection.ops.quote_name
    names = [c for c, _ in columns]
    positions = [names.index(c) for c in db.key]
    keys = pl.DataFrame([[row[i] for i in positions] for row in rows], schema=list(db.key), orient="row")
    taken = {tuple(r[i] for i in positions) for r in stored.full_rows(cursor, name, keys)}
    rows = [row for row in rows if tuple(row[i] for i in positions) not in taken]
    postgres = connection.vendor == "postgresql"
    holes = ", ".join(f"CAST(%s AS {'jsonb' if kind == 'json' else 'date'})" if postgres and kind != "plain"
                      else "%s" for _, kind in columns)
    cursor.executemany(f"INSERT INTO {q(db.db_table)} ({', '.join(q(c) for c in names)}) VALUES ({holes})", rows)
