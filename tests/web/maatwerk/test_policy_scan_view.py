"""Policy scan page: who may open it, "< k" for small groups, the plan share from stored plans, CSV, print."""

from __future__ import annotations

import csv
import io
import re

import pytest

from levensfase.web.accounts.models import Role

URL = "/maatwerk/policy-scan/"


@pytest.mark.parametrize("role, status", [
    (Role.HR_ANALYST, 200), (Role.HR_ADMIN, 200), (Role.WORKS_COUNCIL, 200),
    (Role.MANAGER, 403), (Role.EMPLOYEE, 403), (Role.OCCUPATIONAL_HEALTH, 403), ("nobody", 403),
])
def test_access_per_role(client_as, org, role, status):
    assert client_as(role).get(URL).status_code == status


def test_small_groups_show_as_less_than_k(client_as, org):
    # Every unit has fewer than 5 people at work today (TA1: P01, P05; TA2: P02, P09; ...).
    html = client_as(Role.HR_ANALYST).get(URL).content.decode()
    section = html[html.index('data-by="unit"'):]
    section = section[:section.index("</table>")]
    rows = section.count("<tr data-value=")
    assert rows == 5 and section.count("data-suppressed") == rows  # ORG, ZORG, TA1, TA2, TB1
    assert section.count('<span class="suppressed"') == rows * 7 and "&lt; 5" in section  # 7 value cells: with mean FTE
    assert "Team Noord" in section
    assert "data-summary" in html


def test_plan_share_counts_agreed_plans(client_as, org, make_plan, settings):
    settings.LEVENSFASE_K = 1  # show the small hand-made groups
    make_plan("P01", state="approved")
    make_plan("P01", state="requested")  # a second, not yet agreed plan does not count twice
    response = client_as(Role.HR_ANALYST).get(URL + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    ta1 = next(r for r in rows if r["by"] == "unit" and r["value"] == "TA1")
    # TA1 today: P01 (agreed plan) and P05 (none) → 1 of 2
    assert (ta1["population"], ta1["with_plan_share"]) == ("2", "50%")
    ta2 = next(r for r in rows if r["by"] == "unit" and r["value"] == "TA2")
    assert (ta2["population"], ta2["with_plan_share"]) == ("2", "0%")


def test_csv_keeps_suppression(client_as, org):
    rows = list(csv.DictReader(io.StringIO(client_as(Role.WORKS_COUNCIL).get(URL + "?format=csv").content.decode())))
    units = [r for r in rows if r["by"] == "unit"]
    assert units and all(r["population"] == "< 5" for r in units)


def test_printable_version_has_print_css(client_as, org):
    html = client_as(Role.HR_ADMIN).get(URL + "?print=1").content.decode()
    assert "maatwerk/print.css" in html and "window.print()" in html


def test_the_scan_types_uptake_by_the_organisations_catalog(client_as, org, settings, users):
    from datetime import timedelta

    from levensfase.model.arrangements import load_catalog
    from levensfase.model.arrangements.overrides import entry_body
    from levensfase.web.hr.models import Arrangement
    from levensfase.web.maatwerk import catalog_services

    settings.LEVENSFASE_K = 1
    Arrangement.objects.create(person=org.people["P01"], code="mentoring", start_date=org.today - timedelta(days=30))

    def ta1():
        rows = csv.DictReader(io.StringIO(client_as(Role.HR_ANALYST).get(URL + "?format=csv").content.decode()))
        row = next(r for r in rows if r["by"] == "unit" and r["value"] == "TA1")
        return row["development_share"], row["sparing_share"]

    assert ta1() == ("50%", "0%")  # packaged: mentoring is development; 1 of TA1's 2 people (P01, P05)
    body = {**entry_body(load_catalog()["mentoring"]), "bundle": "accommodative"}
    catalog_services.save_entry(user=users[Role.HR_ADMIN], code="mentoring", body=body, adding=False)
    assert ta1() == ("0%", "50%")



def test_career_conversation_answers_have_their_own_section(client_as, org, settings):
    from levensfase.web.hr.models import Conversation

    settings.LEVENSFASE_K = 1  # show the small hand-made groups
    Conversation.objects.create(person=org.people["P01"], date=org.today, topic="intended_retirement_age", value="63")
    Conversation.objects.create(person=org.people["P01"], date=org.today, topic="ambition", value="leadership")
    html = client_as(Role.HR_ANALYST).get(URL).content.decode()
    section = html[html.index("data-ambitions>"):]
    assert "Wat mensen zeiden in loopbaangesprekken" in section
    row = section[section.index('data-ambitions-by="unit"'):]
    row = row[row.index('<tr data-value="TA1"'):]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row[:row.index("</tr>")])
    # TA1: P01 and P05; one ambition answer (leadership: 100% growth), no FTE answer, one intended age 63.
    assert cells == ["2", "1", "100,0", "0,0", "0", "–", "–", "–", "1", "63,0", "100,0"]


def test_the_tables_are_rendered_once_per_scan_and_follow_a_new_plan(client_as, org, make_plan, settings, monkeypatch):
    from levensfase.web.maatwerk import views_policy

    settings.LEVENSFASE_K = 1
    rendered, render = [], views_policy.render_to_string
    monkeypatch.setattr(views_policy, "render_to_string", lambda *a, **kw: rendered.append(a[0]) or render(*a, **kw))
    client = client_as(Role.HR_ANALYST)

    def ta1_plan_share() -> str:
        html = client.get(URL).content.decode()
        row = html[html.index('data-by="unit"'):]
        row = row[row.index('<tr data-value="TA1"'):]
        return re.findall(r'<td class="num">([^<]*)</td>', row[:row.index("</tr>")])[2]  # people, conversation, plan

    assert ta1_plan_share() == "0%"
    assert ta1_plan_share() == "0%"
    assert rendered == ["maatwerk/_policy_scan_tables.html"]  # once for both requests
    make_plan("P01", state="approved")  # TA1 today: P01 and P05
    assert ta1_plan_share() == "50%"
    assert len(rendered) == 2
