"""Writing `levensfase analyse` output safely: check the target first, never leave half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from levensfase.terminal import Refusal


def check_out(out: Path) -> None:
    """Refuse before any work when --out cannot be written: no folder, a folder itself, read-only."""
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise Refusal(f"--out {out} is een map; geef een bestandsnaam.", f"--out {out} is a folder; give a file name.")
    if not folder.is_dir():
        raise Refusal(f"--out: de map {folder} bestaat niet.", f"--out: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise Refusal(f"--out: {out} is niet schrijfbaar.", f"--out: {out} is not writable.")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(out: Path, text: str | bytes) -> None:
    """Write to a temporary file beside `out`, then rename: readers see the old file or the whole new one."""
    folder = out.parent if str(out.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise Refusal(f"Kan niet schrijven naar {out}: {exc.strerror or exc}",
                      f"Cannot write to {out}: {exc.strerror or exc}") from exc
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as stream:
                stream.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file to share
        os.replace(temporary, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise Refusal(f"Kan niet schrijven naar {out}: {exc.strerror or exc}",
                      f"Cannot write to {out}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
