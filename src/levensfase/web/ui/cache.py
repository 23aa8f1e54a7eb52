"""In-process cache of computed dashboard panels, keyed by the data version, scope, filters, k
and language — a warm dashboard needs no database read beyond the version check, and that check
runs once per request (a GET writes nothing, so its pages all read the same version)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.core.signals import request_finished, request_started

from levensfase.web.hr.versions import read_versions, writes_here

T = TypeVar("T")
_LIMIT = 256  # entries; a few hundred filter combinations are plenty for one organisation
_entries: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()
_request = threading.local()  # .version: this GET request's data version, once read
_running: dict[tuple, threading.Thread] = {}  # cached_or_pending's computations still going


def _request_starts(*, environ=None, **_: object) -> None:
    method = (environ or {}).get("REQUEST_METHOD", "")
    _request.reading = method in ("GET", "HEAD")  # other methods may write: read the version each time
    _request.version = None


def _request_ends(**_: object) -> None:
    _request.reading = False
    _request.version = None


request_started.connect(_request_starts, dispatch_uid="levensfase-ui-cache-start")
request_finished.connect(_request_ends, dispatch_uid="levensfase-ui-cache-end")


def data_version() -> tuple:
    """The current data version, read from the database once per GET request (`_read_version`)."""
    if not getattr(_request, "reading", False):
        return _read_version()
    if _request.version is None:
        _request.version = _read_version()
    return _request.version


def _read_version() -> tuple:
    """Changes whenever the hr data can have changed: the version every committed write bumps in
    the database (any process: survey answers, app edits, imports, ORM saves), the latest import,
    and this process's own writes, seen before they commit (hr.versions). One statement of indexed
    reads: no table is counted on a request."""
    return (*read_versions(), writes_here())


def cached(key: tuple, compute: Callable[[], T]) -> T:
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]  # type: ignore[return-value]
    value = compute()
    with _lock:
        _entries[key] = value
        while len(_entries) > _LIMIT:
            _entries.popitem(last=False)
    return value


def cached_or_pending(key: tuple, compute: Callable[[], T], *, wait: float | None) -> T | None:
    """`cached(key, compute)`, or None when it is not there within `wait` seconds (None: wait until
    it is); it is then finished in a thread of its own (one per key) for the next request. A
    failure ends the thread (logged) and the next request computes it itself. `compute` must read
    no database: the thread has no request's connection."""
    def run() -> None:
        try:
            cached(key, compute)
        finally:
            with _lock:
                _running.pop(key, None)

    with _lock:
        if wait is None or key in _entries:
            thread = None
        elif (thread := _running.get(key)) is None:
            thread = _running[key] = threading.Thread(target=run, name="levensfase-page", daemon=True)
            thread.start()
    if thread is not None:
        thread.join(wait)
        if thread.is_alive():
            return None
    return cached(key, compute)


def clear() -> None:
    with _lock:
        _entries.clear()
