"""Occupational-health records follow the WGBO (20 years by default), not the employer's 2 years.

On the hand-made organisation P04 left on 2023-06-30 and P05's first spell ended in 2013 (but
they were re-hired and work today, so they are never due)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Person, SurveyResponse
from levensfase.web.privacy.forgotten import hash_of
from levensfase.web.privacy.models import OccupationalHealthRecord
from levensfase.web.privacy.retention import apply_retention, plan_retention
from levensfase.web.surveys.models import Consent

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 1)


def test_only_the_leaver_past_two_years_is_due(org):
    plan = plan_retention(today=TODAY)
    assert plan.cut == date(2024, 1, 1) and plan.persons == ["P04"]
    assert plan_retention(today=date(2025, 6, 30)).persons == []  # P04 left 2 years before: not yet
    assert plan_retention(today=date(2025, 7, 1)).persons == ["P04"]


def test_follow_up_answers_move_to_occupational_health_for_twenty_years(org, settings):
    p04 = org.people["P04"]
    SurveyResponse.objects.create(person=p04, date=date(2023, 1, 10), instrument="wai", answers={"q1": 3.0})
    Consent.objects.create(person=p04, given_at=datetime(2022, 1, 1, tzinfo=timezone.utc), follow_up=True)

    result = apply_retention(today=TODAY)
    assert result.anonymised == 1 and result.removed["lf_survey_response"] == 1
    assert not Person.objects.filter(person_id="P04").exists()
    record = OccupationalHealthRecord.objects.get()
    assert record.person_hash == hash_of("P04") and record.answers == {"q1": 3.0}
    assert record.keep_until == date(2046, 1, 1)  # 20 years after the employer's data went

    assert plan_retention(today=date(2045, 12, 31)).oh_records_expired == 0
    assert plan_retention(today=date(2046, 1, 2)).oh_records_expired == 1
    later = apply_retention(today=date(2046, 1, 2))
    assert later.plan.persons == ["P10"] and later.removed["oh_records"] == 1  # P10 left in the past year
    assert not OccupationalHealthRecord.objects.exists()


def test_the_bedrijfsarts_case_notes_and_status_stay_with_occupational_health(org):
    """The case list's notes and status hang on the Person row retention removes: they move to
    occupational health's own table first (WGBO), not deleted with the employer's data."""
    from levensfase.web.surveys.models import FollowUpCase, FollowUpNote

    p04 = org.people["P04"]
    FollowUpNote.objects.create(person=p04, at=datetime(2023, 5, 2, 9, 0, tzinfo=timezone.utc), username="arts",
                                text="Gesprek gehad; werkplekonderzoek afgesproken.")
    FollowUpCase.objects.create(person=p04, status="closed", updated_at=datetime(2023, 6, 1, tzinfo=timezone.utc),
                                username="arts")
    result = apply_retention(today=TODAY)
    assert result.anonymised == 1 and not FollowUpNote.objects.exists() and not FollowUpCase.objects.exists()
    kept = {(r.instrument, r.date, tuple(sorted(r.answers.items())), r.keep_until)
            for r in OccupationalHealthRecord.objects.filter(person_hash=hash_of("P04"))}
    assert kept == {("note", date(2023, 5, 2), (("by", "arts"), ("note", "Gesprek gehad; werkplekonderzoek afgesproken.")),
                     date(2046, 1, 1)),
                    ("case", date(2023, 6, 1), (("by", "arts"), ("status", "closed")), date(2046, 1, 1))}


def test_answers_without_follow_up_go_with_the_employers_data(org):
    SurveyResponse.objects.create(person=org.people["P04"], date=date(2023, 1, 10), instrument="wai",
                                  answers={"q1": 3.0})
    apply_retention(today=TODAY)
    assert not OccupationalHealthRecord.objects.exists()
    assert not SurveyResponse.objects.filter(person__person_id__startswith="anon-").exists()


def test_the_pseudonym_keeps_history_sex_and_birth_year_only(org):
    before = list(org.people["P04"].assignments.values_list("start_date", "end_date", "unit_id", "job_id", "fte",
                                                            "contract", "end_reason"))
    birth = org.people["P04"].birth_date
    apply_retention(today=TODAY)
    token = Person.objects.get(person_id__startswith="anon-")
    assert token.sex == org.people["P04"].sex and token.birth_date.year == birth.year
    assert token.birth_date != birth
    assert list(token.assignments.values_list("start_date", "end_date", "unit_id", "job_id", "fte", "contract",
                                              "end_reason")) == before


def test_only_the_bedrijfsarts_looks_up_kept_records_by_the_id_they_know(org, client_as):
    SurveyResponse.objects.create(person=org.people["P04"], date=date(2023, 1, 10), instrument="wai",
                                  answers={"q1": 3.0})
    Consent.objects.create(person=org.people["P04"], given_at=datetime(2022, 1, 1, tzinfo=timezone.utc),
                           follow_up=True)
    apply_retention(today=TODAY)
    for role in (Role.HR_ADMIN, Role.MANAGER, Role.EMPLOYEE, Role.HR_ANALYST, Role.WORKS_COUNCIL):
        assert client_as(role).get("/privacy/occupational-health/?person=P04").status_code == 403
    doctor = client_as(Role.OCCUPATIONAL_HEALTH)
    found = doctor.get("/privacy/occupational-health/?person=P04").content.decode()
    assert "10-01-2023" in found and "q1: 3" in found and "01-01-2046" in found
    assert "Geen gegevens" in doctor.get("/privacy/occupational-health/?person=P02").content.decode()
    assert "P04" not in doctor.get("/privacy/occupational-health/").content.decode()


def test_a_leavers_login_is_retired_and_their_username_leaves_the_audit_log(org, client):
    from levensfase.web.audit.models import Entry
    from support.org_fixture import make_user

    user = make_user("j.de.vries", Role.EMPLOYEE, person_id="P04")
    client.force_login(user)
    assert client.get("/people/P04/").status_code == 200
    apply_retention(today=TODAY)
    user.refresh_from_db()
    token = Person.objects.get(person_id__startswith="anon-").person_id
    assert not user.is_active and user.profile.person_id is None
    assert not Entry.objects.filter(username="j.de.vries").exists()
    assert Entry.objects.filter(username=token, person_id=token).count() == 1
