"""Writes for accounts: the demo logins that show every role on real (generated) data, and the logins of real users."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext

from levensfase.web.accounts.models import Profile, Role
from levensfase.web.hr.models import Assignment, Person, Unit

TEAM_SIZE = (8, 40)  # a demo team: big enough to be a team, small enough to read in one page

DEMO_USERNAMES: dict[str, str] = {
    Role.HR_ADMIN: "hr-admin",
    Role.HR_ANALYST: "hr-analist",
    Role.MANAGER: "manager",
    Role.EMPLOYEE: "medewerker",
    Role.OCCUPATIONAL_HEALTH: "bedrijfsarts",
    Role.WORKS_COUNCIL: "or",
    Role.PRIVACY_OFFICER: "fg",  # functionaris gegevensbescherming
}


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str
    note: str


@dataclass(frozen=True)
class DemoTeam:
    unit_id: str | None
    size: int
    manager_person_id: str | None
    employee_person_id: str | None


def _current(on: date) -> Q:
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))


def pick_demo_team(*, on: date | None = None) -> DemoTeam:
    """The team the demo manager leads and the employee works in, chosen deterministically.

    Prefer a leaf unit (a team, not a department) with 8–40 people at work today, the lowest
    unit_id first; else any unit of that size; else the unit with most people. The manager's own
    record is the team member in the highest grade, the employee the first other member by id.
    """
    on = on or date.today()
    sizes = (
        Assignment.objects.filter(_current(on))
        .values("unit_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by("unit_id")
    )
    size_of = {row["unit_id"]: row["n"] for row in sizes}
    if not size_of:
        return DemoTeam(None, 0, None, None)
    parents = set(Unit.objects.exclude(parent__isnull=True).values_list("parent_id", flat=True))
    fitting = [u for u, n in size_of.items() if TEAM_SIZE[0] <= n <= TEAM_SIZE[1]]
    leaves = [u for u in fitting if u not in parents]
    if leaves or fitting:
        unit_id = min(leaves or fitting)
    else:
        unit_id = min(size_of, key=lambda u: (-size_of[u], u))
    members = (
        Assignment.objects.filter(_current(on), unit_id=unit_id)
        .values("person_id")
        .annotate(grade=Max("job__grade"))
        .order_by("person_id")
    )
    ranked = sorted(members, key=lambda m: (-(m["grade"] if m["grade"] is not None else -1), m["person_id"]))
    manager_id = ranked[0]["person_id"] if len(ranked) > 1 else None
    others = sorted(m["person_id"] for m in members if m["person_id"] != manager_id)
    return DemoTeam(unit_id, size_of[unit_id], manager_id, others[0] if others else None)


@transaction.atomic
def create_demo_accounts(*, password: str) -> list[DemoLogin]:
    """One login per role (usernames in DEMO_USERNAMES). Re-running resets the passwords and
    re-picks the team, and never creates a second account. A password the validators of
    AUTH_PASSWORD_VALIDATORS refuse (for any of the usernames) raises ValueError, writing nothing."""
    if not password:
        raise ValueError("a demo password must not be empty")
    user_model = get_user_model()
    try:
        for username in DEMO_USERNAMES.values():
            validate_password(password, user_model(username=username))
    except ValidationError as refused:
        raise ValueError(" ".join(refused.messages)) from None
    team = pick_demo_team()
    person_of = {Role.MANAGER: team.manager_person_id, Role.EMPLOYEE: team.employee_person_id}
    logins = []
    for role, username in DEMO_USERNAMES.items():
        user, _ = user_model.objects.get_or_create(username=username)
        user.set_password(password)
        user.is_active = True
        user.save()
        profile, _ = Profile.objects.update_or_create(
            user=user, defaults={"role": role, "person_id": person_of.get(role)}
        )
        profile.units.set([team.unit_id] if role == Role.MANAGER and team.unit_id else [])
        logins.append(DemoLogin(role=role, username=username, password=password, note=_note(role, team)))
    return logins


def _unit_label(unit_id: str) -> str:
    """"Name (id)": people recognise a team by its name; the id finds it in the data."""
    name = Unit.objects.filter(unit_id=unit_id).values_list("name", flat=True).first()
    return f"{name} ({unit_id})" if name else unit_id


def _note(role: str, team: DemoTeam) -> str:
    """What the login shows in the demo table, in the active language."""
    if role == Role.MANAGER:
        if team.unit_id is None:
            return gettext("leads no unit (the database has no current assignments)")
        return gettext("leads unit %(unit)s (%(size)d people today); own record %(person)s") % {
            "unit": _unit_label(team.unit_id), "size": team.size, "person": team.manager_person_id or "-"}
    if role == Role.EMPLOYEE:
        if team.employee_person_id is None:
            return gettext("has no personal record (no team found)")
        return gettext("is person %(person)s in unit %(unit)s") % {
            "person": team.employee_person_id, "unit": _unit_label(team.unit_id)}
    return {
        Role.HR_ADMIN: gettext("sees everyone except health data; imports data"),
        Role.HR_ANALYST: gettext("aggregates only"),
        Role.OCCUPATIONAL_HEALTH: gettext("sees everyone including health data"),
        Role.WORKS_COUNCIL: gettext("organisation-wide aggregates only"),
        Role.PRIVACY_OFFICER: gettext("reads the whole audit log; sees no personal data"),
    }[role]


@transaction.atomic
def save_account(*, username: str, role: str, password: str, person_id: str | None = None,
                 unit_ids: tuple[str, ...] = ()) -> None:
    """Create or update a real user's login: role, own person record, led units and password
    (checked by AUTH_PASSWORD_VALIDATORS). Anything wrong raises ValueError and writes nothing."""
    user_model = get_user_model()
    if not username.strip():
        raise ValueError(gettext("A username is needed."))
    if role not in Role.values:
        raise ValueError(gettext("Unknown role %(role)s; choose one of %(roles)s.") % {
            "role": role, "roles": ", ".join(Role.values)})
    if unit_ids and role != Role.MANAGER:
        raise ValueError(gettext("Only a manager leads units; leave out --unit for this role."))
    if person_id and not Person.objects.filter(person_id=person_id).exists():
        raise ValueError(gettext("There is no person %(person)s.") % {"person": person_id})
    missing = sorted(set(unit_ids) - set(Unit.objects.filter(unit_id__in=unit_ids).values_list("unit_id", flat=True)))
    if missing:
        raise ValueError(gettext("There is no unit %(unit)s.") % {"unit": ", ".join(missing)})
    user = user_model.objects.filter(username=username).first() or user_model(username=username)
    try:
        validate_password(password, user)
    except ValidationError as refused:
        raise ValueError(" ".join(refused.messages)) from None
    user.set_password(password)
    user.is_active = True
    user.save()
    profile, _ = Profile.objects.update_or_create(user=user, defaults={"role": role, "person_id": person_id or None})
    profile.units.set(unit_ids)
