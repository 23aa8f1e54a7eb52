"""Errors are JSON with a Dutch and an English message, never a traceback or an HTML page; the docs
are served without any outside host."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from levensfase.web.accounts.models import Role
from levensfase.web.api import aggregates

pytestmark = pytest.mark.django_db


def _json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and body["message_nl"] and body["message_en"]
    assert "Traceback" not in response.content.decode()
    return body


def test_an_unknown_address_under_api_is_a_json_404(api_as, client):
    api = api_as(Role.HR_ANALYST)
    assert _json_error(api.get("/api/v1/nothing-here"), 404)["message_en"] == "Not found, or outside your view."
    _json_error(client.get("/api/v2/metrics"), 404)


def test_a_crash_is_a_json_500_without_details(api_as, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("secret detail P01")

    monkeypatch.setattr(aggregates.maatwerk_selectors, "policy_scan", broken)
    body = _json_error(api_as(Role.HR_ANALYST).get("/api/v1/policy-scan"), 500)
    assert "secret" not in str(body) and "RuntimeError" not in str(body)


def test_the_message_follows_the_chosen_language(api_as, client):
    api = api_as(Role.HR_ANALYST)
    assert api.get("/api/v1/people").json()["message"].startswith("Uw rol")  # Dutch by default
    client.cookies["django_language"] = "en"
    assert api.get("/api/v1/people").json()["message"].startswith("Your role")


def test_the_docs_and_schema_are_served_offline(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/api/v1/metrics" in schema["paths"]
    page = client.get("/api/v1/docs/").content.decode()
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", page)  # no CDN or other host
    assert "validatorUrl" in page  # the online validator badge is switched off
    for asset in re.findall(r"""(?:src|href)=["']/static/([^"']+)["']""", page):
        assert finders.find(asset), asset  # every asset comes from an installed package
    assert len(re.findall(r"/static/ninja/swagger-ui", page)) >= 2
