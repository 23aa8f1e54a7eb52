"""Who may do what with the scan, server-side (DESIGN §1, §6).

Results are aggregates per unit, so HR admin, HR analyst and the works council read them; HR
admin opens rounds and defines programmes (there is no adviser role in the app: an adviser works
as HR admin or through the `levensfase scan` command). Everyone with a person record who was
invited answers the questionnaire; nobody, not even HR admin, sees an answer per person. The
bedrijfsarts and the privacy officer have no use for the scan and get no page.
"""

from __future__ import annotations

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role

RESULTS = frozenset({Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL})
MANAGE = frozenset({Role.HR_ADMIN})


def can_view_results(*, user) -> bool:
    return access.role_of(user) in RESULTS


def can_manage(*, user) -> bool:
    """Open rounds and create or edit programmes."""
    return access.role_of(user) in MANAGE


def own_person_id(*, user) -> str | None:
    profile = access.profile_of(user)
    return profile.person_id if profile else None
