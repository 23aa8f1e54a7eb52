"""The hint on a failed plain import whose file looks like a Dutch export: say so, name the signs,
and point to the mapping builder (with this very file when it is one CSV or workbook)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levensfase.ingest import sniff

SIGNAL_LABELS = {
    sniff.SEMICOLON: _("semicolons as delimiter"),
    sniff.DECIMAL_COMMA: _("decimal commas"),
    sniff.DUTCH_DATES: _("dates written as dd-mm-yyyy"),
    sniff.WINDOWS_1252: _("Windows-1252 characters"),
    sniff.DUTCH_COLUMNS: _("Dutch column names"),
    sniff.DUTCH_VALUES: _("Dutch values such as “vast”"),
}


@dataclass(frozen=True)
class DutchExportHint:
    signs: list[str]
    builder_url: str
    with_this_file: bool


def dutch_export_hint(*, upload, failed: bool) -> DutchExportHint | None:
    """A hint when an upload without a profile failed and shows Dutch signs; None otherwise."""
    if not failed or upload.mapping:
        return None
    try:
        signals = sniff.dutch_export_signals(upload.path)
    except Exception:  # noqa: BLE001 — a hint must never turn a clear problem list into an error page
        return None
    if not sniff.signals_say_dutch(signals):
        return None
    with_file = upload.kind in ("csv", "xlsx")
    url = reverse("mappings:build", args=[upload.token]) if with_file else reverse("mappings:index")
    return DutchExportHint([str(SIGNAL_LABELS[s]) for s in signals], url, with_file)
