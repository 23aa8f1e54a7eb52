"""Login and logout: a styled form with labels, a clear error, logout by POST."""

from __future__ import annotations

import pytest
from django.urls import reverse

from support import org_fixture as fixture_data


@pytest.fixture
def person_with_password(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return fixture_data.make_user("hr-admin", "hr_admin", password="juist-wachtwoord")


def test_login_page_has_labelled_inputs(client, db):
    html = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">Gebruikersnaam</label>' in html
    assert '<label for="id_password">Wachtwoord</label>' in html
    assert "levensfase.css" in html and 'class="skip-link"' in html


def test_wrong_password_gets_a_clear_message(client, person_with_password):
    response = client.post(reverse("login"), {"username": "hr-admin", "password": "fout"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_then_home_then_logout(client, person_with_password):
    response = client.post(reverse("login"), {"username": "hr-admin", "password": "juist-wachtwoord"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("logout")).status_code == 405  # logging out needs a POST (CSRF-safe)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302
