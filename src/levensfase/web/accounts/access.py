"""Who may see what (DESIGN §1, §6), decided server-side in one place.

Every page asks these functions; templates never decide. The rules:

- hr_admin: every person, but never health data (see HEALTH_LIFE_EVENTS and can_view_health);
- manager: people with an assignment covering today in a unit they lead or any descendant unit;
- employee: only themself; every user linked to a person record may open their own record;
- occupational_health (bedrijfsarts): every person, including health data;
- hr_analyst and works_council: nobody individually — aggregates only;
- privacy_officer (functionaris gegevensbescherming): nobody individually and no dashboards; reads
  the whole audit log (person ids, never names or data) to supervise who accessed what;
- health data: only the person themself (whatever their role) and occupational health;
- importing data: hr_admin only;
- the audit log (see audit_scope): the privacy officer reads all of it; hr_admin all but the
  entries about health-data access (which dossiers the bedrijfsarts opened is itself a health
  signal); occupational health only those entries, to account for access to the medical data.

A user without a profile has no role and sees nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from levensfase.model.data_retention import TOKEN_PREFIX
from levensfase.web.accounts.models import Profile, Role
from levensfase.web.hr.models import Person, Unit
from levensfase.web.ui import cache

# Life events that are health data (GDPR art. 9, DESIGN §6): shown only where can_view_health.
HEALTH_LIFE_EVENTS = frozenset({"health_limitation"})

SEES_EVERYONE = frozenset({Role.HR_ADMIN, Role.OCCUPATIONAL_HEALTH})
SEES_INDIVIDUALS = frozenset({Role.HR_ADMIN, Role.OCCUPATIONAL_HEALTH, Role.MANAGER, Role.EMPLOYEE})


def profile_of(user) -> Profile | None:
    """The user's profile, or None for anonymous users and users without one."""
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def role_of(user) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


def descendant_unit_ids(*, roots: Iterable[str]) -> set[str]:
    """The given units and every unit below them in the tree (read once per data version, walked
    in memory: a manager's page asks three times, and a sector's 5.007 units took 20 ms a read)."""
    children = cache.cached(("unit_children", cache.data_version()), _unit_children)
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        unit_id = todo.pop()
        if unit_id in seen:
            continue  # guards against a cycle in bad data
        seen.add(unit_id)
        todo.extend(children.get(unit_id, ()))
    return seen


def _unit_children() -> dict[str | None, tuple[str, ...]]:
    children: dict[str | None, list[str]] = {}
    for unit_id, parent_id in Unit.objects.values_list("unit_id", "parent_id"):
        children.setdefault(parent_id, []).append(unit_id)
    return {parent: tuple(units) for parent, units in children.items()}


def managed_unit_ids(*, user) -> set[str]:
    """Units a manager leads, descendants included; empty for every other role."""
    profile = profile_of(user)
    if profile is None or profile.role != Role.MANAGER:
        return set()
    return descendant_unit_ids(roots=profile.units.values_list("unit_id", flat=True))


def _current(on: date) -> Q:
    return Q(assignments__start_date__lte=on) & (
        Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=on)
    )


def visible_people(*, user, on: date | None = None) -> QuerySet[Person]:
    """The people whose individual record `user` may open (as of `on`, default today).

    Never a pseudonymised leaver (DESIGN §6: after the retention period only their coarsened
    employment history is kept, for past headcounts and flows): no list, search or page shows one."""
    profile = profile_of(user)
    if profile is None:
        return Person.objects.none()
    if profile.role in SEES_EVERYONE:
        return Person.objects.exclude(person_id__startswith=TOKEN_PREFIX)
    own = Q(person_id=profile.person_id) if profile.person_id is not None else Q(pk__in=[])
    if profile.role == Role.MANAGER:
        units = managed_unit_ids(user=user)
        if units:
            on = on or date.today()
            # Filter in one .filter() so start, end and unit apply to the *same* assignment.
            ids = Person.objects.filter(_current(on), assignments__unit_id__in=units).values("person_id")
            return Person.objects.filter(own | Q(person_id__in=ids)).exclude(person_id__startswith=TOKEN_PREFIX)
    # employee: self; hr_analyst and works_council: aggregates only, plus their own record if linked
    return Person.objects.filter(own).exclude(person_id__startswith=TOKEN_PREFIX)


def can_view_person(*, user, person_id: str, on: date | None = None) -> bool:
    return visible_people(user=user, on=on).filter(person_id=person_id).exists()


def visible_names(*, user, person_ids: Iterable[str], on: date | None = None) -> dict[str, str]:
    """person_id -> display_name for those of `person_ids` whose record `user` may open and who
    have a name (DESIGN §6): the person, their own manager, HR admin, occupational health. Analysts,
    the works council and the privacy officer get no name but their own."""
    ids = list(person_ids)
    if not ids:
        return {}
    rows = visible_people(user=user, on=on).filter(person_id__in=ids).exclude(display_name="")
    return dict(rows.values_list("person_id", "display_name"))


def can_view_health(*, user, person_id: str) -> bool:
    """Health data (GDPR art. 9): the person themself and occupational health, nobody else.

    A manager or HR admin who is also an employee sees their *own* health data, never anyone else's.
    """
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == Role.OCCUPATIONAL_HEALTH:
        return True
    return profile.person_id is not None and profile.person_id == person_id


def sees_health_data(*, user) -> bool:
    """Whether any health data can reach this user's screen: occupational health (everyone's) and
    anyone linked to their own person record (their own WAI, absences; see can_view_health)."""
    profile = profile_of(user)
    return profile is not None and (profile.role == Role.OCCUPATIONAL_HEALTH or profile.person_id is not None)


def can_list_people(*, user) -> bool:
    return role_of(user) in SEES_INDIVIDUALS


def can_import(*, user) -> bool:
    return role_of(user) == Role.HR_ADMIN


AUDIT_ALL = "all"
AUDIT_WITHOUT_HEALTH = "without_health"
AUDIT_HEALTH_ONLY = "health_only"
_AUDIT_SCOPES = {
    Role.PRIVACY_OFFICER: AUDIT_ALL,
    Role.HR_ADMIN: AUDIT_WITHOUT_HEALTH,
    Role.OCCUPATIONAL_HEALTH: AUDIT_HEALTH_ONLY,
}


def audit_scope(*, user) -> str | None:
    """Which audit entries `user` may read: AUDIT_ALL, AUDIT_WITHOUT_HEALTH, AUDIT_HEALTH_ONLY or None."""
    return _AUDIT_SCOPES.get(role_of(user))


def can_view_audit_log(*, user) -> bool:
    return audit_scope(user=user) is not None
