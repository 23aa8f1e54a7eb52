"""The consent screen: says who sees what, records consent and withdrawal, only for people."""

from __future__ import annotations

from django.utils import timezone

from levensfase.web.accounts.models import Role
from levensfase.web.surveys.models import Consent


def test_says_who_sees_what_in_dutch(client_as, org, settings):
    settings.LEVENSFASE_K = 5
    html = client_as(Role.EMPLOYEE).get("/surveys/consent/").content.decode()
    assert "Wie ziet uw antwoorden" in html
    assert "De bedrijfsarts" in html
    assert "Alleen gemiddelden van groepen van ten minste 5 mensen" in html
    assert "toestemming altijd intrekken" in html


def test_give_with_follow_up_then_withdraw(client_as, org):
    client = client_as(Role.EMPLOYEE)
    response = client.post("/surveys/consent/", {"action": "give", "follow_up": "on"})
    assert response.status_code == 302 and response.url == "/surveys/"
    consent = Consent.objects.get(person_id="P01")
    assert consent.active and consent.follow_up
    client.post("/surveys/consent/", {"action": "withdraw"})
    consent.refresh_from_db()
    assert not consent.active and not consent.follow_up


def test_users_without_a_person_record_get_404(client_as, org):
    assert client_as(Role.HR_ANALYST).get("/surveys/consent/").status_code == 404
    assert not Consent.objects.exists()


def test_english_is_complete(client_as, org):
    client = client_as(Role.EMPLOYEE)
    client.cookies["django_language"] = "en"
    html = client.get("/surveys/consent/").content.decode()
    assert "Who sees your answers" in html and "Only averages of groups of at least" in html
    Consent.objects.create(person_id="P01", given_at=timezone.now())
    html = client.get("/surveys/wai/").content.decode()
    assert "Assume that your work ability at its best" in html and "Skin disease" in html
    assert not any(dutch in html for dutch in ("Stel dat", "Huidaandoening", "tamelijk vaak", "Dagen"))
