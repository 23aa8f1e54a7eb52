"""Suppression patterns kept on disk, so another process (a restart, a second server worker)
finds them instead of auditing the same data again (the day and flow audits cost seconds each).

Keyed by the data's *content* — every table the audits read, hashed (`AUDITED`) — together with
the code of the privacy engine and the audits, so changed data or changed rules never meet an old pattern.
Off unless `LEVENSFASE_PATTERN_CACHE` names a folder (created private to this user); a pattern
that cannot be read or written is simply computed again.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import tempfile
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import polars as pl

from levensfase.analytics.unit_depth import cut_depth
from levensfase.model.workforce import Workforce

__all__ = ["AUDITED", "remembered"]

T = TypeVar("T")
_ANALYTICS = Path(__file__).resolve().parent.parent
_CODE = ("privacy/linked.py", "privacy/linked_reference.py", "privacy/linked_dense.py", "protected_day.py", "protected_flows.py", "protected_year.py", "protected_retention.py",
         "protected_report_day.py", "report_phase_cells.py", "protected_year_outflow.py", "outflow_kinds.py",
         "protected_retention_two_years.py", "retention_years.py",
         "per_scope.py", "breakdown.py", "categories.py", "phase_categories.py", "phases.py",
         "../model/recorded_history.py")  # where the chain of year audits begins
_PRINTS: weakref.WeakKeyDictionary[Workforce, str] = weakref.WeakKeyDictionary()
# What the patterns kept here are decided on: headcounts, flows and retention of people in units,
# jobs and contracts, and their life phases (life events; vitality from surveys). A
# self-assessment, a conversation, an arrangement or an absence entered in the app changes none of
# them, so it leaves every decided pattern valid (with every table in the key, an employee's
# self-assessment sent the next HR page back to the whole year chain: minutes, not seconds).
AUDITED = ("units", "jobs", "people", "assignments", "life_events", "surveys")


def _folder() -> Path | None:
    name = os.environ.get("LEVENSFASE_PATTERN_CACHE", "").strip()
    if not name:
        return None
    folder = Path(name)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_uid != os.getuid():  # never unpickle what another user could have written
        return None
    return folder


def _code() -> str:
    digest = hashlib.sha256(pl.__version__.encode())
    for name in _CODE:
        digest.update((_ANALYTICS / name).read_bytes())
    return digest.hexdigest()


def fingerprint(workforce: Workforce) -> str:
    """The content of every table the audits read (names, columns, types and rows) and of the
    audit code."""
    if workforce not in _PRINTS:
        digest = hashlib.sha256(_code().encode())
        for name, frame in sorted(workforce.tables().items()):
            if name not in AUDITED:
                continue
            digest.update(f"{name}:{frame.height}:{frame.schema}".encode())
            if frame.height:
                digest.update(frame.hash_rows(seed=0).to_numpy().tobytes())
        _PRINTS[workforce] = digest.hexdigest()
    return _PRINTS[workforce]


def remembered(workforce: Workforce, key: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave for the same data and `key` before, in any process. While one
    process or thread computes a key, the others asking for it wait for its result instead of
    auditing the same data beside it (a page asked for during the warm-up after start)."""
    folder = _folder()
    if folder is None:
        return compute()
    path = folder / (hashlib.sha256(f"{fingerprint(workforce)}{key!r}".encode()).hexdigest() + ".pickle")
    found = _read(path)
    if found is not _MISSING:
        return found
    with _exclusive(path.with_suffix(".lock")):
        found = _read(path)  # computed by whoever held the lock before us
        if found is not _MISSING:
            return found
        value = compute()
        try:
            with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as f:
                pickle.dump(value, f)
            os.replace(f.name, path)  # atomic: a reader sees the whole pattern or none
        except OSError:
            pass
    return value


def decided_once(cache: weakref.WeakKeyDictionary[Workforce, dict[tuple, object]], workforce: Workforce,
                 key: tuple, compute: Callable[[], T]) -> T:
    """A pattern once per workforce in this process (`cache`) and once per data across processes
    (`remembered`, keyed with the report's unit-depth cut, which changes the subtrees audited)."""
    memo = cache.setdefault(workforce, {})
    if key not in memo:
        memo[key] = remembered(workforce, (*key, cut_depth(workforce)), compute)
    return memo[key]


_MISSING = object()


def _read(path: Path) -> object:
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # noqa: S301 — our own private folder (checked in _folder)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return _MISSING


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """One holder per key across processes and threads (each `open` is its own flock); without a
    lock file (read-only folder) everyone computes, as before."""
    try:
        handle = lock.open("a")
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
