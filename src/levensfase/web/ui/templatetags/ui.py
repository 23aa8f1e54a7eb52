"""Template helpers of the web kit: code labels, dates and person labels as tables show them, and
the URL of the plotly script. Templates print what these return and decide nothing."""

from __future__ import annotations

from importlib.metadata import version

from django import template
from django.urls import reverse
from django.utils.html import format_html

from levensfase.web.ui import dates, labels

register = template.Library()


@register.filter
def label(code: str | None) -> str:
    """The UI-language label of an exchange code; unknown codes are shown as they are."""
    return labels.label(code)


register.filter("day", dates.day, expects_localtime=True)


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
