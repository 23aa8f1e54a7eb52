"""The maatwerk links of the top navigation, per role; pages/menu.py adds them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from levensfase.web.maatwerk import access, team


def nav_targets(*, user) -> list[tuple[str, str]]:
    items = []
    if access.has_own_record(user=user):
        items.append(("maatwerk:mine", _("What is there for me?")))
    if team.can_view_team(user=user):
        items.append(("maatwerk:team", _("Career conversations")))
    if access.can_decide_requests(user=user):
        items.append(("maatwerk:requests", _("Plan requests")))
    if access.can_register(user=user):
        items.append(("maatwerk:register", _("Plans")))
    if access.can_view_policy_scan(user=user):
        items.append(("maatwerk:policy_scan", _("Policy scan")))
        items.append(("maatwerk:evaluation", _("Does it work?")))
    if access.can_manage_catalog(user=user):
        items.append(("maatwerk:catalog", _("Arrangement catalog")))
    return items
