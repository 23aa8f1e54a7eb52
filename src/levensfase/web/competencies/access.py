"""Who may open which competency screen (DESIGN §1), decided server-side in one place.

- assessment: the employee assesses themself (source self); their own manager assesses a team
  member (source manager); nobody else writes levels.
- skills profile: the employee (own), their manager (own team) and HR admin; skills are no
  health data, but HR analysts and the works council see aggregates only.
- matching: HR admin (full list) and managers (opted-in candidates only).
- dashboard: the dashboards' scope (organisation roles; a manager their own units).
"""

from __future__ import annotations

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Person
from levensfase.web.maatwerk import selectors as maatwerk
from levensfase.web.ui.scope import dashboard_scope

SELF, MANAGER = "self", "manager"


def own_person_id(*, user) -> str | None:
    return maatwerk.own_person_id(user=user)


def has_own_record(*, user) -> bool:
    return own_person_id(user=user) is not None


def assessment_source(*, user, person_id: str) -> str | None:
    """"self" for one's own record, "manager" for a member of one's own team, else None."""
    if not Person.objects.filter(person_id=person_id).exists():
        return None
    if person_id == own_person_id(user=user):
        return SELF
    if maatwerk.manages(user=user, person_id=person_id):
        return MANAGER
    return None


def can_view_profile(*, user, person_id: str) -> bool:
    if not Person.objects.filter(person_id=person_id).exists():
        return False
    return assessment_source(user=user, person_id=person_id) is not None or access.role_of(user) == Role.HR_ADMIN


def can_match(*, user) -> bool:
    return access.role_of(user) in (Role.HR_ADMIN, Role.MANAGER)


def sees_everyone_in_match(*, user) -> bool:
    """HR admin sees candidates who did not opt in (marked); a manager never does."""
    return access.role_of(user) == Role.HR_ADMIN


def can_view_dashboard(*, user) -> bool:
    return dashboard_scope(user=user) is not None


def is_manager(*, user) -> bool:
    return access.role_of(user) == Role.MANAGER
