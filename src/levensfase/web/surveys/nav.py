"""The survey links of the top navigation, per role; pages/menu.py adds them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from levensfase.web.surveys import access


def nav_targets(*, user) -> list[tuple[str, str]]:
    items = []
    if access.dashboard_scope(user=user) is not None:
        items.append(("surveys:dashboard", _("Employability")))
    if access.can_manage_campaigns(user=user):
        items.append(("surveys:campaigns", _("Campaigns")))
    if access.can_follow_up(user=user):
        items.append(("surveys:followups", _("Follow-up")))
    if access.own_person_id(user=user) is not None:
        items.append(("surveys:start", _("My questionnaires")))
    return items
