"""Writes to the hr tables: importing exchange files or frames (DESIGN §3 import guarantees).

An import replaces the content of each table it carries, applied as a diff by the natural key
(writing.py), in one transaction: all or nothing. Tables are stored one by one in reference
order while a worker thread reads, checks and prepares the next (feed.py), so on two cores
reading the files costs hardly any time beyond storing them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.db import IntegrityError, connection, transaction

from levensfase.ingest.consistency import REFERENCED
from levensfase.ingest.problems import Problem, sort_problems
from levensfase.ingest.reader import open_exchange
from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.model.workforce import conform
from levensfase.web.hr import bulk, checks, writing
from levensfase.web.hr.feed import Feed
from levensfase.web.hr.models import ImportRun
from levensfase.web.hr.selectors import forget_workforce, load_tables
from levensfase.web.hr.tables import DB_TABLES
from levensfase.web.hr.writing import TableChange

Progress = Callable[[str, float], None]

__all__ = ["ImportOutcome", "ImportRefused", "ImportSummary", "TableChange", "clear_all", "import_files",
           "import_tables"]


@dataclass(frozen=True)
class ImportSummary:
    tables: dict[str, TableChange]
    changed: bool
    run_id: int | None


@dataclass(frozen=True)
class ImportOutcome:
    """What `import_files` did: the summary (for a dry run: what would change), or the problems
    in the files that stopped it, with nothing written; notes about the files either way."""

    summary: ImportSummary | None
    problems: list[Problem]
    notes: list[str]
    notes_en: list[str]

    @property
    def ok(self) -> bool:
        return self.summary is not None


class ImportRefused(Exception):
    """An import that would leave the data inconsistent; nothing was written.

    str(error) is the Dutch message for the user, `.message_en` the English one, `.problems`
    one plain line per problem (English) for logs and the CLI; `.notes` / `.notes_en` what
    `import_files` noticed about the files (ignored files or columns, derived dates).
    """

    def __init__(self, message: str, *, message_en: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en
        self.problems = problems or []
        self.notes: list[str] = []
        self.notes_en: list[str] = []


def _refuse(problems_nl: list[str], problems_en: list[str]) -> ImportRefused:
    return ImportRefused(
        "Import geweigerd, er is niets opgeslagen: " + " ".join(problems_nl),
        message_en="Import refused, nothing was saved: " + " ".join(problems_en),
        problems=problems_en,
    )


# --- services ---------------------------------------------------------------------------------


def import_files(path: Path, *, mapping: Path | None = None, source: str, user=None,
                 progress: Progress | None = None, dry_run: bool = False) -> ImportOutcome:
    """Read, check and store an import (a folder of CSV files, a CSV, an XLSX workbook, or a
    foreign export with a `mapping` profile) in one transaction, table by table.

    Problems in the files come back in the outcome, every one of them, with nothing written;
    ImportRefused when the stored result would be inconsistent. A `dry_run` computes what would
    change and rolls it back. References to tables the import does not carry resolve against
    the stored ones.
    """
    exchange = open_exchange(Path(path), mapping=mapping)
    existing = load_tables(names=[n for n in TABLE_ORDER if n in REFERENCED and n not in exchange.names])
    read = dict(existing=existing, limits={name: DB_TABLES[name].max_lengths for name in exchange.names})
    notes = dict(notes=exchange.notes.nl, notes_en=exchange.notes.en)
    if exchange.problems or not exchange.names:  # nothing to store: report what there is to report
        return ImportOutcome(None, exchange.read(**read).problems, **notes)
    from levensfase.web.privacy import hooks  # AVG (DESIGN §6): forgotten people are skipped; retention follows

    tables = hooks.drop_erased_checked(exchange.tables(**read), notes=exchange.notes)
    store = dict(names=exchange.names, tables=tables, source=source, user=user, report=progress)
    try:
        if dry_run:
            with transaction.atomic():
                summary, problems = _import(**store)
                transaction.set_rollback(True)
        else:
            summary, problems = _import(**store)
            hooks.after_import(summary, notes=exchange.notes, user=user)
    except ImportRefused as refused:  # the notes about the files still help the user fix them
        refused.notes, refused.notes_en = list(exchange.notes.nl), list(exchange.notes.en)
        raise
    return ImportOutcome(summary, problems, **notes)


def import_tables(
    *,
    tables: Mapping[str, pl.DataFrame],
    source: str,
    user=None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Make each table in `tables` equal to its frame; tables not given are left untouched.

    `tables` are validated exchange frames (e.g. `read_exchange`). Raises ImportRefused,
    before writing anything, when a frame breaks the exchange format, and after writing but
    before committing when a reference would break; any other error rolls the whole import back.
    Always records an ImportRun (changed=False when nothing differed). `progress(stage,
    fraction)` gets the table being stored, then "done" at 1.0.
    """
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise _refuse([f"onbekende tabel(len): {', '.join(unknown)}."], [f"unknown table(s): {', '.join(unknown)}."])
    names = [n for n in TABLE_ORDER if n in tables]
    try:
        frames = {n: conform(n, tables[n]) for n in names}
    except (pl.exceptions.PolarsError, TypeError) as error:
        raise _refuse(["een kolom heeft het verkeerde type."], [f"a column has the wrong type: {error}"]) from None
    problems = checks.check_values(frames)
    if problems:
        raise _refuse(["de gegevens voldoen niet aan het uitwisselformaat: " + "; ".join(problems) + "."], problems)
    summary, _ = _import(names=names, tables=None, frames=frames, source=source, user=user, report=progress)
    return summary


def _import(*, names: list[str], tables, frames: dict[str, pl.DataFrame] | None = None, source: str, user,
            report: Progress | None) -> tuple[ImportSummary | None, list[Problem]]:
    """Store `tables` (Checked, in `names` order, read as they come) or `frames`: the summary, or
    None and the problems of the files (nothing written)."""
    report = report or (lambda stage, fraction: None)
    forget_workforce()
    fresh = _empty_tables(names)
    json = connection.vendor == "sqlite"
    feed = (Feed.of_frames(frames, fresh=fresh, json=json, trusted=False) if frames is not None
            else Feed(tables, names=names, fresh=fresh, json=json))
    apply = dict(source=source, user=user, report=report)
    try:
        try:
            with bulk.references_unchecked(_first_import(names)) as unchecked:
                changes, changed, run = _apply(feed=feed, **apply, unchecked=unchecked)
        except _ChecksNeeded:  # rows appeared since _first_import looked: import with enforcement
            frames = {a.name: a.frame for a in feed.drain()}
            feed.close()
            feed = Feed.of_frames(frames, fresh=_empty_tables(names), json=json, trusted=feed.trusted)
            changes, changed, run = _apply(feed=feed, **apply, unchecked=False)
        except _Stopped:  # a table with problems: nothing was kept; read on for every problem
            return None, sort_problems([p for arrival in feed.drain() for p in arrival.problems])
    except IntegrityError as error:  # a reference from outside the exchange tables, caught at commit
        raise _refuse(
            ["de database weigert de wijziging omdat andere gegevens nog naar verwijderde rijen verwijzen."],
            [f"the database refused the change (a reference would break): {error}"],
        ) from None
    finally:
        feed.close()  # no Polars work outlives the import
        forget_workforce()  # also after a rollback: anything loaded meanwhile may have seen it
    report("done", 1.0)
    return ImportSummary(tables=changes, changed=changed, run_id=run.pk), []


class _ChecksNeeded(Exception):
    """An import begun without foreign-key enforcement found rows to delete: redo it with enforcement."""


class _Stopped(Exception):
    """A table arrived with problems: the transaction rolls back."""


def _empty_tables(names: list[str]) -> set[str]:
    with connection.cursor() as cursor:
        return {name for name in names if bulk.all_empty(cursor, [DB_TABLES[name].db_table])}


def _first_import(names: list[str]) -> bool:
    """SQLite, outside any transaction, every imported table empty: references may go unenforced (bulk.py)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        return bulk.all_empty(cursor, [DB_TABLES[name].db_table for name in names])


def _apply(*, feed: Feed, source: str, user, report: Progress,
           unchecked: bool) -> tuple[dict[str, TableChange], bool, ImportRun]:
    """Store each table as the feed hands it over, check references, record the run: one
    transaction. `unchecked`: SQLite enforces no foreign keys now, which is only sound while
    nothing is deleted (bulk.references_unchecked)."""
    frames: dict[str, pl.DataFrame] = {}
    changes: dict[str, TableChange] = {}
    rebuild: list[tuple[str, str]] = []  # secondary indexes of the tables loaded into empty (PostgreSQL)
    with transaction.atomic():
        with connection.cursor() as cursor, bulk.bulk_session(cursor):
            for i, name in enumerate(feed.names):
                report(name, i / len(feed.names))
                arrival = feed.take(name)
                if not arrival.ok:
                    raise _Stopped
                plan = writing.plan_table(name, old=load_tables(names=[name])[name], new=arrival.frame)
                if unchecked and plan.delete.height:
                    raise _ChecksNeeded
                indexes = writing.write_plan(cursor, plan, prepared=arrival.prepared)
                if connection.vendor == "sqlite":  # now, while the worker reads on: less left for the end
                    bulk.create_indexes(cursor, indexes)
                else:  # PostgreSQL builds no index while deferred foreign-key checks are pending
                    rebuild += indexes
                feed.stored()
                frames[name], changes[name] = arrival.frame, plan.change
            broken = checks.check_references(frames, trusted=feed.trusted)
            if broken:
                raise _refuse([nl for nl, _ in broken], [en for _, en in broken])
            if connection.vendor == "postgresql":
                # Deferred foreign keys fail here even inside a caller's outer transaction (a dry
                # run), and PostgreSQL builds no index while such checks are pending. SQLite checks
                # them at COMMIT (IntegrityError → ImportRefused); its foreign_key_check is slow.
                connection.check_constraints()
            bulk.create_indexes(cursor, rebuild)
        changes = {name: changes[name] for name in TABLE_ORDER if name in changes}
        changed = any(c.any for c in changes.values())
        run = ImportRun.objects.create(
            user_id=getattr(user, "pk", None),
            source=source[:300],
            summary={name: c.as_dict() for name, c in changes.items()},
            changed=changed,
        )
    return changes, changed, run


def clear_all() -> None:
    """Delete every row of the exchange tables (ImportRun history stays), in one transaction.

    Records no ImportRun, so only this process's cached Workforce is dropped (tests, benchmarks)."""
    q = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for name in reversed(TABLE_ORDER):
            cursor.execute(f"DELETE FROM {q(DB_TABLES[name].db_table)}")
    forget_workforce()
