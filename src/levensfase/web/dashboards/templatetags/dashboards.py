"""Template helpers of the dashboards: the tabs between dashboards."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

TABS = (
    ("composition", "dashboard_composition", _("Composition")),
    ("flows", "dashboard_flows", _("Flows")),
    ("retention", "dashboard_retention", _("Retention")),
    ("categories", "dashboard_categories", _("Which categories?")),
)


@register.simple_tag
def dashboard_tabs(current: str, query: str = "") -> list[dict]:
    return [{"url": reverse(name) + (f"?{query}" if query else ""), "label": label, "current": page == current}
            for page, name, label in TABS]

