"""Filling in the WAI and UWES-9: consent first, server-side checks, stored as exchange items."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import SurveyResponse
from levensfase.web.surveys.models import Consent

from support import org_fixture

# Hand-scored (domain-facts §2.2), P01's job is "mixed": q1 8; q2 4 + 3 = 7; two disease groups → 4;
# q4 5; 12 sick days → 3; q6 "not certain" 4; q7 3 + 3 + 2 = 8 → 3. Total 34: moderate.
VALID = {"q1": "8", "q2_physical": "4", "q2_mental": "3", "diseases": ["musculoskeletal", "skin"], "q4": "5",
         "q5_sick_days": "12", "q6": "4", "q7_1": "3", "q7_2": "3", "q7_3": "2"}


def _consent(person_id="P01"):
    Consent.objects.create(person_id=person_id, given_at=timezone.now())


def test_without_consent_goes_to_the_consent_screen(client_as, org):
    response = client_as(Role.EMPLOYEE).get("/surveys/wai/")
    assert response.status_code == 302 and response.url == "/surveys/consent/"


def test_form_shows_the_short_disease_list_in_dutch(client_as, org):
    _consent()
    html = client_as(Role.EMPLOYEE).get("/surveys/wai/").content.decode()
    assert "Stel dat uw werkvermogen op zijn best 10 punten waard is" in html
    assert html.count('name="diseases"') == 14
    assert "Huidaandoening" in html


def test_valid_answers_are_stored_as_exchange_items_and_scored(client_as, org):
    _consent()
    client = client_as(Role.EMPLOYEE)
    response = client.post("/surveys/wai/", VALID)
    assert response.status_code == 302 and response.url == "/surveys/mine/"
    stored = SurveyResponse.objects.get(person_id="P01", date=date.today(), instrument="wai")
    assert stored.answers == {"q1": 8.0, "q2_physical": 4.0, "q2_mental": 3.0, "q3_diseases": 2.0, "q4": 5.0,
                              "q5_sick_days": 12.0, "q6": 4.0, "q7_1": 3.0, "q7_2": 3.0, "q7_3": 2.0}
    html = client.get("/surveys/mine/").content.decode()
    assert "<strong data-own-score>34</strong>" in html
    assert 'data-band="moderate"' in html


def test_wrong_answers_get_clear_messages_and_nothing_is_saved(client_as, org):
    _consent()
    bad = {**VALID, "q1": "", "q5_sick_days": "-1", "q6": "5", "diseases": ["plague"]}
    response = client_as(Role.EMPLOYEE).post("/surveys/wai/", bad)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Beantwoord deze vraag alstublieft." in html
    assert "Het aantal dagen kan niet negatief zijn." in html
    assert "Kies een van de antwoorden." in html
    assert "Vink alleen groepen aandoeningen uit de lijst aan." in html
    assert not SurveyResponse.objects.filter(date=date.today()).exists()


def test_no_current_job_is_explained_and_nothing_saved(client, org):
    user = org_fixture.make_user("oud-collega", Role.EMPLOYEE, person_id="P04")  # left in 2023
    _consent("P04")
    client.force_login(user)
    html = client.post("/surveys/wai/", VALID).content.decode()
    assert "geen functie" in html
    assert not SurveyResponse.objects.filter(person_id="P04").exists()


def test_uwes9_is_stored_with_item_numbers(client_as, org):
    _consent()
    answers = {f"item_{n}": str(n % 7) for n in range(1, 10)}
    response = client_as(Role.EMPLOYEE).post("/surveys/uwes9/", answers)
    assert response.status_code == 302
    stored = SurveyResponse.objects.get(person_id="P01", instrument="uwes9")
    assert stored.answers == {str(n): float(n % 7) for n in range(1, 10)}


def test_unknown_questionnaire_is_404(client_as, org):
    _consent()
    assert client_as(Role.EMPLOYEE).get("/surveys/uwes17/").status_code == 404


def test_an_open_invitation_is_marked_answered(client_as, org, users):
    from levensfase.web.surveys.services import create_campaign

    _consent()
    campaign = create_campaign(user=users[Role.HR_ADMIN], name="Najaar", instrument="wai", unit_ids=["TA1"],
                               closes_on=date.today() + timedelta(days=7), today=date.today())
    client_as(Role.EMPLOYEE).post("/surveys/wai/", VALID)
    answered = dict(campaign.invitations.values_list("person_id", "responded_on"))
    assert answered == {"P01": date.today(), "P05": None}
