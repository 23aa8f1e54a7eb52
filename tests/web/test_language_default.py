"""Dutch by default whatever the browser asks; English only when chosen with the switch."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_english_browser_still_gets_dutch(client):
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "nl"
    assert "Inloggen" in page.content.decode()


@pytest.mark.django_db
def test_the_switch_chooses_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="nl")
    assert page["Content-Language"] == "en"
    assert "Log in" in page.content.decode()


@pytest.mark.django_db
def test_an_unknown_cookie_value_falls_back_to_dutch(client):
    client.cookies["django_language"] = "fr"
    assert client.get("/login/")["Content-Language"] == "nl"
