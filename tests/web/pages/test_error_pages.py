"""Custom 403/404/500 pages in the UI language, never a traceback."""

from __future__ import annotations

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from levensfase.web.accounts.models import Role
from levensfase.web.pages import views as errors


def test_404_dutch_and_english(client_as, org):
    client = client_as(Role.EMPLOYEE)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.content.decode()
    client.cookies["django_language"] = "en"
    response = client.get("/bestaat-niet/")
    assert "Page not found" in response.content.decode()


def test_403_dutch_and_english(client_as, org):
    client = client_as(Role.WORKS_COUNCIL)
    assert "Uw rol geeft geen toegang" in client.get(reverse("import")).content.decode()
    client.cookies["django_language"] = "en"
    assert "Your role does not give access" in client.get(reverse("import")).content.decode()


def test_500_renders_without_a_request_context():
    request = RequestFactory().get("/")
    with translation.override("nl"):
        response = errors.server_error(request)
    assert response.status_code == 500 and "Er ging iets mis" in response.content.decode()
    with translation.override("en"):
        assert "Something went wrong" in errors.server_error(request).content.decode()
