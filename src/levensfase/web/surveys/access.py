"""Who may do what with surveys, server-side (DESIGN §1, §6). Individual answers and scores:
the person themself and the bedrijfsarts only; everyone else gets suppressed aggregates."""

from __future__ import annotations

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role

ORG_DASHBOARD = frozenset({Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL})
CAMPAIGNS = frozenset({Role.HR_ADMIN, Role.HR_ANALYST})


def own_person_id(*, user) -> str | None:
    """The person record of the signed-in user: only they can answer a questionnaire for it."""
    profile = access.profile_of(user)
    return profile.person_id if profile else None


def dashboard_scope(*, user) -> str | None:
    """"org" (HR, works council), "team" (managers), or None (no dashboard)."""
    role = access.role_of(user)
    if role in ORG_DASHBOARD:
        return "org"
    if role == Role.MANAGER:
        return "team"
    return None


def can_manage_campaigns(*, user) -> bool:
    return access.role_of(user) in CAMPAIGNS


def can_follow_up(*, user) -> bool:
    return access.role_of(user) == Role.OCCUPATIONAL_HEALTH
