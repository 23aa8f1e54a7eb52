"""The read-only catalog: everyone with a role; only HR admin sees the WGBL flag and legal notes."""

from __future__ import annotations

import pytest

from levensfase.model.arrangements import load_catalog
from levensfase.web.accounts.models import Role

URL = "/maatwerk/catalog/"


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, Role.HR_ANALYST, Role.WORKS_COUNCIL,
                                  Role.OCCUPATIONAL_HEALTH])
def test_everyone_with_a_role_sees_the_catalog_without_legal_notes(client_as, org, role):
    html = client_as(role).get(URL).content.decode()
    catalog = load_catalog()
    assert html.count("<tr data-code=") == len(catalog)
    assert "data-legal" not in html and "Rechtvaardiging WGBL" not in html


def test_hr_admin_sees_wgbl_flags(client_as, org):
    html = client_as(Role.HR_ADMIN).get(URL).content.decode()
    flagged = [a.code for a in load_catalog() if a.wgbl_justification_required]
    assert flagged, "the packaged catalog has age-based arrangements"
    for code in flagged:
        row = html[html.index(f'data-code="{code}"'):]
        row = row[:row.index("</tr>")]
        assert "<td data-wgbl>vereist</td>" in row


def test_without_role_refused(client_as, org):
    assert client_as("nobody").get(URL).status_code == 403


def _cell(html, code):
    row = html[html.index(f'<tr data-code="{code}">'):]
    row = row[:row.index("</tr>")]
    return row[row.index("<td data-can="):row.index("</td>", row.index("<td data-can="))]


def test_employee_sees_per_arrangement_whether_and_why_not(client_as, wish):
    from levensfase.web.audit.models import Entry

    html = client_as(Role.EMPLOYEE).get(URL).content.decode()
    assert "Kan ik dit aanvragen?" in html and 'action="/maatwerk/"' in html
    assert _cell(html, "mentoring") == '<td data-can="no">Nee: loopbaanfase: starter'
    assert _cell(html, "seniorendagen") == '<td data-can="no">Nee: leeftijd 57+ (leeftijdsregeling, WGBL)'
    assert 'value="sabbatical"' in _cell(html, "sabbatical") and "Ja, aanvragen" in _cell(html, "sabbatical")
    assert Entry.objects.filter(person_id="P01", detail__view="catalog").count() == 1


def test_employee_requests_from_the_catalog_and_is_told(client_as, wish):
    from datetime import date, timedelta

    from levensfase.web.maatwerk.models import Plan

    start = (date.today() + timedelta(days=30)).isoformat()
    client = client_as(Role.EMPLOYEE)
    refused = client.post("/maatwerk/", {"code": ["mentoring"], "start": start})
    assert refused.status_code == 400 and not Plan.objects.exists()
    assert "U kunt alleen regelingen aanvragen waarvan u vandaag aan de voorwaarden voldoet." in refused.content.decode()
    response = client.post("/maatwerk/", {"code": ["sabbatical"], "start": start}, follow=True)
    assert "Uw aanvraag is naar uw leidinggevende gestuurd." in response.content.decode()
    plan = Plan.objects.get()
    assert (plan.state, [i.code for i in plan.items.all()]) == ("requested", ["sabbatical"])


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.OCCUPATIONAL_HEALTH])
def test_without_own_record_no_request_column(client_as, org, role):
    html = client_as(role).get(URL).content.decode()
    assert "data-can=" not in html and "Kan ik dit aanvragen?" not in html
