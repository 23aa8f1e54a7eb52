"""Who may open the planning pages (DESIGN §1), decided server-side.

HR admins, HR analysts and the works council plan with aggregates only; the works council reads
and runs scenarios but nothing here saves anything, so the same pages serve all three. Managers,
employees and the bedrijfsarts get 403: planning is organisation-wide, not about their records.
"""

from __future__ import annotations

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role

PLANNING_ROLES = frozenset({Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL})


def can_plan(*, user) -> bool:
    return access.role_of(user) in PLANNING_ROLES
