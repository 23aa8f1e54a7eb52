"""The surveys links in the top navigation, per role (templates print, this decides), and band names."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levensfase.web.surveys import access
from levensfase.web.surveys.questions import BAND_TEXT

register = template.Library()


@register.simple_tag(takes_context=True)
def survey_nav_items(context) -> list[dict]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    if access.dashboard_scope(user=user) is not None:
        items.append(("surveys:dashboard", _("Employability")))
    if access.can_manage_campaigns(user=user):
        items.append(("surveys:campaigns", _("Campaigns")))
    if access.can_follow_up(user=user):
        items.append(("surveys:followups", _("Follow-up")))
    if access.own_person_id(user=user) is not None:
        items.append(("surveys:start", _("My questionnaires")))
    here = request.path
    result = []
    for name, text in items:
        url = reverse(name)
        result.append({"url": url, "label": text,
                       "current": here == url if name == "surveys:start" else here.startswith(url)})
    return result


@register.filter
def band_label(band: str) -> str:
    """The UI-language name of a WAI band (poor / moderate / good / excellent)."""
    return BAND_TEXT[band][0] if band in BAND_TEXT else band
