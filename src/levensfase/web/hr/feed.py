"""The tables of an import, made ready on one worker thread while the database stores the one before.

Reading and checking a file, and turning a table into database rows, is Polars work that releases
the GIL, as does sqlite3 while it stores rows: on two cores the one hides behind the other. The
worker never touches a database connection; whatever it raises reaches the import's transaction,
which rolls back.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import polars as pl

from levensfase.ingest.problems import Problem
from levensfase.ingest.reader import Checked
from levensfase.web.hr import writing

AHEAD = 2  # prepared tables (database rows, JSON) held beyond the one being stored: bounds the memory


@dataclass(frozen=True)
class Arrival:
    """One table, ready for the database (or not: then `problems` say why)."""

    name: str
    frame: pl.DataFrame | None  # the conformed exchange frame; None when the file was unreadable
    problems: list[Problem]  # the reader's problems (file, row, column) for this table
    prepared: writing.Prepared | None  # database rows of a table that was empty, made ahead
    columns: tuple[str, ...] | None = None  # the columns the file carried (None: all)

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None


class _Cancelled(Exception):
    """The import stopped before this table was needed."""


class Feed:
    """Hands the import its tables in order (`take`), made ready ahead by the worker.

    `fresh`: tables that were empty, whose database rows the worker prepares (at most `AHEAD`
    beyond the one being stored, `stored` frees a place). After the first table with a problem
    nothing more is prepared, but every table is still read and checked, so `drain` can report
    every problem at once.
    """

    def __init__(self, tables: Iterable[Checked], *, names: list[str], fresh: set[str], json: bool,
                 trusted: bool = True) -> None:
        self.names = list(names)
        self.trusted = trusted  # the tables come from the reader, which checked references among them
        self._futures: dict[str, Future[Arrival]] = {name: Future() for name in self.names}
        self._turn = threading.Condition()
        self._stored = 0
        self._cancelled = False  # stop reading: the import failed or is over
        self._draining = False  # read and check on, prepare nothing more: the import stopped early
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="levensfase-import")
        self._worker.submit(self._run, tables, fresh=fresh, json=json)

    @classmethod
    def of_frames(cls, frames: dict[str, pl.DataFrame], *, fresh: set[str], json: bool, trusted: bool,
                  columns: dict[str, tuple[str, ...] | None] | None = None) -> Feed:
        """Frames already conformed and checked (`import_tables`); `trusted`: by the reader;
        `columns`: per table, the columns its source carried."""
        tables = (Checked(name, frame, [], (columns or {}).get(name)) for name, frame in frames.items())
        return cls(tables, names=list(frames), fresh=fresh, json=json, trusted=trusted)

    def take(self, name: str) -> Arrival:
        return self._futures[name].result()

    def stored(self) -> None:
        """The database has stored one more table: the worker may prepare one more."""
        with self._turn:
            self._stored += 1
            self._turn.notify_all()

    def drain(self) -> list[Arrival]:
        """Every table, once the worker has read and checked them all (raises what the worker raised).

        Nothing more is stored now, so the worker prepares nothing more (it would wait in vain)."""
        with self._turn:
            self._draining = True
            self._turn.notify_all()
        return [future.result() for future in self._futures.values()]

    def close(self) -> None:
        """Stop the worker (after the table in hand) and wait for it: no Polars work outlives the import."""
        with self._turn:
            self._cancelled = True
            self._turn.notify_all()
        self._worker.shutdown(wait=True, cancel_futures=True)

    def _run(self, tables: Iterable[Checked], *, fresh: set[str], json: bool) -> None:
        failed = False
        try:
            for position, checked in enumerate(tables):
                if self._cancelled:
                    break
                frame = checked.frame
                failed = failed or bool(checked.problems or frame is None)
                prepared = None
                if not failed and checked.name in fresh and frame.height and self._wait_for_room(position):
                    prepared = writing.prepare(checked.name, frame, json=json)
                arrival = Arrival(checked.name, frame, checked.problems, prepared, checked.columns)
                self._futures[checked.name].set_result(arrival)
        except BaseException as error:  # noqa: BLE001 — handed to the import's thread, which re-raises it
            for future in self._futures.values():
                if not future.done():
                    future.set_exception(error)
        for future in self._futures.values():
            if not future.done():
                future.set_exception(_Cancelled())

    def _wait_for_room(self, position: int) -> bool:
        """Wait until the database is at most AHEAD tables behind; False: prepare nothing."""
        with self._turn:
            self._turn.wait_for(lambda: self._cancelled or self._draining or self._stored >= position - AHEAD)
            return not (self._cancelled or self._draining)
