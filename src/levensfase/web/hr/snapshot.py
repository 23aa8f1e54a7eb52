"""A columnar copy of the stored Workforce on disk, keyed by the data version.

A process that has not built the Workforce yet (a new gunicorn worker, a restart, the next
command) reads one Parquet file per exchange table instead of every row of the database. The copy
is named after the data version (`selectors._data_version` plus row counts of people and
assignments); every committed write through the services removes all copies (`drop_snapshots`),
so erased data never stay on disk and only the current copy exists. A copy is written into a
temporary folder that is renamed into place when complete, so another worker never reads half
a copy; a copy that cannot be read or written is simply not used (the database answers).

Switched by LEVENSFASE_WORKFORCE_SNAPSHOTS (on by default; the test suite turns it off, since a
flushed test database repeats version numbers for different data).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import time
from pathlib import Path

import polars as pl
from django.conf import settings

from levensfase.model.schema import TABLES
from levensfase.model.workforce import Workforce

__all__ = ["drop_snapshots", "folder", "read_snapshot", "write_snapshot"]

_STALE_TEMP_SECONDS = 3600  # a temporary folder this old belongs to a writer that died


def folder() -> Path | None:
    """Where the copies live, or None when switched off."""
    if not getattr(settings, "LEVENSFASE_WORKFORCE_SNAPSHOTS", False):
        return None
    return Path(settings.HOME) / "workforce-snapshots"


def _name(key: tuple) -> str:
    return hashlib.sha256(repr(key).encode()).hexdigest()[:24]


def read_snapshot(key: tuple) -> Workforce | None:
    """The Workforce stored for `key`, or None (no copy, switched off, or unreadable)."""
    base = folder()
    if base is None:
        return None
    path = base / _name(key)
    if not path.is_dir():
        return None
    try:
        return Workforce.from_tables({name: pl.read_parquet(path / f"{name}.parquet") for name in TABLES})
    except (OSError, pl.exceptions.PolarsError):  # removed meanwhile by a newer writer, or damaged
        return None


def write_snapshot(key: tuple, workforce: Workforce) -> bool:
    """Store `workforce` under `key` (all or nothing) and drop older copies; False when not stored."""
    base = folder()
    if base is None:
        return False
    final = base / _name(key)
    if final.is_dir():
        return True
    temp = base / f".tmp-{secrets.token_hex(6)}"
    try:
        temp.mkdir(parents=True)
        for name, frame in workforce.tables().items():
            frame.write_parquet(temp / f"{name}.parquet")
        os.rename(temp, final)  # atomic; fails when another worker stored the same copy first
    except (OSError, pl.exceptions.PolarsError):
        shutil.rmtree(temp, ignore_errors=True)
        return final.is_dir()
    _prune(base, keep=final)
    return True


def drop_snapshots() -> None:
    """Remove every stored copy: a write committed, so none of them is current, and erased or
    anonymised data must not stay on disk (DESIGN §6). A worker reading one meanwhile falls back
    to the database."""
    base = folder()
    if base is not None and base.is_dir():
        for path in base.iterdir():
            if not path.name.startswith(".tmp-"):
                shutil.rmtree(path, ignore_errors=True)


def _prune(base: Path, *, keep: Path) -> None:
    now = time.time()
    for path in base.iterdir():
        if path == keep:
            continue
        if not path.name.startswith(".tmp-"):
            shutil.rmtree(path, ignore_errors=True)
            continue
        try:
            stale = now - path.stat().st_mtime > _STALE_TEMP_SECONDS
        except OSError:
            continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
