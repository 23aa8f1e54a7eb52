"""Template helpers of the web kit: code labels, dates and person labels as tables show them, and
the URL of the plotly script. Templates print what these return and decide nothing."""

from __future__ import annotations

from datetime import date, datetime
from importlib.metadata import version

from django import template
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from levensfase.web.ui import labels

register = template.Library()


@register.filter
def label(code: str | None) -> str:
    """The UI-language label of an exchange code; unknown codes are shown as they are."""
    return labels.label(code)


# Dates in tables, one format per UI language: Dutch 08-07-2024 (d-m-jjjj), English 8 Jul 2024.
DAY_FORMATS = {"nl": "d-m-Y", "en": "j M Y"}


@register.filter(expects_localtime=True)
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


@register.filter
def person_label(person_id: str, name: str | None = "") -> str:
    """ "Sanne de Vries (P000123)" when the selector gave a name (it gives one only to viewers who
    may see it, accounts.access.visible_names), else the person id alone."""
    if not name:
        return person_id
    return format_html('{} <span class="person-id">({})</span>', name, person_id)


@register.simple_tag
def plotly_src() -> str:
    return reverse("plotly_js", kwargs={"version": version("plotly")})
