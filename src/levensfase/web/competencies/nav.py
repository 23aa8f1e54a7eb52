"""The competency link in the top navigation and the tabs between the competency pages, per role."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levensfase.web.competencies import access


def tabs(*, user, current: str = "") -> list[dict]:
    """The competency pages this user may open, in a fixed order."""
    items = []
    if access.has_own_record(user=user):
        items.append(("mine", reverse("competencies:mine"), _("My competencies")))
    if access.is_manager(user=user):
        items.append(("team", reverse("competencies:team"), _("Competencies of my team")))
    if access.can_match(user=user):
        items.append(("match", reverse("competencies:match"), _("Internal matching")))
    if access.can_view_dashboard(user=user):
        items.append(("dashboard", reverse("competencies:dashboard"), _("Untapped potential")))
    return [{"key": key, "url": url, "label": label, "current": key == current} for key, url, label in items]


def nav_targets(*, user) -> list[tuple[str, str]]:
    """One "Competenties" item, for every role that has at least one competency page."""
    return [("competencies:index", _("Competencies"))] if tabs(user=user) else []
