"""The planning link of the top navigation; pages/menu.py adds it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from levensfase.web.planning.access import can_plan


def nav_targets(*, user) -> list[tuple[str, str]]:
    return [("planning:planner", _("Planning"))] if can_plan(user=user) else []
