"""Template helpers of the web kit: code labels, dates and person labels as tables show them, and
the URL of the plotly script. Templates print what these return and decide nothing."""

from __future__ import annotations

from importlib.metadata import version

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

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


@register.simple_tag(takes_context=True)
def panel(context, panel, query: str = "") -> SafeString:
    """`ui/_panel.html` for this panel, rendered once per (query, k, language) and kept on the panel:
    a cached page's panels are the same objects on every warm request, and a table of thousands of
    cells through the template engine costs more than the rest of the page."""
    k = context.get("k")
    key = (query, k, get_language())
    rendered = panel.__dict__.setdefault("_rendered", {})  # frozen dataclass: its own dict, not a field
    if key not in rendered:
        rendered[key] = mark_safe(render_to_string("ui/_panel.html", {"panel": panel, "query": query, "k": k}))
    return rendered[key]
