"""Dutch by default; English through Django's set_language, remembered in a cookie."""

from __future__ import annotations

from django.urls import reverse

from levensfase.web.accounts.models import Role


def test_dutch_default_and_switch_to_english_and_back(client_as, org):
    client = client_as(Role.HR_ADMIN)
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="nl">' in html and "Aantal medewerkers vandaag" in html and "Uitloggen" in html
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("people")})
    assert response.status_code == 302 and response["Location"] == reverse("people")
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html and "Headcount today" in html and "Log out" in html
    assert "Verlooppercentage" not in html
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert "Verlooppercentage per jaar" in client.get(reverse("home")).content.decode()


def test_switch_offers_the_other_language(client, db):
    html = client.get(reverse("login")).content.decode()
    assert 'name="language" value="en"' in html and 'value="nl"' not in html


def test_unknown_language_falls_back_to_dutch(client, db):
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert '<html lang="nl">' in client.get(reverse("login")).content.decode()
