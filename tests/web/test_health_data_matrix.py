"""Health data reach only the person and occupational health (DESIGN §6, issue 16 item 1).

The matrix is health field × role × route, built from the lists below so it is exhaustive:
- fields: a `health_limitation` life event, an absence, survey answers, the vitality axis;
  P01 (the employee login) and P02 both have each, with dates found nowhere else; and the audit
  entries saying who opened a dossier "inclusief gezondheidsgegevens" (occupational health and the
  privacy officer only);
- roles: every role, plus a user without one;
- routes: every page of tests/support/routes.py (person pages, lists, search, team pages, surveys,
  dashboards, planner, audit log, error pages), every CSV download, the management report workbook
  (every cell), and "api": every GET operation of /api/v1/ for both people (asserted below against
  the OpenAPI schema, so a new endpoint fails here until it is covered). The PDF shows the
  workbook's tables and is checked once (on SQLite) in tests/web/pages/test_report_download.py.

A field of P01 may show only to occupational health and to the employee (P01 themself); P02's only
to occupational health. Where a field may show on a person page it must show (so the markers are
known to work). One test per role × route checks all fields of both people (8 cases) and names
every case that fails: 2.000 cases in about 250 requests, each test on a fresh database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from pathlib import Path

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

import levensfase.web

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Absence, LifeEvent, SurveyResponse
from levensfase.web.hr.selectors import forget_workforce
from levensfase.web.surveys.models import Consent, FollowUpCase, FollowUpNote
from levensfase.web.ui import cache
from support.routes import PAGES, fetch_downloads, report_text, url_of

TODAY = date.today()
# Per person: a health-limitation start, an absence start, a WAI date; none of these dates is
# shown anywhere but next to the health datum itself.
HEALTH = {
    "P01": {"health_limitation": date(2024, 7, 8), "absence": date(2022, 3, 1), "survey": TODAY - timedelta(days=41)},
    "P02": {"health_limitation": date(2023, 9, 14), "absence": date(2021, 11, 15), "survey": TODAY - timedelta(days=43)},
}
WAI_33 = {"q1": 0.0, "q2_physical": 5.0, "q2_mental": 5.0, "q3_diseases": 0.0, "q4": 6.0, "q5_sick_days": 0.0,
          "q6": 1.0, "q7_1": 4.0, "q7_2": 4.0, "q7_3": 4.0}  # total 33: "moderate" work ability

ROLES = [Role.HR_ADMIN, Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH,
         Role.WORKS_COUNCIL, Role.PRIVACY_OFFICER, "nobody"]
NO_HEALTH_ROLES = {Role.HR_ADMIN, Role.HR_ANALYST, Role.MANAGER, Role.WORKS_COUNCIL, Role.PRIVACY_OFFICER, "nobody"}
# The bedrijfsarts' case list with its filters (issue 22): the same health data, other queries.
CASE_PAGES = {
    "surveys follow-up with leavers": ("surveys:followups", {"leavers": "1"}),
    "surveys follow-up filtered": ("surveys:followups", {"band": "moderate", "status": "open", "unit": "TA1"}),
}
ROUTES = [*PAGES, *CASE_PAGES, "csv downloads", "report workbook", "api"]
# Occupational health's private case notes: not even the employee sees them (DESIGN §6).
NOTE = {"P01": "Casusnotitie-P01-7319", "P02": "Casusnotitie-P02-8426"}
# Every GET operation of the API with the addresses the matrix reads (an upload's check is the
# import page's, tested with its health tables as counts in tests/web/pages/test_import_health_data.py).
API_GETS = {
    "/api/v1/me": ["/api/v1/me"],
    "/api/v1/metrics": ["/api/v1/metrics?by=life_phase", "/api/v1/metrics?by=unit"],
    "/api/v1/analysis": ["/api/v1/analysis"],
    "/api/v1/analysis/{section}": ["/api/v1/analysis/findings"],
    "/api/v1/policy-scan": ["/api/v1/policy-scan"],
    "/api/v1/evaluation": ["/api/v1/evaluation"],
    "/api/v1/scenarios": ["/api/v1/scenarios"],
    "/api/v1/projection": ["/api/v1/projection?runs=100&years=1"],
    "/api/v1/people": ["/api/v1/people"],
    **{f"/api/v1/people/{{person_id}}{tail}": [f"/api/v1/people/{p}{tail}" for p in ("P01", "P02")]
       for tail in ("", "/assignments", "/plans")},
}
API_NOT_IN_MATRIX = {"/api/v1/imports/{token}"}


def _vitality_cell(text: str) -> str:
    found = re.search(r'data-profile="vitality">(.*?)</dd>', text, re.S)
    return found.group(1).strip() if found else ""


def _vitality(person: str, text: str) -> bool:
    """The person's vitality band on a page about them: the profile's vitality cell, or the band
    label anywhere on a page that names them (a team list, a follow-up list)."""
    if person not in text:
        return False
    cell = _vitality_cell(text)
    return "matig werkvermogen" in text.lower() or bool(cell) and "niet getoond" not in cell


def _shown(person: str) -> dict[str, Callable[[str], bool]]:
    """field -> does this response text show `person`'s value of it? (dates unique to the datum)"""
    h = HEALTH[person]

    def dated(day: date) -> Callable[[str], bool]:  # tables show d-m-jjjj, downloads ISO dates
        return lambda text: day.isoformat() in text or day.strftime("%d-%m-%Y") in text

    return {
        "health_limitation": dated(h["health_limitation"]),
        "absence": dated(h["absence"]),
        "survey answers": dated(h["survey"]),
        "vitality": lambda text: _vitality(person, text),
        "follow-up note": lambda text: NOTE[person] in text,
    }


FIELDS = list(_shown("P01"))
# Who opened a dossier "including health data" is itself a health signal (audit log).
HEALTH_ACCESS = "health-data access"
_ACCESS_ROW = re.compile(r"<td>[^<]*inclusief gezondheidsgegevens</td>")
CASES = [(person, field) for person in HEALTH for field in FIELDS] + [("P01", HEALTH_ACCESS)]


@pytest.fixture
def health_data(org):
    for person, h in HEALTH.items():
        LifeEvent.objects.create(person_id=person, event="health_limitation", start_date=h["health_limitation"])
        if person != "P01":  # P01's absence on 2022-03-01 is in the shared fixture
            Absence.objects.create(person_id=person, start_date=h["absence"], end_date=h["absence"] + timedelta(days=3))
        SurveyResponse.objects.create(person_id=person, date=h["survey"], instrument="wai", answers=WAI_33)
        FollowUpNote.objects.create(person_id=person, at=timezone.now(), username="arts", text=NOTE[person])
        FollowUpCase.objects.create(person_id=person, status="in_progress", updated_at=timezone.now())
        Consent.objects.create(person_id=person, given_at=timezone.now(), follow_up=True)  # both on the case list
    forget_workforce()
    cache.clear()
    yield org
    cache.clear()


def _text(client_as, role: str, route: str) -> str:
    if route == "csv downloads":
        return "\n".join(r.content.decode() for r in fetch_downloads(client_as(role)))
    if route == "report workbook":
        return report_text(client_as(role), "xlsx")
    if route == "api":  # the browser session; tokens act as the same user (tests/web/api)
        client = client_as(role)
        return "\n".join(client.get(url).content.decode() for urls in API_GETS.values() for url in urls)
    target, params = {**PAGES, **CASE_PAGES}[route]
    if route.startswith("audit log"):  # health-data access, to be hidden from HR admin
        client_as(Role.OCCUPATIONAL_HEALTH).get(reverse("person", kwargs={"person_id": "P01"}))
        client_as(Role.EMPLOYEE).get(reverse("person", kwargs={"person_id": "P01"}))
    return client_as(role).get(url_of(target), params).content.decode()


def _may_see(role: str, person: str) -> bool:
    return role == Role.OCCUPATIONAL_HEALTH or (role == Role.EMPLOYEE and person == "P01")


def _must_show(route: str, person: str, field: str) -> bool:
    """Where a visible field must show: the person page, and the API's record (which has no vitality axis)."""
    return route == f"person {person}" or (route == "api" and field != "vitality")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("role", ROLES)
def test_health_fields_reach_only_the_person_and_occupational_health(client_as, health_data, role, route):
    """One test per role × route checks every field of both people and names each one it fails."""
    text = _text(client_as, role, route)
    leaks, missing = [], []
    for person, field in CASES:
        if field == HEALTH_ACCESS:
            if _ACCESS_ROW.search(text) and role not in (Role.OCCUPATIONAL_HEALTH, Role.PRIVACY_OFFICER):
                leaks.append(field)
            continue
        shown = _shown(person)[field](text)
        if field == "follow-up note":
            if shown and role != Role.OCCUPATIONAL_HEALTH:
                leaks.append(f"{person} {field}")
            elif not shown and role == Role.OCCUPATIONAL_HEALTH and route == f"surveys follow-up {person}":
                missing.append(f"{person} {field}")
            continue
        if not _may_see(role, person) and shown:
            leaks.append(f"{person} {field}")
        elif _may_see(role, person) and _must_show(route, person, field) and not shown:
            missing.append(f"{person} {field}")
    assert not leaks, f"shown to {role} on {route}: {leaks}"
    assert not missing, f"missing for {role} on {route}: {missing}"


def test_the_matrix_covers_every_role():
    assert set(ROLES) - {"nobody"} == {r.value for r in Role}
    assert NO_HEALTH_ROLES | {Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH} == set(ROLES)


def test_every_api_read_and_the_one_excel_download_is_in_the_matrix():
    """Every GET operation of the API is read by the "api" route (a new one fails here until it is
    added to API_GETS). The one Excel download (the management report, written by
    levensfase.documents) is a route of the matrix; no web module writes Excel itself.
    (The import pages *read* xlsx.)"""
    from levensfase.web.api.api import api

    paths = api.get_openapi_schema()["paths"]
    gets = {path.rstrip("/") or path for path, methods in paths.items() if "get" in methods}
    assert gets == set(API_GETS) | API_NOT_IN_MATRIX
    assert "report workbook" in ROUTES
    assert [str(p.pattern) for p in get_resolver().url_patterns if str(p.pattern).startswith("report")] == [
        "report/<str:kind>/"]
    web = Path(levensfase.web.__file__).parent
    writers = [p.name for p in web.rglob("*.py") if re.search(r"xlsxwriter|write_excel|spreadsheetml", p.read_text())]
    assert writers == []


@pytest.mark.parametrize("role", ROLES)
def test_searching_for_a_health_word_finds_nobody(client_as, health_data, role):
    """Search must not be an oracle for health data: the query is never matched against it."""
    for query in ("gezondheidsbeperking", "health_limitation", "2024-07-08", "matig"):
        response = client_as(role).get(reverse("people"), {"q": query})
        if response.status_code == 200:
            assert "0 personen" in response.content.decode(), (role, query)
        else:
            assert response.status_code == 403
