"""create_demo_accounts: one login per role, idempotent, a real manager–employee relation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.utils import translation

from levensfase.web.accounts import access
from levensfase.web.accounts.models import Profile, Role
from levensfase.web.accounts.services import create_demo_accounts, pick_demo_team
from levensfase.web.hr.models import Assignment, Job, Person, Unit



@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _grow_team(unit_id: str, n: int, *, start_no: int = 100, grade_job: str = "VPL") -> None:
    unit = Unit.objects.get(unit_id=unit_id)
    job = Job.objects.get(job_id=grade_job)
    for i in range(n):
        p = Person.objects.create(person_id=f"X{start_no + i:03d}", birth_date=date(1980, 1, 1))
        Assignment.objects.create(person=p, start_date=date(2020, 1, 1), unit=unit, job=job, fte=1.0)


def test_picks_the_first_leaf_team_of_8_to_40(org):
    # Today: TA1 has 2 people, TA2 2 (+1 future), TB1 1. Grow TA2 to 8 and TB1 to 9.
    _grow_team("TA2", 6, start_no=100)
    _grow_team("TB1", 8, start_no=200)
    team = pick_demo_team()
    assert team.unit_id == "TA2"  # both fit; TA2 < TB1 by unit_id
    assert team.size == 8
    # Highest grade in TA2 is 7 for everyone; ties go to the lowest person id: P02 is manager.
    assert team.manager_person_id == "P02"
    assert team.employee_person_id == "P09"


def test_prefers_a_leaf_over_a_department(org):
    _grow_team("ZORG", 9, start_no=300)  # ZORG (a department) now has 10 people of its own
    _grow_team("TB1", 7, start_no=400)  # TB1 (a leaf) has 8
    assert pick_demo_team().unit_id == "TB1"


def test_falls_back_to_the_biggest_unit(org):
    # No unit has 8–40 people: the one with the most people today (TA1, TA2 have 2; ties by id).
    assert pick_demo_team().unit_id == "TA1"


def test_one_account_per_role_and_rerun_resets_password(org):
    _grow_team("TA2", 6)
    logins = create_demo_accounts(password="eerste-wachtwoord")
    assert [(l.role, l.username) for l in logins] == [
        ("hr_admin", "hr-admin"),
        ("hr_analyst", "hr-analist"),
        ("manager", "manager"),
        ("employee", "medewerker"),
        ("occupational_health", "bedrijfsarts"),
        ("works_council", "or"),
        ("privacy_officer", "fg"),
    ]
    assert authenticate(username="manager", password="eerste-wachtwoord") is not None

    again = create_demo_accounts(password="tweede-wachtwoord")
    assert len(again) == 7
    assert get_user_model().objects.count() == 7
    assert Profile.objects.count() == 7
    assert authenticate(username="manager", password="eerste-wachtwoord") is None
    assert authenticate(username="manager", password="tweede-wachtwoord") is not None


def test_demo_manager_sees_the_demo_employee(org):
    _grow_team("TA2", 6)
    create_demo_accounts(password="geheim-genoeg")
    manager = get_user_model().objects.get(username="manager")
    employee = get_user_model().objects.get(username="medewerker")
    assert manager.profile.role == Role.MANAGER
    assert list(manager.profile.units.values_list("unit_id", flat=True)) == ["TA2"]
    assert employee.profile.person_id == "P09"
    assert access.can_view_person(user=manager, person_id=employee.profile.person_id)
    assert access.visible_people(user=manager).count() == 8
    assert access.can_view_health(user=employee, person_id="P09")
    name = Unit.objects.get(unit_id="TA2").name
    notes = {login.role: login.note for login in create_demo_accounts(password="geheim-genoeg")}
    assert f"leidt afdeling {name} (TA2) (vandaag 8 mensen)" in notes["manager"]
    assert notes["employee"] == f"is medewerker P09 in afdeling {name} (TA2)"
    assert not access.can_view_health(user=manager, person_id="P09")


def test_empty_database_still_gives_seven_logins(db):
    logins = create_demo_accounts(password="leeg-maar-goed")
    assert len(logins) == 7
    manager = get_user_model().objects.get(username="manager")
    assert manager.profile.units.count() == 0
    assert "leidt geen afdeling" in logins[2].note  # Dutch by default
    with translation.override("en"):
        assert "leads no unit" in create_demo_accounts(password="leeg-maar-goed")[2].note


def test_empty_password_is_refused_and_writes_nothing(db):
    with pytest.raises(ValueError, match="must not be empty"):
        create_demo_accounts(password="")
    assert get_user_model().objects.count() == 0


def test_future_hires_do_not_count(org):
    _grow_team("TA2", 5, start_no=100)  # TA2 today: P02, P09 + 5 = 7; P08 only starts in 30 days
    _grow_team("TB1", 7, start_no=200)  # TB1 today: P03 + 7 = 8
    assert pick_demo_team().unit_id == "TB1"
    later = pick_demo_team(on=date.today() + timedelta(days=30))
    assert (later.unit_id, later.size) == ("TA2", 8)
