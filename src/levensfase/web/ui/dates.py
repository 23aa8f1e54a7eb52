"""Dates as tables show them, one format per UI language (the template filter `day` of the kit)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import dateformat, timezone
from django.utils.translation import get_language

# Dates in tables, one format per UI language: Dutch 08-07-2024 (d-m-jjjj), English 8 Jul 2024.
DAY_FORMATS = {"nl": "d-m-Y", "en": "j M Y"}


def day(value: date | datetime | str | None) -> str:
    """A date (or a moment, with its time; or an ISO date string from the core) as a table shows
    it; "" for none, so `|default` works."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    pattern = DAY_FORMATS["en" if (get_language() or "nl").startswith("en") else "nl"]
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return dateformat.format(local, pattern + " H:i:s")
    return dateformat.format(value, pattern)
