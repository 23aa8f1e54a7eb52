"""The people list: who may open it, who is on it, search, unit filter and paging."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Assignment, Job, Person, Unit

from support import org_fixture as fixture_data


def _listed(response) -> set[str]:
    return set(re.findall(r'<a href="/people/([^/"]+)/">', response.content.decode()))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.HR_ADMIN, fixture_data.ALL_PEOPLE),
        (Role.OCCUPATIONAL_HEALTH, fixture_data.ALL_PEOPLE),
        (Role.MANAGER, fixture_data.MANAGER_SEES),
        (Role.EMPLOYEE, {"P01"}),
    ],
)
def test_list_shows_only_visible_people(client_as, org, role, expected):
    response = client_as(role).get(reverse("people"))
    assert response.status_code == 200
    assert _listed(response) == expected


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.WORKS_COUNCIL, "nobody"])
def test_aggregate_roles_get_403(client_as, org, role):
    response = client_as(role).get(reverse("people"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("people"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_search_by_person_id_unit_and_job(client_as, org):
    client = client_as(Role.HR_ADMIN)
    assert _listed(client.get(reverse("people"), {"q": "p0"})) == fixture_data.ALL_PEOPLE - {"P10"}
    assert _listed(client.get(reverse("people"), {"q": "P10"})) == {"P10"}
    # Team Financiën (TB1): P03, P10 (left), and P05 who worked there before a re-hire elsewhere.
    assert _listed(client.get(reverse("people"), {"q": "financiën"})) == {"P03", "P05", "P10"}
    assert _listed(client.get(reverse("people"), {"q": "Senior"})) == {"P01"}
    assert _listed(client.get(reverse("people"), {"q": "TB1"})) == {"P03", "P05", "P10"}
    assert _listed(client.get(reverse("people"), {"q": "nobody-has-this"})) == set()


def test_manager_search_stays_inside_the_team(client_as, org):
    client = client_as(Role.MANAGER)
    assert _listed(client.get(reverse("people"), {"q": "Administrateur"})) == {"P05"}  # P03 is not theirs


def test_unit_filter_includes_units_below(client_as, org):
    client = client_as(Role.HR_ADMIN)
    assert _listed(client.get(reverse("people"), {"unit": "ZORG"})) == {"P01", "P02", "P05", "P07", "P09"}
    assert _listed(client.get(reverse("people"), {"unit": "TA1"})) == {"P01", "P05"}
    assert _listed(client.get(reverse("people"), {"unit": "ORG"})) == {"P01", "P02", "P03", "P05", "P06", "P07", "P09"}


def test_manager_cannot_filter_on_a_foreign_unit(client_as, org):
    response = client_as(Role.MANAGER).get(reverse("people"), {"unit": "TB1"})
    assert _listed(response) == fixture_data.MANAGER_SEES  # ignored, not widened
    assert 'value="TB1"' not in response.content.decode()  # not even offered


def test_rows_show_current_unit_job_and_fte(client_as, org):
    html = client_as(Role.HR_ADMIN).get(reverse("people"), {"q": "P01"}).content.decode()
    row = html[html.index('href="/people/P01/"'):]
    row = row[: row.index("</tr>")]
    assert "Team Noord" in row and "Senior verpleegkundige" in row and "0,80" in row
    html = client_as(Role.HR_ADMIN).get(reverse("people"), {"q": "P04"}).content.decode()
    assert "vandaag niet in dienst" in html


def test_paging_50_per_page(client_as, org):
    unit, job = Unit.objects.get(unit_id="TA2"), Job.objects.get(job_id="VPL")
    for i in range(60):
        p = Person.objects.create(person_id=f"Q{i:03d}", birth_date=date(1990, 1, 1))
        Assignment.objects.create(person=p, start_date=date(2020, 1, 1), unit=unit, job=job, fte=1.0)
    client = client_as(Role.HR_ADMIN)
    first = _listed(client.get(reverse("people"), {"q": "Q"}))
    second = _listed(client.get(reverse("people"), {"q": "Q", "page": 2}))
    assert first == {f"Q{i:03d}" for i in range(50)}
    assert second == {f"Q{i:03d}" for i in range(50, 60)}
    # A page number out of range or junk shows the nearest valid page instead of failing.
    assert _listed(client.get(reverse("people"), {"q": "Q", "page": 99})) == second
    assert _listed(client.get(reverse("people"), {"q": "Q", "page": "x"})) == first
    assert "70 personen" in client.get(reverse("people")).content.decode()


def test_the_number_of_people_is_counted_once_per_data_version(client_as, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    everyone = len(fixture_data.ALL_PEOPLE)
    client = client_as(Role.HR_ADMIN)
    assert f"{everyone} personen" in client.get(reverse("people")).content.decode()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("people")).content.decode()
    assert f"{everyone} personen" in html
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]  # a sector: 200.000 rows
    Person.objects.create(person_id="Q999", birth_date=date(1990, 1, 1))  # a write: counted again
    assert f"{everyone + 1} personen" in client.get(reverse("people")).content.decode()
    assert f"{everyone} personen" in client.get(reverse("people"), {"q": "P"}).content.decode()  # its own count
