"""Writes to the hr tables: importing exchange frames (DESIGN §3 import guarantees).

An import replaces the content of each table it carries, applied as a diff by the natural key,
so a re-import of the same data writes nothing and the database keeps its row ids. The diff is
computed in Polars and written with bulk SQL in one transaction: all or nothing.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl
from django.db import IntegrityError, connection, transaction

from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.model.workforce import conform
from levensfase.web.hr import bulk, checks
from levensfase.web.hr.models import ImportRun
from levensfase.web.hr.selectors import forget_workforce, load_tables
from levensfase.web.hr.tables import DB_TABLES, SURVEY_RESPONSE_KEY, key_frame, to_db_frame

BATCH_ROWS = bulk.BATCH_ROWS
JSON_BATCH_ROWS = BATCH_ROWS * 10  # rows per json_each text on SQLite
AHEAD = 2  # empty tables the worker prepares beyond the one being stored

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class TableChange:
    """Rows of one exchange table added, changed (same key, other values) and removed."""

    added: int
    changed: int
    removed: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "changed": self.changed, "removed": self.removed}


@dataclass(frozen=True)
class ImportSummary:
    tables: dict[str, TableChange]
    changed: bool
    run_id: int | None


class ImportRefused(Exception):
    """An import that would leave the data inconsistent; nothing was written.

    str(error) is the Dutch message for the user, `.message_en` the English one, `.problems`
    one plain line per problem (English) for logs and the CLI.
    """

    def __init__(self, message: str, *, message_en: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en
        self.problems = problems or []


@dataclass(frozen=True)
class _Plan:
    """What to write for one table: database frames to insert and update, keys to delete.

    A table that was empty (`fresh`) keeps its exchange frame in `new`: its database rows (and,
    on SQLite, their JSON batches) are prepared by the import's worker thread while the
    database stores the table before (`ahead`), or on first use of `insert`.
    """

    name: str
    change: TableChange
    update: pl.DataFrame
    delete: pl.DataFrame
    rows: pl.DataFrame | None = None  # database rows to insert (the diff path)
    fresh: bool = False  # the table was empty: bulk-load it (bulk.py)
    new: pl.DataFrame | None = None
    ahead: list[Future] = field(default_factory=list)  # at most one: Future of _prepare(...)

    @cached_property
    def insert(self) -> pl.DataFrame:
        if self.ahead:
            return self.ahead[0].result()[0]
        return self.rows if self.rows is not None else _fresh_rows(self.name, self.new)


# --- pure steps -------------------------------------------------------------------------------


def diff_frames(*, old: pl.DataFrame, new: pl.DataFrame, key: list[str]) -> tuple[pl.DataFrame, ...]:
    """(added, changed, removed) rows of `new` against `old`, matched on `key`.

    `changed` holds the new version of rows whose key exists in both with any other value
    different (null-aware: null vs null is equal, null vs a value is a change).
    """
    added = new.join(old.select(key), on=key, how="anti")
    removed = old.join(new.select(key), on=key, how="anti")
    values = [c for c in new.columns if c not in key]
    if not values:
        return added, new.clear(), removed
    both = new.join(old, on=key, how="inner", suffix="__old")
    differs = pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}__old")) for c in values)
    return added, both.filter(differs).select(new.columns), removed


def _plan(name: str, *, old: pl.DataFrame, new: pl.DataFrame) -> _Plan:
    key = list(TABLES[name].key)
    if old.height == 0:  # a first import: everything is new, no joins over millions of rows
        change = TableChange(new.height, 0, 0)
        return _Plan(name, change, to_db_frame(name, new.clear()), key_frame(name, old), fresh=True, new=new)
    added, changed, removed = diff_frames(old=old, new=new, key=key)
    change = TableChange(added.height, changed.height, removed.height)
    if name != "surveys":
        return _Plan(name, change, to_db_frame(name, changed), key_frame(name, removed), rows=to_db_frame(name, added))
    # Surveys are stored per response: rewrite each response that has any item added/changed/removed.
    response = list(SURVEY_RESPONSE_KEY)
    touched = pl.concat([f.select(response) for f in (added, changed, removed)]).unique()
    kept = new.join(touched, on=response, how="semi")
    existed = old.select(response).unique()
    responses = to_db_frame(name, kept)
    existed_db = key_frame(name, existed)
    insert = responses.join(existed_db, on=response, how="anti")
    update = responses.join(existed_db, on=response, how="semi")
    delete = key_frame(name, touched.join(kept.select(response), on=response, how="anti"))
    return _Plan(name, change, update, delete, rows=insert)


def _fresh_rows(name: str, new: pl.DataFrame) -> pl.DataFrame:
    """Database rows of an empty table's import, in natural-key order (the unique index grows at its end)."""
    return to_db_frame(name, new).sort(list(DB_TABLES[name].key))


def _prepare(plan: _Plan, *, json: bool) -> tuple[pl.DataFrame, list[str] | None]:
    """An empty table's database rows and, for SQLite, their JSON batches (runs in the worker:
    pure Polars, no database connection)."""
    rows = _fresh_rows(plan.name, plan.new)
    return rows, _json_batches(plan.name, rows) if json else None


def _refuse(problems_nl: list[str], problems_en: list[str]) -> ImportRefused:
    return ImportRefused(
        "Import geweigerd, er is niets opgeslagen: " + " ".join(problems_nl),
        message_en="Import refused, nothing was saved: " + " ".join(problems_en),
        problems=problems_en,
    )


# --- bulk SQL ---------------------------------------------------------------------------------


def _json_batches(name: str, rows: pl.DataFrame) -> list[str]:
    """Database rows as the JSON texts SQLite's json_each reads, one per batch."""
    return [part.write_json() for part in rows.select(DB_TABLES[name].columns).iter_slices(n_rows=JSON_BATCH_ROWS)]


def _prepare_ahead(worker: ThreadPoolExecutor | None, plans: list[_Plan], *, json: bool) -> None:
    for plan in plans:
        if worker is not None and plan.fresh and plan.change.added and not plan.ahead:
            plan.ahead.append(worker.submit(_prepare, plan, json=json))


def _insert(cursor, name: str, rows: pl.DataFrame, *, payloads: list[str] | None = None) -> None:
    """Insert database rows: COPY on PostgreSQL (Polars writes the CSV), JSON on SQLite, else executemany.

    `payloads`: the SQLite JSON batches of `rows` when the worker already writes them."""
    if rows.height == 0:
        return
    db = DB_TABLES[name]
    q = connection.ops.quote_name
    columns = ", ".join(q(c) for c in db.columns)
    if connection.vendor == "postgresql":
        sql = f"COPY {q(db.db_table)} ({columns}) FROM STDIN WITH (FORMAT csv)"
        with cursor.cursor.copy(sql) as copy:  # psycopg 3: "" quoted = empty text, unquoted = NULL
            for part in rows.iter_slices(n_rows=BATCH_ROWS * 5):
                buffer = io.BytesIO()
                part.write_csv(buffer, include_header=False)
                copy.write(buffer.getvalue())
        return
    if connection.vendor == "sqlite":
        # SQLite reads each batch from one JSON text (json_each) that Polars writes: no Python
        # object per value. JSON keeps text exact and floats at their shortest round-trip form.
        picks = ", ".join(f"json_extract(value, '$.\"{c}\"')" for c in db.columns)
        sql = f"INSERT INTO {q(db.db_table)} ({columns}) SELECT {picks} FROM json_each(%s)"
        for payload in payloads if payloads is not None else _json_batches(name, rows):
            cursor.execute(sql, [payload])
        return
    placeholders = ", ".join(["%s"] * len(db.columns))
    bulk.executemany(cursor, f"INSERT INTO {q(db.db_table)} ({columns}) VALUES ({placeholders})", rows)


# --- services ---------------------------------------------------------------------------------


def import_tables(
    *,
    tables: Mapping[str, pl.DataFrame],
    source: str,
    user=None,
    progress: Progress | None = None,
    trusted: bool = False,
) -> ImportSummary:
    """Make each table in `tables` equal to its frame; tables not given are left untouched.

    `tables` are validated exchange frames (levensfase.ingest.reader). Raises ImportRefused,
    before writing anything, when the result would break a reference; any other error rolls the
    whole import back. Always records an ImportRun (changed=False when nothing differed).
    `progress(stage, fraction)` gets the table being compared (fraction < 0.3), then written, then
    "done" at 1.0. `trusted=True` only for frames straight from read_exchange (see checks.check_values).
    """
    report = progress or (lambda stage, fraction: None)
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise _refuse([f"onbekende tabel(len): {', '.join(unknown)}."], [f"unknown table(s): {', '.join(unknown)}."])
    names = [n for n in TABLE_ORDER if n in tables]
    try:
        frames = {n: conform(n, tables[n]) for n in names}
    except (pl.exceptions.PolarsError, TypeError) as error:
        raise _refuse(["een kolom heeft het verkeerde type."], [f"a column has the wrong type: {error}"]) from None
    problems = checks.check_values(frames, trusted=trusted)
    if problems:
        raise _refuse(["de gegevens voldoen niet aan het uitwisselformaat: " + "; ".join(problems) + "."], problems)

    forget_workforce()
    # One worker thread prepares rows (Polars) while this thread talks to the database: both
    # release the GIL, so on two cores the preparation mostly hides behind the inserts.
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="levensfase-import")
    apply = dict(frames=frames, source=source, user=user, report=report, worker=worker)
    try:
        try:
            with bulk.references_unchecked(_first_import(names)) as unchecked:
                changes, changed, run = _apply(**apply, unchecked=unchecked)
        except _ChecksNeeded:  # rows appeared since _first_import looked: import with enforcement
            changes, changed, run = _apply(**apply, unchecked=False)
    except IntegrityError as error:  # a reference from outside the exchange tables, caught at commit
        raise _refuse(
            ["de database weigert de wijziging omdat andere gegevens nog naar verwijderde rijen verwijzen."],
            [f"the database refused the change (a reference would break): {error}"],
        ) from None
    finally:
        worker.shutdown(wait=True, cancel_futures=True)  # no Polars work outlives the import
        forget_workforce()  # also after a rollback: anything loaded meanwhile may have seen it
    report("done", 1.0)
    return ImportSummary(tables=changes, changed=changed, run_id=run.pk)


class _ChecksNeeded(Exception):
    """An import begun without foreign-key enforcement found rows to delete: redo it with enforcement."""


def _first_import(names: list[str]) -> bool:
    """SQLite, outside any transaction, every imported table empty: references may go unenforced (bulk.py)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        return bulk.all_empty(cursor, [DB_TABLES[name].db_table for name in names])


def _apply(*, frames: dict[str, pl.DataFrame], source: str, user, report: Progress, worker: ThreadPoolExecutor,
           unchecked: bool) -> tuple[dict[str, TableChange], bool, ImportRun]:
    """Plan, check references and write, in one transaction. `unchecked`: SQLite enforces no
    foreign keys now, which is only sound while nothing is deleted (bulk.references_unchecked)."""
    names = list(frames)
    with transaction.atomic():
        plans = {}
        for i, name in enumerate(names):
            report(name, 0.3 * i / len(names))
            old = load_tables(names=[name])[name]
            plans[name] = _plan(name, old=old, new=frames[name])
        if unchecked and any(plan.delete.height for plan in plans.values()):
            raise _ChecksNeeded
        broken = checks.check_references(frames)
        if broken:
            raise _refuse([nl for nl, _ in broken], [en for _, en in broken])
        changes = {name: plan.change for name, plan in plans.items()}
        changed = any(c.any for c in changes.values())
        if changed:
            _write(plans, report, worker=worker)
        run = ImportRun.objects.create(
            user_id=getattr(user, "pk", None),
            source=source[:300],
            summary={name: c.as_dict() for name, c in changes.items()},
            changed=changed,
        )
    return changes, changed, run


def _write(plans: Mapping[str, _Plan], report: Progress, *, worker: ThreadPoolExecutor | None = None) -> None:
    """Deletes dependents-first, then updates and inserts in reference order; checks references.

    While one table is stored, the worker prepares the next empty tables (`AHEAD`)."""
    ordered = [plans[n] for n in TABLE_ORDER if n in plans]
    rebuild: list[tuple[str, str]] = []  # secondary indexes of the tables loaded into empty
    with connection.cursor() as cursor, bulk.bulk_session(cursor):
        for plan in reversed(ordered):
            bulk.delete_rows(cursor, DB_TABLES[plan.name], plan.delete)
        json = connection.vendor == "sqlite"
        for i, plan in enumerate(ordered):
            _prepare_ahead(worker, ordered[i:i + AHEAD + 1], json=json)  # bounds the memory held ahead
            report(plan.name, 0.3 + 0.7 * i / len(ordered))
            bulk.update_rows(cursor, DB_TABLES[plan.name], plan.update)
            if plan.fresh and plan.change.added:
                rebuild += _bulk_load(cursor, plan)
            else:
                _insert(cursor, plan.name, plan.insert)
        if connection.vendor == "postgresql":
            # Deferred foreign keys fail here even inside a caller's outer transaction (a dry
            # run), and PostgreSQL builds no index while such checks are pending. SQLite checks
            # them at COMMIT (IntegrityError → ImportRefused); its foreign_key_check is slow.
            connection.check_constraints()
        bulk.create_indexes(cursor, rebuild)


def _bulk_load(cursor, plan: _Plan) -> list[tuple[str, str]]:
    """Fill an empty table without its secondary indexes (returned, to be built once at the end);
    rows come in key order (`_fresh_rows`), so the unique index that stays grows at its end."""
    db = DB_TABLES[plan.name]
    indexes = bulk.secondary_indexes(cursor, db.db_table)
    bulk.drop_indexes(cursor, indexes)
    rows, payloads = plan.ahead.pop().result() if plan.ahead else (plan.insert, None)  # popped: freed after use
    _insert(cursor, plan.name, rows, payloads=payloads)
    return indexes


def clear_all() -> None:
    """Delete every row of the exchange tables (ImportRun history stays), in one transaction.

    Records no ImportRun, so only this process's cached Workforce is dropped (tests, benchmarks)."""
    q = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for name in reversed(TABLE_ORDER):
            cursor.execute(f"DELETE FROM {q(DB_TABLES[name].db_table)}")
    forget_workforce()
