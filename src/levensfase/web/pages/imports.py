"""The import flow behind the import page: keep an upload, dry-run it, import it on confirm.

An upload lives in its own directory under $LEVENSFASE_HOME/uploads/<token> (token: random,
unguessable) with a small meta.json naming the uploader, the original file name, the chosen
mapping profile and mode (update or snapshot). The dry run is computed once per upload and kept
beside it (check.json: counts, capped problem list, the first affected rows), so reloading the
page costs nothing and stays small however large the file. Nothing reaches the hr tables before
`confirm`; the directory is removed after a confirmed import, on cancel, and when older than a day.
"""

from __future__ import annotations

import json
import logging
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from levensfase.ingest.problems import problem_count
from levensfase.web.hr.health import problem_shareable
from levensfase.web.hr.services import ImportOptions, ImportRefused, import_files
from levensfase.web.pages.import_preview import preview
from levensfase.web.pages.profiles import profile_path

log = logging.getLogger(__name__)

MAX_UNPACKED_BYTES = 2 * 1024**3  # refuse zip bombs: 2 GB of CSV is far beyond any organisation
MAX_AGE_SECONDS = 24 * 3600
MAX_LISTED_PROBLEMS = 200  # problems listed on the page; the rest are counted
CHECK_FILE = "check.json"
_TOKEN_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


class UploadRefused(Exception):
    """The upload cannot be read at all; str() is the message in the active UI language."""


@dataclass(frozen=True)
class Upload:
    token: str
    directory: Path
    source: str  # the file name as uploaded
    kind: str  # zip | xlsx | csv
    mapping: str | None
    user_id: int | None
    mode: str = "update"

    @property
    def path(self) -> Path:
        """What the reader gets: the folder of unpacked CSVs, or the single file."""
        return self.directory / "files" if self.kind == "zip" else self.directory / "files" / _safe_name(self.source)


@dataclass(frozen=True)
class ImportCheck:
    """A dry run (or an import): the problems of the files, or what the import does (import_preview)."""

    upload: Upload
    problems: list = field(default_factory=list)  # dicts with the fields of ingest.problems.Problem
    notes: list[str] = field(default_factory=list)
    summary: dict | None = None  # import_preview.preview
    refused: str | None = None  # ImportRefused, in the UI language
    problem_count: int = 0  # all problems; `problems` lists the first MAX_LISTED_PROBLEMS

    @property
    def can_confirm(self) -> bool:
        return not self.problems and self.refused is None and self.summary is not None

    @property
    def removed(self) -> int:
        return self.summary["totals"]["removed"] if self.summary else 0

    @property
    def conflicts(self) -> int:
        return self.summary["conflict_rows"] if self.summary else 0


def upload_root() -> Path:
    return Path(settings.HOME) / "uploads"


def _safe_name(name: str) -> str:
    """A file name without any directory part, so nothing is written outside the upload dir."""
    base = PurePosixPath(name.replace("\\", "/")).name.strip()
    return base or "upload"


def _kind(name: str) -> str:
    lower = name.lower()
    for kind in ("zip", "xlsx", "csv"):
        if lower.endswith("." + kind):
            return kind
    raise UploadRefused(_("Upload a ZIP file of CSV files, one Excel workbook (.xlsx) or one CSV file."))


def remove_stale_uploads(*, now: float | None = None) -> int:
    """Delete upload directories older than a day (abandoned dry runs). Returns how many."""
    root = upload_root()
    if not root.is_dir():
        return 0
    now = now or time.time()
    removed = 0
    for directory in root.iterdir():
        if directory.is_dir() and now - directory.stat().st_mtime > MAX_AGE_SECONDS:
            shutil.rmtree(directory, ignore_errors=True)
            removed += 1
    return removed


def save_upload(*, name: str, chunks, mapping: str | None, user, mode: str = "update") -> Upload:
    """Store an uploaded file (an iterable of byte chunks) and unpack a ZIP; raise UploadRefused
    with a clear message for junk. On refusal nothing is left behind."""
    kind = _kind(name)
    remove_stale_uploads()
    token = secrets.token_urlsafe(24)
    directory = upload_root() / token
    files = directory / "files"
    files.mkdir(parents=True)
    try:
        target = directory / "upload.zip" if kind == "zip" else files / _safe_name(name)
        size = 0
        with target.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                out.write(chunk)
        if size == 0:
            raise UploadRefused(_("The uploaded file is empty."))
        if kind == "zip":
            _unpack(target, files)
        elif kind == "xlsx" and not zipfile.is_zipfile(target):
            raise UploadRefused(_("This file is not an Excel workbook (.xlsx)."))
        upload = Upload(token, directory, name, kind, mapping or None, getattr(user, "pk", None),
                        "snapshot" if mode == "snapshot" else "update")
        (directory / "meta.json").write_text(json.dumps(
            {"source": name, "kind": kind, "mapping": upload.mapping, "user_id": upload.user_id, "mode": upload.mode}))
        return upload
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise


def _unpack(archive: Path, into: Path) -> None:
    """Extract the CSV files of a ZIP flat into `into` (a folder inside the zip is fine)."""
    try:
        with zipfile.ZipFile(archive) as z:
            members = [
                m for m in z.infolist()
                if not m.is_dir() and m.filename.lower().endswith(".csv")
                and not PurePosixPath(m.filename).name.startswith(".") and "__MACOSX" not in m.filename
            ]
            if not members:
                raise UploadRefused(_("The ZIP file contains no CSV files."))
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise UploadRefused(_("The ZIP file is too large when unpacked."))
            names = [_safe_name(m.filename) for m in members]
            doubles = sorted({n for n in names if names.count(n) > 1})
            if doubles:
                raise UploadRefused(
                    _("The ZIP file contains %(names)s more than once.") % {"names": ", ".join(doubles)}
                )
            for member, name in zip(members, names, strict=True):
                with z.open(member) as src, (into / name).open("wb") as dst:
                    shutil.copyfileobj(src, dst)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise UploadRefused(_("This file is not a valid ZIP file.")) from None


def get_upload(*, token: str, user) -> Upload | None:
    """The upload behind `token` if it exists and belongs to `user`; None otherwise."""
    if not token or set(token) - _TOKEN_CHARS or len(token) > 64:
        return None
    directory = upload_root() / token
    try:
        meta = json.loads((directory / "meta.json").read_text())
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != getattr(user, "pk", None):
        return None
    return Upload(token, directory, meta["source"], meta["kind"], meta.get("mapping"), meta.get("user_id"),
                  meta.get("mode", "update"))


def discard(*, upload: Upload) -> None:
    shutil.rmtree(upload.directory, ignore_errors=True)


def _run(*, upload: Upload, user, dry_run: bool, options: ImportOptions) -> dict:
    """Read, check and store (or, for the dry run, store and roll back, so the reported change is
    exactly what confirm will do); references to tables the upload does not carry (e.g. only
    assignments.csv) resolve against what the database already holds. The result as plain data
    in both languages (what check.json keeps)."""
    try:
        outcome = import_files(upload.path, mapping=profile_path(upload.mapping), source=upload.source, user=user,
                               dry_run=dry_run, options=options)
    except ImportRefused as error:
        return {"refused": {"nl": str(error), "en": error.message_en},
                "notes": {"nl": list(error.notes), "en": list(error.notes_en)}}
    except Exception:  # noqa: BLE001 — a reader crash on junk must become a message, not a 500
        log.exception("importing upload %s failed", upload.token)
        return {"refused": {"nl": "Het bestand kon niet worden gelezen. Controleer dat het een CSV-, ZIP- of "
                                  "XLSX-bestand is.",
                            "en": "The file could not be read. Check that it is a CSV, ZIP or XLSX file."}}
    problems = [problem_shareable(vars(p) if not isinstance(p, dict) else p)
                for p in outcome.problems[:MAX_LISTED_PROBLEMS]]
    return {"problems": problems, "problem_count": problem_count(outcome.problems),
            "notes": {"nl": list(outcome.notes), "en": list(outcome.notes_en)},
            "summary": preview(outcome.summary) if outcome.summary is not None else None}


def _as_check(upload: Upload, data: dict, language: str) -> ImportCheck:
    lang = "en" if language == "en" else "nl"
    refused = data.get("refused")
    return ImportCheck(upload, problems=data.get("problems", []), notes=data.get("notes", {}).get(lang, []),
                       summary=data.get("summary"), refused=refused[lang] if refused else None,
                       problem_count=data.get("problem_count", 0))


def check(*, upload: Upload, language: str) -> ImportCheck:
    """The dry run: the problems of the files, or the change the import would make; nothing is
    kept in the database. Computed once per upload (check.json), then read back."""
    stored = upload.directory / CHECK_FILE
    try:
        data = json.loads(stored.read_text())
    except (OSError, ValueError):
        data = _run(upload=upload, user=None, dry_run=True, options=ImportOptions(mode=upload.mode))
        stored.write_text(json.dumps(data, default=str))
    return _as_check(upload, data, language)


def run_import(*, upload: Upload, user, language: str, skip_conflicts: bool = False,
               expect_removed: int | None = None) -> ImportCheck:
    """Read again (the files may not have changed, but the database may have) and import, with what
    the user confirmed (the services refuse when more would be removed than confirmed). The upload
    directory is removed once the import is written."""
    options = ImportOptions(mode=upload.mode, skip_conflicts=skip_conflicts, expect_removed=expect_removed)
    result = _as_check(upload, _run(upload=upload, user=user, dry_run=False, options=options), language)
    if result.summary is not None:
        discard(upload=upload)
    return result
