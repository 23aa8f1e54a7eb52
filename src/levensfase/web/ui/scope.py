"""Who sees which dashboards over which people (DESIGN §1), decided server-side.

HR analysts, HR admins and the works council see the whole organisation; a manager sees the
aggregates of the units they lead (descendants included) and nothing else; employees and the
bedrijfsarts (occupational physician) get no dashboards — they work with individual records.
"""

from __future__ import annotations

from dataclasses import dataclass

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role

ORGANISATION_ROLES = frozenset({Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL})


@dataclass(frozen=True)
class Scope:
    """The units a user's dashboards compute over: None = the whole organisation."""

    team: bool
    unit_ids: frozenset[str] | None

    @property
    def key(self) -> tuple:
        return ("team", tuple(sorted(self.unit_ids))) if self.team else ("organisation",)


def can_view_dashboards(*, user) -> bool:
    role = access.role_of(user)
    return role in ORGANISATION_ROLES or role == Role.MANAGER


def dashboard_scope(*, user) -> Scope | None:
    """The user's scope, or None when they may not see dashboards at all."""
    role = access.role_of(user)
    if role in ORGANISATION_ROLES:
        return Scope(team=False, unit_ids=None)
    if role == Role.MANAGER:
        return Scope(team=True, unit_ids=frozenset(access.managed_unit_ids(user=user)))
    return None
