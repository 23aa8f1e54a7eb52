"""Who may open which maatwerk screen (plan-level rules are the core's and selectors.can_see_plan)."""

from __future__ import annotations

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role

POLICY_SCAN_ROLES = frozenset({Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL})


def has_own_record(*, user) -> bool:
    profile = access.profile_of(user)
    return profile is not None and profile.person_id is not None


def can_decide_requests(*, user) -> bool:
    return access.role_of(user) == Role.MANAGER


def can_register(*, user) -> bool:
    return access.role_of(user) == Role.HR_ADMIN


def can_view_policy_scan(*, user) -> bool:
    return access.role_of(user) in POLICY_SCAN_ROLES


def can_view_catalog(*, user) -> bool:
    return access.role_of(user) is not None


def sees_legal_notes(*, user) -> bool:
    return access.role_of(user) == Role.HR_ADMIN


def can_manage_catalog(*, user) -> bool:
    """DESIGN §1: the HR admin manages the catalog."""
    return access.role_of(user) == Role.HR_ADMIN
