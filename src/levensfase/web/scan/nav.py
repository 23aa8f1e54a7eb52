"""The scan links of the top navigation; pages/templatetags/levensfase.py adds them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from levensfase.web.scan.access import can_view_results, own_person_id


def nav_targets(*, user) -> list[tuple[str, str]]:
    if can_view_results(user=user):
        return [("scan:overview", _("Social innovation"))]
    if own_person_id(user=user) is not None:
        return [("scan:mine", _("Scan"))]
    return []
