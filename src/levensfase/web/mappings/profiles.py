"""Saved and uploaded mapping profiles: validate TOML, keep profiles by name, and stage a profile
for one import as a file the reader takes (the import keeps using that exact text even when the
saved profile is changed or deleted meanwhile)."""

from __future__ import annotations

import hashlib
import re
import time
import tomllib
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from levensfase.ingest.mapping import Profile, ProfileError, parse_profile
from levensfase.web.mappings.models import MappingProfile

MAX_PROFILE_BYTES = 256 * 1024
MAX_NAME = 100
STAGED_MAX_AGE_SECONDS = 2 * 24 * 3600  # an upload lives a day (pages.imports); its profile a day longer
_STAGED_KEY = re.compile(r"^[a-z0-9-]{1,80}$")


class ProfileRefused(Exception):
    """A profile that cannot be used or saved; str() is the message in the UI language."""


def parse_toml(data: bytes) -> tuple[str, Profile]:
    """The text and profile of an uploaded TOML file, or ProfileRefused saying what is wrong."""
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileRefused(_("The mapping profile is too large (at most 256 kB)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileRefused(_("The mapping profile is not a text file in UTF-8.")) from None
    try:
        profile = parse_profile(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileRefused(_("The mapping profile is not valid TOML: %(error)s") % {"error": exc}) from None
    except ProfileError as exc:
        raise ProfileRefused(_("The mapping profile is invalid: %(error)s") % {"error": exc}) from None
    return text, profile


def saved_profiles() -> QuerySet[MappingProfile]:
    return MappingProfile.objects.all()


def save_profile(*, name: str, toml: str, user) -> MappingProfile:
    """Keep a profile under a new name; ProfileRefused for an empty or taken name."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise ProfileRefused(_("Give the profile a name of at most %(max)d characters.") % {"max": MAX_NAME})
    try:
        with transaction.atomic():
            return MappingProfile.objects.create(name=name, toml=toml, created_by=user)
    except IntegrityError:
        message = _("A profile named “%(name)s” already exists; choose another name.") % {"name": name}
        raise ProfileRefused(message) from None


def delete_profile(*, pk: int) -> bool:
    return MappingProfile.objects.filter(pk=pk).delete()[0] > 0


def download_name(profile: MappingProfile) -> str:
    return f"{slugify(profile.name) or 'mapping'}.toml"


def _staging_dir() -> Path:
    return Path(settings.HOME) / "mapping-profiles"


def stage_profile(*, text: str, label: str) -> str:
    """Write `text` where an import can read it; returns its key (readable, and unique per content)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    key = f"{slugify(label)[:60] or 'profiel'}-{digest}"
    directory = _staging_dir()
    directory.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in directory.glob("*.toml"):
        if now - old.stat().st_mtime > STAGED_MAX_AGE_SECONDS:
            old.unlink(missing_ok=True)
    (directory / f"{key}.toml").write_text(text, encoding="utf-8")  # rewritten: its age starts again
    return key


def staged_profile_path(key: str | None) -> Path | None:
    """The staged file for `key`, or None (never a path outside the staging folder)."""
    if not key or not _STAGED_KEY.match(key):
        return None
    path = _staging_dir() / f"{key}.toml"
    return path if path.is_file() else None
