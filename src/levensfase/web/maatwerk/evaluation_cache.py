"""The evaluation shared by every server process: one file per data version in the data directory.

Computing "Werkt het?" takes seconds to tens of seconds, and every gunicorn worker used to do it
on its own. Now the first process that needs an evaluation for a key (database, data version,
catalog changes, day, k, the evaluation code itself) computes it while holding a lock file, and
writes it atomically (a temporary file renamed over the target); the others wait on that lock
and read the file. Every committed write bumps the data version (`hr.selectors.forget_workforce`),
so the key changes and a stale file is never read; old files are pruned.

Only committed data may be shared: inside a transaction the caller computes for itself.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.db import connection

from levensfase.web.ui.cache import data_version
from levensfase.web.maatwerk.models import CatalogOverride

try:  # POSIX; elsewhere two processes may compute the same key once each, which is only slower
    import fcntl
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]

__all__ = ["cache_dir", "evaluation_key", "shared"]

T = TypeVar("T")
KEEP = 6  # files kept: a few days and k values of the current data


def cache_dir() -> Path:
    """$LEVENSFASE_CACHE_DIR, else `cache/` in the data directory ($LEVENSFASE_HOME); `evaluation/` in it."""
    base = os.environ.get("LEVENSFASE_CACHE_DIR") or str(Path(settings.HOME) / "cache")
    return Path(base) / "evaluation"


@functools.cache
def _code_version() -> str:
    """A digest of the evaluation package's source: a changed method never reads an old result."""
    digest = hashlib.sha256()
    package = resources.files("levensfase.evaluation")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        digest.update(name.encode() + package.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def evaluation_key(*, on: date, k: int) -> str:
    """The file name stem for the evaluation of the stored organisation on `on` with `k`."""
    catalog = sorted((code, str(at)) for code, at in CatalogOverride.objects.values_list("code", "updated_at"))
    parts = (connection.vendor, str(connection.settings_dict["NAME"]), data_version(), catalog, on.isoformat(), k,
             _code_version())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _read(path: Path):
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)  # noqa: S301 — written by this module, in the installation's own data directory
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None


def shared(key: str, compute: Callable[[], T]) -> T:
    """The value stored under `key`, else `compute()` once across processes, stored for the others."""
    folder = cache_dir()
    target = folder / f"{key}.pickle"
    if (value := _read(target)) is not None:
        return value
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / f"{key}.lock"):
        if (value := _read(target)) is not None:  # another process finished while this one waited
            return value
        value = compute()
        handle = tempfile.NamedTemporaryFile(dir=folder, prefix=f".{key}.", suffix=".tmp", delete=False)
        try:
            with handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, target)
        except OSError:  # a full disk costs speed only: the value is still returned
            Path(handle.name).unlink(missing_ok=True)
    _prune(folder)
    return value


def _prune(folder: Path) -> None:
    """Keep the KEEP newest results; lock files go with their result (temporaries of a killed process too)."""
    with contextlib.suppress(OSError):
        files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP:]:
            old.unlink(missing_ok=True)
            (folder / f"{old.stem}.lock").unlink(missing_ok=True)
