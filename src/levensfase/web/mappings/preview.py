"""Try a profile on the builder's export the way the import would: references the export does not
carry resolve against the stored tables, and texts are held to what the database stores."""

from __future__ import annotations

from levensfase.ingest.consistency import REFERENCED
from levensfase.ingest.mapping import Profile
from levensfase.ingest.mapping_preview import TablePreview, preview_mapping
from levensfase.ingest.problems import Problem
from levensfase.web.hr.selectors import load_tables
from levensfase.web.hr.tables import DB_TABLES
from levensfase.web.mappings.builder import Source


def try_profile(profile: Profile, source: Source) -> tuple[list[TablePreview], list[Problem]]:
    if source.frame is None:
        return [], source.problems
    existing = load_tables(names=[n for n in REFERENCED if n not in profile.tables])
    limits = {name: DB_TABLES[name].max_lengths for name in profile.tables}
    previews, problems = preview_mapping(profile, {profile.formats.source or "": source.frame}, existing=existing,
                                         limits=limits)
    return previews, source.problems + problems
