"""Reads for the team list: who in the manager's (or, for HR admin, any) unit is due a career
conversation and who has a plan request waiting. Scope comes from `accounts.access` only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery

from levensfase.model.arrangements.eligibility import months_before
from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Assignment, Conversation, Person, Unit
from levensfase.web.maatwerk.models import Plan

PAGE_SIZE = 50
TEAM_ROLES = frozenset({Role.MANAGER, Role.HR_ADMIN})


@dataclass(frozen=True)
class MemberRow:
    person_id: str
    name: str  # display_name ("" when none): the viewer manages or administers this person
    units: list[str]
    jobs: list[str]
    last_conversation: date | None
    overdue: bool  # never, or more than 12 months ago
    open_requests: int


def can_view_team(*, user) -> bool:
    return access.role_of(user) in TEAM_ROLES


def unit_choices(*, user) -> list[Unit]:
    """HR admin: every unit; a manager: the units they lead and those below."""
    units = Unit.objects.order_by("name", "unit_id")
    if access.role_of(user) == Role.MANAGER:
        units = units.filter(unit_id__in=access.managed_unit_ids(user=user))
    return list(units)


def _at_work(on: date, units: set[str] | None) -> Q:
    q = Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))
    return q & Q(unit_id__in=units) if units is not None else q


def team_page(*, user, unit_id: str, today: date, page: int | str = 1) -> tuple[Page, list[MemberRow]]:
    """People at work today in scope (never the viewer), those due a conversation first.

    A manager's scope is their units (and below), HR admin's all units; `unit_id` narrows it to a
    unit and its descendants (callers pass only a unit from `unit_choices`).
    """
    role = access.role_of(user)
    scope: set[str] | None = access.managed_unit_ids(user=user) if role == Role.MANAGER else None
    if role not in TEAM_ROLES or scope == set():
        scope = set()
    if unit_id:
        below = access.descendant_unit_ids(roots=[unit_id])
        scope = below if scope is None else scope & below
    working = Assignment.objects.filter(_at_work(today, scope)).values("person_id")
    own = access.profile_of(user).person_id if access.profile_of(user) else None
    last = Conversation.objects.filter(person=OuterRef("pk")).order_by("-date").values("date")[:1]
    people = (Person.objects.filter(person_id__in=working).exclude(person_id=own or "")
              .annotate(last_conversation=Subquery(last))
              .order_by(F("last_conversation").asc(nulls_first=True), "person_id"))
    page_obj = Paginator(people, PAGE_SIZE, allow_empty_first_page=True).get_page(page)
    ids = [p.person_id for p in page_obj.object_list]
    now: dict[str, list[Assignment]] = {pid: [] for pid in ids}
    for a in Assignment.objects.filter(_at_work(today, scope), person_id__in=ids).select_related("unit", "job") \
            .order_by("start_date"):
        now[a.person_id].append(a)
    waiting = dict(Plan.objects.filter(person_id__in=ids, state="requested").values("person_id")
                   .annotate(n=Count("id")).values_list("person_id", "n"))
    due = months_before(today, 12)
    rows = [MemberRow(person_id=p.person_id, name=p.display_name, units=[a.unit.name for a in now[p.person_id]],
                      jobs=[a.job.title for a in now[p.person_id]], last_conversation=p.last_conversation,
                      overdue=p.last_conversation is None or p.last_conversation < due,
                      open_requests=waiting.get(p.person_id, 0))
            for p in page_obj.object_list]
    return page_obj, rows
