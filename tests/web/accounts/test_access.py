"""The role rules of accounts.access, role by role, on the hand-made organisation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Role

from support import org_fixture as fixture_data

ALL = fixture_data.ALL_PEOPLE
MANAGER_SEES = fixture_data.MANAGER_SEES


def _visible(user, on=None) -> set[str]:
    return set(access.visible_people(user=user, on=on).values_list("person_id", flat=True))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.HR_ADMIN, ALL),
        (Role.OCCUPATIONAL_HEALTH, ALL),
        (Role.MANAGER, MANAGER_SEES),
        (Role.EMPLOYEE, {"P01"}),
        (Role.HR_ANALYST, set()),
        (Role.WORKS_COUNCIL, set()),
        ("nobody", set()),
    ],
)
def test_visible_people_per_role(org, users, role, expected):
    assert _visible(users[role]) == expected


def test_anonymous_sees_nobody(org):
    assert _visible(AnonymousUser()) == set()
    assert access.role_of(AnonymousUser()) is None


def test_descendant_units_cover_three_levels(org):
    assert access.descendant_unit_ids(roots=["ORG"]) == {"ORG", "ZORG", "BV", "TA1", "TA2", "TB1"}
    assert access.descendant_unit_ids(roots=["ZORG"]) == {"ZORG", "TA1", "TA2"}
    assert access.descendant_unit_ids(roots=["TB1"]) == {"TB1"}


def test_the_unit_tree_is_read_once_per_data_version_and_follows_a_new_unit(org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from levensfase.web.hr.models import Unit

    assert access.descendant_unit_ids(roots=["ZORG"]) == {"ZORG", "TA1", "TA2"}
    with CaptureQueriesContext(connection) as queries:
        assert access.descendant_unit_ids(roots=["BV"]) == {"BV", "TB1"}
    assert not [q for q in queries.captured_queries if "parent_id" in q["sql"]]  # the tree of 5.007 units, once
    Unit.objects.create(unit_id="TA3", name="Team West", parent_id="TA2")  # a write: read again
    assert access.descendant_unit_ids(roots=["ZORG"]) == {"ZORG", "TA1", "TA2", "TA3"}


def test_manager_of_a_team_sees_only_that_team(org, users):
    boss = fixture_data.make_user("teamleider-noord", Role.MANAGER, unit_ids=["TA1"])
    # TA1 today: P01 (senior nurse) and P05 (re-hired); P04 left in 2023.
    assert _visible(boss) == {"P01", "P05"}


def test_manager_view_follows_the_date(org, users):
    manager = users[Role.MANAGER]
    # In 2022 P04 still worked in TA1 and P09 had not been hired yet.
    assert _visible(manager, on=date(2022, 1, 1)) == {"P01", "P02", "P04", "P05", "P07"}
    # P08 starts in 30 days: visible from then on.
    assert "P08" in _visible(manager, on=org.today + timedelta(days=30))
    assert "P08" not in _visible(manager, on=org.today + timedelta(days=29))


def test_manager_without_units_sees_nobody(org):
    assert _visible(fixture_data.make_user("lost-manager", Role.MANAGER)) == set()


def test_employee_without_person_sees_nobody(org):
    assert _visible(fixture_data.make_user("new-hire", Role.EMPLOYEE)) == set()


def test_can_view_person(org, users):
    assert access.can_view_person(user=users[Role.MANAGER], person_id="P02")
    assert not access.can_view_person(user=users[Role.MANAGER], person_id="P03")
    assert not access.can_view_person(user=users[Role.EMPLOYEE], person_id="P02")
    assert not access.can_view_person(user=users[Role.HR_ADMIN], person_id="NOPE")


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        (Role.EMPLOYEE, True, False),
        (Role.OCCUPATIONAL_HEALTH, True, True),
        (Role.HR_ADMIN, False, False),
        (Role.MANAGER, False, False),
        (Role.HR_ANALYST, False, False),
        (Role.WORKS_COUNCIL, False, False),
        ("nobody", False, False),
    ],
)
def test_health_data_only_for_self_and_occupational_health(org, users, role, own, other):
    assert access.can_view_health(user=users[role], person_id="P01") is own
    assert access.can_view_health(user=users[role], person_id="P02") is other


def test_manager_sees_own_health_data_but_not_the_teams(org, users):
    # P07 is the manager's own record: as an employee the manager sees their own health data;
    # the team members' health data stay hidden (P01 is in the team, see test_visible_people_per_role).
    assert access.can_view_health(user=users[Role.MANAGER], person_id="P07")
    assert not access.can_view_health(user=users[Role.MANAGER], person_id="P01")


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH,
                                  Role.WORKS_COUNCIL, Role.PRIVACY_OFFICER, "nobody"])
def test_only_hr_admin_imports(org, users, role):
    assert access.can_import(user=users[Role.HR_ADMIN])
    assert not access.can_import(user=users[role])


@pytest.mark.parametrize(("role", "scope"), [
    (Role.PRIVACY_OFFICER, access.AUDIT_ALL),
    (Role.HR_ADMIN, access.AUDIT_WITHOUT_HEALTH),
    (Role.OCCUPATIONAL_HEALTH, access.AUDIT_HEALTH_ONLY),
    *[(role, None) for role in (Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.WORKS_COUNCIL, "nobody")],
])
def test_who_reads_which_part_of_the_audit_log(org, users, role, scope):
    assert access.audit_scope(user=users[role]) == scope
    assert access.can_view_audit_log(user=users[role]) is (scope is not None)


def test_privacy_officer_sees_nobody_individually(org, users):
    officer = users[Role.PRIVACY_OFFICER]
    assert not access.visible_people(user=officer).exists()
    assert not access.can_list_people(user=officer)
    assert not access.can_view_health(user=officer, person_id="P01")
