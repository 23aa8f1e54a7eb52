"""The mapping profiles shipped with levensfase.ingest (its profiles/ folder), offered on the
import page by file stem; only these can be chosen, never a path from the browser."""

from __future__ import annotations

import tomllib
from pathlib import Path

from levensfase.ingest.mapping import PROFILES_DIR


def shipped_profiles() -> list[tuple[str, str]]:
    """(stem, label) of every shipped profile, sorted by stem; the label is the profile's name."""
    choices = []
    for path in sorted(PROFILES_DIR.glob("*.toml")):
        try:
            name = tomllib.loads(path.read_text(encoding="utf-8")).get("name") or path.stem
        except (OSError, tomllib.TOMLDecodeError):
            name = path.stem  # the reader reports a broken profile when it is used
        choices.append((path.stem, f"{name} ({path.stem})" if name != path.stem else name))
    return choices


def profile_path(stem: str | None) -> Path | None:
    """The TOML file of a shipped profile, or of a saved/uploaded one staged for this import
    (web/mappings); None for no/unknown profile."""
    if not stem:
        return None
    if stem not in {s for s, _ in shipped_profiles()}:
        from levensfase.web.mappings.profiles import staged_profile_path  # the mappings app builds on pages

        return staged_profile_path(stem)
    return PROFILES_DIR / f"{stem}.toml"
