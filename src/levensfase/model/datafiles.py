"""Reading a reference-data file: the packaged default or an organisation's own copy (DESIGN §2).

One place for it so every loader names the file the same way in its error messages.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def read_data_file(path: str | Path | None, *, packaged: str, package: str = "levensfase.model") -> tuple[str, str]:
    """(name, text) of `path`, or of the packaged `<package>/data/<packaged>` when `path` is None.

    Raises OSError or UnicodeDecodeError for an unreadable own file; callers turn those into their
    own error type with `describe`.
    """
    if path is None:
        text = resources.files(package).joinpath("data", packaged).read_text(encoding="utf-8")
        return f"{package.rsplit('.', 1)[-1]}/data/{packaged}", text
    return str(path), Path(path).read_text(encoding="utf-8")


def describe(exc: OSError | UnicodeDecodeError) -> str:
    """The short reason for an unreadable file: 'No such file or directory', 'not UTF-8 text', …"""
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return exc.strerror or str(exc)
