"""Every dashboard page, the policy scan, the competency and the survey dashboard carry a data-coverage
line (analytics.findings.coverage), rendered as the core wrote it — on the hand-made organisation
of tests/support/org_fixture.py (T = today):

- period 1 January 2022 – T: employed P01 P02 P03 P04 (left 2023) P05 P06 P07 P09 P10 = 9, one
  spell each (P01's two assignments join up; P05's first spell ended in 2013); P08 starts after T.
  Both leavers had a reason (voluntary), nobody was anonymised, records begin on 1 January 2008.
- on T: 7 at work; the manager's units (ZORG) hold 5. Nobody's career phase comes from age (only
  P05 started on the first day of the records, and has more than 10 years' service), and a life
  event exists, so the private-life axis comes from data: no age line.
- the last 12 months (policy scan): P01 P02 P03 P05 P06 P07 P09 P10 = 8; no arrangements, no
  conversations; no skill assessments at all.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest

from levensfase.analytics.findings.numbers import day
from levensfase.web.accounts.models import Role


def coverage(html: str) -> list[str]:
    block = html.split("data-coverage>", 1)[1].split("</section>", 1)[0]
    return [unescape(t) for t in re.findall(r'<li data-kind="[a-z_]+">(.*?)</li>', block)]


def _running_year(t: date) -> list[str]:
    if t == date(t.year, 12, 31):
        return []
    return [f"{t.year} is een onvolledig jaar: de cijfers lopen tot en met {day(t, 'nl')}."]


@pytest.mark.parametrize("page", ["flows", "categories", "retention"])
def test_period_pages_say_what_they_rest_on_and_name_the_running_year(client_as, org, page):
    t = org.today
    html = client_as(Role.HR_ANALYST).get(f"/dashboards/{page}/", {"from": 2022, "to": t.year}).content.decode()
    basis = f"Gegevensbasis: 9 medewerkers in dienst van 1 januari 2022 tot en met {day(t, 'nl')}; 9 dienstverbanden."
    assert coverage(html) == [basis, *(_running_year(t) if page != "retention" else [])]


def test_composition_rests_on_the_day_and_follows_the_managers_scope(client_as, org):
    t = org.today
    assert coverage(client_as(Role.HR_ANALYST).get("/dashboards/").content.decode()) == [
        f"Gegevensbasis: 7 medewerkers in dienst op {day(t, 'nl')}."]
    assert coverage(client_as(Role.MANAGER).get("/dashboards/").content.decode()) == [
        f"Gegevensbasis: 5 medewerkers in dienst op {day(t, 'nl')}."]


def test_policy_scan_says_no_arrangements_and_no_conversations_instead_of_zero(client_as, org):
    t = org.today
    start = date(t.year - 1, t.month, t.day) + timedelta(days=1) if (t.month, t.day) != (2, 29) else date(t.year - 1, 3, 1)
    assert coverage(client_as(Role.HR_ANALYST).get("/maatwerk/policy-scan/").content.decode()) == [
        f"Gegevensbasis: 8 medewerkers in dienst van {day(start, 'nl')} tot en met {day(t, 'nl')}; 0 regelingen; "
        "0 medewerkers met een loopbaangesprek.",
        "Gegevensdekking: geen regelingen geregistreerd; hierover trekken we geen conclusie.",
        "Gegevensdekking: geen loopbaangesprekken geregistreerd; hierover trekken we geen conclusie.",
    ]


def test_competency_dashboard_says_no_assessments(client_as, org):
    lines = coverage(client_as(Role.HR_ANALYST).get("/competencies/dashboard/", {"from": 2022}).content.decode())
    assert lines[1:] == ["Gegevensdekking: geen competentiebeoordelingen; hierover trekken we geen conclusie."]
    assert lines[0].endswith("; 0 medewerkers met een competentiebeoordeling.")


def test_survey_dashboard_has_a_coverage_line_in_english_too(client_as, org, settings):
    client = client_as(Role.HR_ANALYST)
    lines = coverage(client.get("/surveys/dashboard/").content.decode())
    assert lines[0].startswith("Gegevensbasis: ") and "ingevulde vragenlijsten" in lines[0]
    client.cookies["django_language"] = "en"
    html = client.get("/surveys/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Data coverage" in html and coverage(html)[0].startswith("Data basis: ")


def test_an_arrangement_registered_in_the_app_ends_the_missing_line_at_once(client_as, org):
    from levensfase.web.hr.models import Arrangement

    client = client_as(Role.HR_ANALYST)
    assert "Gegevensdekking: geen regelingen geregistreerd; hierover trekken we geen conclusie." in coverage(
        client.get("/maatwerk/policy-scan/").content.decode())
    Arrangement.objects.create(person=org.people["P01"], code="opleidingsbudget", start_date=org.today - timedelta(days=10),
                               end_date=None, hours=40, cost_eur=900)
    lines = coverage(client.get("/maatwerk/policy-scan/").content.decode())
    assert not any("geen regelingen" in line for line in lines)
    assert "; minder dan 5 regelingen; " in lines[0]  # one arrangement, k = 5
