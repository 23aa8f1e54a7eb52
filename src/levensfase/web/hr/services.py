"""Writes to the hr tables: importing exchange files or frames (DESIGN §3 import guarantees).

An import updates each table it carries by the natural key, or, in snapshot mode, replaces the
master data of each person it carries (plans.py); it never removes a person and never touches a
row entered in the app. It is applied as a diff in one transaction: all or nothing, and kept so
it can be undone until the next import (undo.py). Tables are stored one by one in reference
order while a worker thread reads, checks and prepares the next (feed.py), so on two cores
reading the files costs hardly any time beyond storing them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from django.db import IntegrityError, connection, transaction

from levensfase.ingest.consistency import REFERENCED
from levensfase.ingest.problems import Problem, sort_problems
from levensfase.ingest.reader import open_exchange
from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.model.workforce import conform
from levensfase.web.hr import bulk, checks, confirm, plans, stored, undo, writing
from levensfase.web.hr.feed import Feed
from levensfase.web.hr.models import ImportRun
from levensfase.web.hr.refusal import ImportRefused, refuse
from levensfase.web.hr.selectors import forget_workforce, load_tables
from levensfase.web.hr.tables import DB_TABLES
from levensfase.web.hr.writing import TableChange

Progress = Callable[[str, float], None]

__all__ = ["ImportOptions", "ImportOutcome", "ImportRefused", "ImportSummary", "TableChange", "clear_all",
           "import_files", "import_tables"]


@dataclass(frozen=True)
class ImportOptions:
    """How to import: `mode` update (the default) or snapshot (plans.py); `skip_conflicts`: the
    user agreed to leave out file rows that clash with rows entered in the app; removals need
    `allow_removal` (CLI --yes) or `expect_removed` equal to the number removed (the typed count)."""

    mode: str = "update"
    skip_conflicts: bool = False
    allow_removal: bool = False
    expect_removed: int | None = None


@dataclass(frozen=True)
class ImportSummary:
    tables: dict[str, TableChange]
    changed: bool
    run_id: int | None
    mode: str = "update"
    conflicts: dict[str, pl.DataFrame] = field(default_factory=dict)  # file rows left out, per table
    leavers: pl.DataFrame | None = None  # person_id: open assignment, missing from a snapshot
    samples: dict[str, dict[str, pl.DataFrame]] = field(default_factory=dict)  # table -> kind -> first rows

    @property
    def removed(self) -> int:
        return sum(c.removed for c in self.tables.values())

    @property
    def conflict_rows(self) -> int:
        return sum(f.height for f in self.conflicts.values())


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


# --- services ---------------------------------------------------------------------------------


def import_files(path: Path, *, mapping: Path | None = None, source: str, user=None,
                 progress: Progress | None = None, dry_run: bool = False,
                 options: ImportOptions = ImportOptions()) -> ImportOutcome:
    """Read, check and store an import (a folder of CSV files, a CSV, an XLSX workbook, or a
    foreign export with a `mapping` profile) in one transaction, table by table.

    Problems in the files come back in the outcome, every one of them, with nothing written;
    ImportRefused when the stored result would be inconsistent. A `dry_run` computes what would
    change and rolls it back (conflicts and removals are then reported, not refused). References
    to tables the import does not carry resolve against the stored ones.
    """
    exchange = open_exchange(Path(path), mapping=mapping)
    # Stored keys resolve references too, also of tables the import carries: an update keeps them all.
    existing = load_tables(names=[n for n in TABLE_ORDER if n in REFERENCED])
    read = dict(existing=existing, limits={name: DB_TABLES[name].max_lengths for name in exchange.names})
    notes = dict(notes=exchange.notes.nl, notes_en=exchange.notes.en)
    if exchange.problems or not exchange.names:  # nothing to store: report what there is to report
        return ImportOutcome(None, exchange.read(**read).problems, **notes)
    from levensfase.web.privacy import hooks  # AVG (DESIGN §6): forgotten people are skipped; retention follows

    tables = hooks.drop_erased_checked(exchange.tables(**read), notes=exchange.notes)
    store = dict(names=exchange.names, tables=tables, source=source, user=user, report=progress,
                 options=options, enforce=not dry_run)
    try:
        if dry_run:
            with transaction.atomic():
                summary, problems = _import(**store)
                transaction.set_rollback(True)
        else:
            summary, problems = _import(**store)
    except ImportRefused as refused:  # the notes about the files still help the user fix them
        refused.notes, refused.notes_en = list(exchange.notes.nl), list(exchange.notes.en)
        raise
    if summary is not None and not dry_run:
        after_import(summary=summary, notes=exchange.notes, user=user)
    return ImportOutcome(summary, problems, **notes)


def after_import(*, summary: ImportSummary, notes=None, user=None) -> None:
    """The one place for work that follows a stored import (after its transaction committed):
    retention of leavers' personal data (DESIGN §6), which adds to the import's `notes` what it did."""
    from django.conf import settings

    from levensfase.web.privacy import hooks

    hooks.after_import(summary, notes=notes, user=user)
    if settings.SERVING:  # the new data's dashboards and "Werkt het?" (stored for every server process)
        from levensfase.web.dashboards.selectors import warm_in_background

        warm_in_background()


def import_tables(
    *,
    tables: Mapping[str, pl.DataFrame],
    source: str,
    user=None,
    progress: Progress | None = None,
    options: ImportOptions = ImportOptions(),
) -> ImportSummary:
    """Import each table in `tables` (update or snapshot, `options`); tables not given are left untouched.

    `tables` are validated exchange frames (e.g. `read_exchange`). Raises ImportRefused,
    before writing anything, when a frame breaks the exchange format, and after writing but
    before committing when a reference would break; any other error rolls the whole import back.
    Always records an ImportRun (changed=False when nothing differed). `progress(stage,
    fraction)` gets the table being stored, then "done" at 1.0.
    """
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise refuse([f"onbekende tabel(len): {', '.join(unknown)}."], [f"unknown table(s): {', '.join(unknown)}."])
    names = [n for n in TABLE_ORDER if n in tables]
    try:
        frames = {n: conform(n, tables[n]) for n in names}
    except (pl.exceptions.PolarsError, TypeError) as error:
        raise refuse(["een kolom heeft het verkeerde type."], [f"a column has the wrong type: {error}"]) from None
    problems = checks.check_values(frames)
    if problems:
        raise refuse(["de gegevens voldoen niet aan het uitwisselformaat: " + "; ".join(problems) + "."], problems)
    carried = {n: tuple(tables[n].columns) for n in names}
    summary, _ = _import(names=names, tables=None, frames=frames, carried=carried, source=source, user=user,
                         report=progress, options=options, enforce=True)
    after_import(summary=summary)
    return summary


def _import(*, names: list[str], tables, frames: dict[str, pl.DataFrame] | None = None,
            carried: dict[str, tuple[str, ...]] | None = None, source: str, user, report: Progress | None,
            options: ImportOptions, enforce: bool) -> tuple[ImportSummary | None, list[Problem]]:
    """Store `tables` (Checked, in `names` order, read as they come) or `frames`: the summary, or
    None and the problems of the files (nothing written)."""
    report = report or (lambda stage, fraction: None)
    forget_workforce()
    fresh = _empty_tables(names)
    json = connection.vendor == "sqlite"
    feed = (Feed.of_frames(frames, fresh=fresh, json=json, trusted=False, columns=carried) if frames is not None
            else Feed(tables, names=names, fresh=fresh, json=json))
    if options.mode not in plans.MODES:
        raise ValueError(f"unknown import mode {options.mode!r}")
    apply = dict(source=source, user=user, report=report, options=options, enforce=enforce)
    try:
        try:
            with bulk.references_unchecked(_first_import(names)) as unchecked:
                summary = _apply(feed=feed, **apply, unchecked=unchecked)
        except _ChecksNeeded:  # rows appeared since _first_import looked: import with enforcement
            arrivals = feed.drain()
            feed.close()
            feed = Feed.of_frames({a.name: a.frame for a in arrivals}, fresh=_empty_tables(names), json=json,
                                  trusted=feed.trusted, columns={a.name: a.columns for a in arrivals})
            summary = _apply(feed=feed, **apply, unchecked=False)
        except _Stopped:  # a table with problems: nothing was kept; read on for every problem
            return None, sort_problems([p for arrival in feed.drain() for p in arrival.problems])
    except IntegrityError as error:  # a reference from outside the exchange tables, caught at commit
        raise refuse(
            ["de database weigert de wijziging omdat andere gegevens nog naar verwijderde rijen verwijzen."],
            [f"the database refused the change (a reference would break): {error}"],
        ) from None
    finally:
        feed.close()  # no Polars work outlives the import
        forget_workforce()  # also after a rollback: anything loaded meanwhile may have seen it
    report("done", 1.0)
    return summary, []


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


def _apply(*, feed: Feed, source: str, user, report: Progress, unchecked: bool, options: ImportOptions,
           enforce: bool) -> ImportSummary:
    """Store each table as the feed hands it over, check references, record the run: one
    transaction. `unchecked`: SQLite enforces no foreign keys now, which is only sound while
    nothing is deleted (bulk.references_unchecked). `enforce`: refuse unconfirmed conflicts and
    removals (a dry run reports them instead)."""
    frames: dict[str, pl.DataFrame] = {}
    made: dict[str, plans.Plan] = {}
    changes: dict[str, TableChange] = {}
    rebuild: list[tuple[str, str]] = []  # secondary indexes of the tables loaded into empty (PostgreSQL)
    log = undo.Log()
    with transaction.atomic():
        run = ImportRun.objects.create(user_id=getattr(user, "pk", None), source=source[:300], mode=options.mode)
        with connection.cursor() as cursor, bulk.bulk_session(cursor):
            for i, name in enumerate(feed.names):
                report(name, i / len(feed.names))
                arrival = feed.take(name)
                if not arrival.ok:
                    raise _Stopped
                old = load_tables(names=[name])[name]
                app = stored.app_keys(cursor, name) if old.height else None
                plan = plans.plan_table(name, old=old, new=arrival.frame, mode=options.mode, app=app,
                                        today=date.today(), carried=arrival.columns)
                if unchecked and (plan.delete.height or (plan.orphans is not None and plan.orphans.height)):
                    raise _ChecksNeeded
                log.keep(cursor, name, fresh=plan.fresh, added=plan.rows,
                         gone=pl.concat([plan.delete, plan.update.select(plan.delete.columns)]))
                indexes = writing.write_plan(cursor, plan, run=run.pk, prepared=arrival.prepared)
                if connection.vendor == "sqlite":  # now, while the worker reads on: less left for the end
                    bulk.create_indexes(cursor, indexes)
                else:  # PostgreSQL builds no index while deferred foreign-key checks are pending
                    rebuild += indexes
                feed.stored()
                frames[name], changes[name], made[name] = plan.after, plan.change, plan
            for name in plans.CATALOGS:  # a snapshot's units and jobs, once every reference is known
                if name in made and made[name].orphans is not None:
                    changes[name] = _remove_unreferenced(cursor, made[name], log=log)
            broken = checks.check_references(frames, trusted=feed.trusted)
            if broken:
                raise refuse([nl for nl, _ in broken], [en for _, en in broken])
            if connection.vendor == "postgresql":
                # Deferred foreign keys fail here even inside a caller's outer transaction (a dry
                # run), and PostgreSQL builds no index while such checks are pending. SQLite checks
                # them at COMMIT (IntegrityError → ImportRefused); its foreign_key_check is slow.
                connection.check_constraints()
            bulk.create_indexes(cursor, rebuild)
        changes = {name: changes[name] for name in TABLE_ORDER if name in changes}
        summary = _summary(changes, made, run=run, options=options)
        if enforce:
            confirm.refuse_unconfirmed(summary, options=options)
        run.summary = {name: c.as_dict() for name, c in changes.items()}
        run.changed = summary.changed
        run.undo = log.dump() if summary.changed else None
        run.save(update_fields=["summary", "changed", "undo"])
        # Only the latest import can be undone: earlier previous versions (health data among them) go.
        ImportRun.objects.exclude(pk=run.pk).exclude(undo=None).update(undo=None)
    return summary


def _summary(changes: dict[str, TableChange], made: dict[str, plans.Plan], *, run: ImportRun,
             options: ImportOptions) -> ImportSummary:
    conflicts = {n: p.conflicts for n, p in made.items() if p.conflicts is not None and p.conflicts.height}
    leavers = made["assignments"].leavers if "assignments" in made else None
    return ImportSummary(tables=changes, changed=any(c.any for c in changes.values()), run_id=run.pk,
                         mode=options.mode, conflicts=conflicts, leavers=leavers,
                         samples={n: p.samples for n, p in made.items()})


def _remove_unreferenced(cursor, plan: plans.Plan, *, log: undo.Log) -> TableChange:
    """Remove the units or jobs a snapshot no longer carries that nothing refers to any more (a
    unit whose only reference is a removed child unit goes too); their keys join the plan's samples."""
    key = TABLES[plan.name].key[0]
    candidates = set(plan.orphans[key].to_list())
    gone: list[str] = []
    while candidates:
        free = sorted(candidates - stored.referring(plan.name, sorted(candidates)))
        if not free:
            break
        keys = pl.DataFrame({key: free})
        log.keep(cursor, plan.name, gone=keys)
        bulk.delete_rows(cursor, DB_TABLES[plan.name], keys)
        gone += free
        candidates -= set(free)
    plan.samples["removed"] = pl.DataFrame({key: sorted(gone)[:plans.SAMPLE_ROWS]}, schema={key: pl.String()})
    return TableChange(plan.change.added, plan.change.changed, len(gone))

def clear_all() -> None:
    """Delete every row of the exchange tables (ImportRun history stays, with nothing left to undo),
    in one transaction.

    Records no ImportRun, so only this process's cached Workforce is dropped (tests, benchmarks)."""
    q = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for name in reversed(TABLE_ORDER):
            cursor.execute(f"DELETE FROM {q(DB_TABLES[name].db_table)}")
        ImportRun.objects.exclude(undo=None).update(undo=None)
    forget_workforce()
