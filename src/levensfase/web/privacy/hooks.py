"""The two calls the import makes (web/hr/services.py `import_files`), kept here so its edit stays two lines.

Before storing: rows of forgotten (anonymised or erased) people are skipped and named in the
import's notes. After a stored, changed import: retention runs, so a file that brings old
leavers never keeps their personal data past the retention period.
"""

from __future__ import annotations

import logging
from datetime import date

from levensfase.web.privacy.forgotten import drop_erased_checked, retention_after_import_enabled

__all__ = ["after_import", "drop_erased_checked"]


def after_import(summary, *, notes=None, user=None) -> None:
    """Apply retention after a stored import that changed something (`summary` None: nothing
    stored); audited in the name of the importing `user`, said in the import's `notes` if any."""
    notes = notes if notes is not None else _Silent()
    if summary is None or not summary.changed or not retention_after_import_enabled():
        return
    from levensfase.web.privacy.retention import apply_retention

    try:
        result = apply_retention(today=date.today(), user=user)
    except Exception:  # noqa: BLE001 — the import itself is stored; say so plainly, log the details
        logging.getLogger(__name__).exception("retention after import failed")
        notes.add("De bewaartermijn kon na de import niet worden toegepast (de import zelf is opgeslagen); "
                  "voer 'levensfase retention --apply --yes' uit.",
                  "Retention could not be applied after the import (the import itself was stored); "
                  "run 'levensfase retention --apply --yes'.")
        return
    if result.anonymised:
        years = result.plan.retention_years
        notes.add(f"Bewaartermijn: {result.anonymised} vertrokken medewerker(s) geanonimiseerd "
                  f"(langer dan {years} jaar uit dienst).",
                  f"Retention: {result.anonymised} former employee(s) anonymised (left more than {years} years ago).")


class _Silent:
    """Notes nobody reads (`import_tables`, which has no files to note about); the audit log has it."""

    def add(self, nl: str, en: str) -> None:
        pass
