"""Erasure of one person (AVG art. 17) and the right of access (art. 15) on the hand-made
organisation of tests/support/org_fixture.py (P01 is the employee login, with a child, an
absence and a WAI answer)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from levensfase.ingest.generator import generate
from levensfase.ingest.writer import write_exchange
from levensfase.web.accounts.models import Profile, Role
from levensfase.web.audit.models import Action, Entry
from levensfase.web.hr.models import (
    Absence,
    Arrangement,
    Assignment,
    Conversation,
    LifeEvent,
    Person,
    PersonSkill,
    Skill,
    SurveyResponse,
)
from levensfase.web.hr.services import import_files
from levensfase.web.maatwerk.models import Plan, PlanEvent, PlanItem
from levensfase.web.privacy.forgotten import forget_again, hash_of, is_forgotten
from levensfase.web.privacy.models import ForgottenPerson, Kind
from levensfase.web.surveys.models import Campaign, Consent, Invitation
from support.org_fixture import ALL_PEOPLE, make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 1, 12, tzinfo=timezone.utc)


@pytest.fixture
def full_p01(org, users):
    """P01 with a row in every table that can hold a person."""
    p01 = org.people["P01"]
    Conversation.objects.create(person=p01, date=date(2024, 5, 1), topic="ambition", value="teamleider worden")
    Arrangement.objects.create(person=p01, code="PLB", start_date=date(2024, 1, 1), hours=40, cost_eur=1200.5)
    skill = Skill.objects.create(skill_id="S1", name="Wondzorg", kind="skill")
    PersonSkill.objects.create(person=p01, skill=skill, level=3, source="self", date=date(2024, 6, 1))
    Consent.objects.create(person=p01, given_at=NOW, follow_up=True)
    campaign = Campaign.objects.create(name="WAI 2025", instrument="wai", closes_on=date(2025, 4, 1))
    Invitation.objects.create(campaign=campaign, person=p01, unit=org.units["TA1"], responded_on=date(2025, 3, 2))
    plan = Plan.objects.create(person=p01, state="requested", created_at=NOW)
    PlanItem.objects.create(plan=plan, code="PLB", start_date=date(2025, 4, 1))
    PlanEvent.objects.create(plan=plan, at=NOW, action="submit", to_state="requested", actor_role="employee",
                             actor_person_id="P01")
    return p01


def _rows_of_p01() -> dict[str, int]:
    mine = dict(person_id="P01")
    return {
        "person": Person.objects.filter(**mine).count(), "assignments": Assignment.objects.filter(**mine).count(),
        "life_events": LifeEvent.objects.filter(**mine).count(), "absences": Absence.objects.filter(**mine).count(),
        "surveys": SurveyResponse.objects.filter(**mine).count(),
        "conversations": Conversation.objects.filter(**mine).count(),
        "arrangements": Arrangement.objects.filter(**mine).count(),
        "skills": PersonSkill.objects.filter(**mine).count(), "consent": Consent.objects.filter(**mine).count(),
        "invitations": Invitation.objects.filter(**mine).count(), "plans": Plan.objects.filter(**mine).count(),
        "plan_events": PlanEvent.objects.filter(actor_person_id="P01").count(),
        "audit": Entry.objects.filter(person_id="P01").count(),
    }


def test_hr_admin_erases_one_person_everywhere_audited_with_counts_only(full_p01, client_as):
    client_as(Role.EMPLOYEE).get("/people/P01/")  # the employee's own view: their username in the log
    client = client_as(Role.HR_ADMIN)
    client.get("/people/P01/")  # an audit entry naming P01
    before = _rows_of_p01()
    assert before == {"person": 1, "assignments": 2, "life_events": 1, "absences": 1, "surveys": 1,
                      "conversations": 1, "arrangements": 1, "skills": 1, "consent": 1, "invitations": 1,
                      "plans": 1, "plan_events": 1, "audit": 2}

    preview = client.get("/privacy/erase/P01/")
    assert preview.status_code == 200 and "P01 wissen?" in preview.content.decode()
    assert _rows_of_p01() == before  # the preview removes nothing
    wrong = client.post("/privacy/erase/P01/", {"confirm": "P02"})
    assert wrong.status_code == 400 and _rows_of_p01() == before

    done = client.post("/privacy/erase/P01/", {"confirm": "P01"})
    assert done.status_code == 200 and "Persoon gewist" in done.content.decode()
    assert set(_rows_of_p01().values()) == {0}
    login = Profile.objects.get(user__username="medewerker")
    assert login.person_id is None and not login.user.is_active  # the login is retired
    assert not Entry.objects.filter(username="medewerker").exists()
    assert Person.objects.count() == len(ALL_PEOPLE) - 1

    entry = Entry.objects.get(action=Action.ERASE)
    assert entry.username == "hr-admin" and entry.person_id.startswith("anon-")
    assert entry.detail["removed"] == {
        "lf_arrangement": 1, "lf_assignment": 2, "lf_conversation": 1, "lf_life_event": 1,
        "lf_person": 1, "lf_person_skill": 1, "lf_plan": 1, "lf_plan_event": 1, "lf_plan_item": 1,
        "lf_survey_consent": 1, "lf_survey_invitation": 1}
    assert entry.detail["removed_health_tables"] == ["lf_absence", "lf_survey_response"]  # no counts: health data
    assert ForgottenPerson.objects.get().removed == {**entry.detail["removed"], "lf_absence": 1,
                                                     "lf_survey_response": 1}
    assert "gezondheidsgegevens: aantal niet getoond" in done.content.decode()
    assert "P01" not in json.dumps(entry.detail) and "teamleider" not in json.dumps(entry.detail)
    forgotten = ForgottenPerson.objects.get()
    assert forgotten.kind == Kind.ERASED and forgotten.id_hash == hash_of("P01") and forgotten.token == ""
    assert "P01" not in client.get("/audit/").content.decode()
    assert client.get("/privacy/erase/P01/").status_code == 404  # gone


def test_only_hr_admin_may_erase(full_p01, client_as):
    for role in (Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH, Role.WORKS_COUNCIL):
        client = client_as(role)
        assert client.get("/privacy/erase/P01/").status_code == 403
        assert client.post("/privacy/erase/P01/", {"confirm": "P01"}).status_code == 403
    assert Person.objects.filter(person_id="P01").exists()


def test_an_erased_person_is_never_imported_again_nor_brought_back_by_an_undo(tmp_path, client):
    tables = generate(employees=60, years=3, seed=2, as_of=date(2025, 12, 31))
    folder = tmp_path / "hris"
    write_exchange(tables, folder, format="csv")
    import_files(folder, source="first")
    victim = sorted(Person.objects.filter(person_id__startswith="P0").values_list("person_id", flat=True))[-1]
    client.force_login(make_user("hr", Role.HR_ADMIN))
    client.post(f"/privacy/erase/{victim}/", {"confirm": victim})
    assert is_forgotten(victim) and not Person.objects.filter(person_id=victim).exists()

    outcome = import_files(folder, source="again")
    assert outcome.ok and not Person.objects.filter(person_id=victim).exists()
    assert any("overgeslagen" in note and "people: 1" in note for note in outcome.notes)

    # an undo that restores the rows as they were: forget_again removes the person once more
    Person.objects.create(person_id=victim, birth_date=date(1980, 1, 1))
    LifeEvent.objects.create(person_id=victim, event="child", start_date=date(2020, 1, 1))
    assert forget_again() == 1
    assert not Person.objects.filter(person_id=victim).exists()
    assert not LifeEvent.objects.filter(person_id=victim).exists()


def test_employee_downloads_everything_about_themself_and_nobody_else(full_p01, client_as, client):
    client_as(Role.HR_ADMIN).get("/people/P01/")  # a view by HR, listed by role
    client.logout()
    employee = client_as(Role.EMPLOYEE)
    page = employee.get("/privacy/access/P01/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Alles wat wij over u bewaren" in html and "bedrijfsarts" in html
    for text in ("Levensgebeurtenissen", "<td>kind</td>",  # the event by its label (code: child)
                 "teamleider worden", "Wondzorg", "PLB", "HR-beheerder",
                 "1.200,50"):
        assert text in html, text

    download = employee.get("/privacy/access/P01/download.json")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    data = json.loads(download.content)
    assert data["person"]["person_id"] == "P01"
    assert [a["job_id"] for a in data["assignments"]] == ["VPL", "SVPL"]
    assert [e["event"] for e in data["life_events"]] == ["child"]
    assert data["absences"] == [{"start_date": "2022-03-01", "end_date": "2022-03-05", "pregnancy": False}]
    assert data["survey_answers"][0]["answers"] == {"q1": 8.0, "q2_physical": 4.0}
    assert data["conversations"][0]["value"] == "teamleider worden"
    assert data["consents"][0]["follow_up"] is True
    assert data["plans"][0]["items"][0]["code"] == "PLB"
    assert data["skills"][0]["skill__name"] == "Wondzorg"
    assert [v["by_role"] for v in data["record_views"]] == ["hr_admin"]
    assert "bedrijfsarts" in data["occupational_health_notes"]
    text = download.content.decode()
    for other in sorted(ALL_PEOPLE - {"P01"}):
        assert f'"{other}"' not in text, other
    assert Entry.objects.filter(action=Action.ACCESS, person_id="P01").count() == 2


def test_access_to_anyone_elses_data_is_refused(full_p01, client_as):
    for role in (Role.EMPLOYEE, Role.MANAGER, Role.HR_ADMIN, Role.OCCUPATIONAL_HEALTH, Role.HR_ANALYST):
        client = client_as(role)
        for url in ("/privacy/access/P02/", "/privacy/access/P02/download.json", "/privacy/access/NOPE/"):
            assert client.get(url).status_code == 404, (role, url)
    for role in (Role.HR_ADMIN, Role.OCCUPATIONAL_HEALTH, Role.MANAGER):
        assert client_as(role).get("/privacy/access/P01/download.json").status_code == 404
    assert client_as(Role.MANAGER).get("/privacy/access/P07/").status_code == 200  # their own


def test_drop_erased_removes_the_rows_of_forgotten_ids_from_frames(org):
    import polars as pl

    from levensfase.web.privacy.erasure import erase_person
    from levensfase.web.privacy.forgotten import drop_erased

    erase_person(person_id="P03", user=None)
    frames = {"people": pl.DataFrame({"person_id": ["P02", "P03"]}),
              "assignments": pl.DataFrame({"person_id": ["P03", "P03", "P04"]}),
              "units": pl.DataFrame({"unit_id": ["U"]})}
    kept, skipped = drop_erased(frames)
    assert kept["people"]["person_id"].to_list() == ["P02"] and kept["assignments"]["person_id"].to_list() == ["P04"]
    assert kept["units"] is frames["units"]
    assert [(s.table, s.rows) for s in skipped] == [("people", 1), ("assignments", 2)]


def test_access_page_in_english_when_chosen(full_p01, client_as, settings):
    client = client_as(Role.EMPLOYEE)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/privacy/access/P01/").content.decode()
    assert "Everything we hold about you" in html and "Life events" in html and "medical dossier" in html
    assert "Alles wat wij" not in html
