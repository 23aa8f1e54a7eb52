"""The employability dashboard: aggregates only, suppressed below k respondents, org for HR and
the works council, the team for a manager; CSV; bad queries fall back with a message.

Respondents (conftest): P01 33 and P05 34 in TA1, P02 46 in TA2, P03 47 in TB1."""

from __future__ import annotations

import csv
import io
from datetime import date

from levensfase.web.accounts.models import Role


def test_by_unit_with_k2_shows_only_the_group_of_two(client_as, answered, settings):
    settings.LEVENSFASE_K = 2
    html = client_as(Role.HR_ANALYST).get("/surveys/dashboard/?by=unit").content.decode()
    assert "33,5" in html  # (33 + 34) / 2 in Team Noord, Dutch notation
    assert html.count('class="suppressed"') == 4  # Team Zuid and Team Financiën: respondents and mean each
    assert "In %d was de gemiddelde score 33,5." % answered.year in html


def test_csv_has_the_same_numbers(client_as, answered, settings):
    settings.LEVENSFASE_K = 2
    response = client_as(Role.WORKS_COUNCIL).get("/surveys/dashboard/?by=unit&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    year = str(answered.year)
    assert rows == [["year", "group", "respondents", "mean", "suppressed"],
                    [year, "TA1", "2", "33.5", "no"], [year, "TA2", "", "", "yes"], [year, "TB1", "", "", "yes"]]


def test_default_k_withholds_everything_here(client_as, answered):
    html = client_as(Role.HR_ADMIN).get("/surveys/dashboard/").content.decode()
    assert "minder dan 5 mensen" in html
    assert "33,5" not in html


def test_manager_sees_the_team_mean_only_with_enough_respondents(client_as, answered, settings):
    settings.LEVENSFASE_K = 3
    html = client_as(Role.MANAGER).get("/surveys/dashboard/").content.decode()
    assert "37,7" in html  # team ZORG today: P01 33, P02 46, P05 34 → 113 / 3; P03 is not in the team
    assert "Groeperen naar" not in html  # no other groupings for a team
    settings.LEVENSFASE_K = 5
    html = client_as(Role.MANAGER).get("/surveys/dashboard/").content.decode()
    assert "37,7" not in html and "&lt; 5" in html


def test_roles_without_a_dashboard(client_as, answered):
    assert client_as(Role.EMPLOYEE).get("/surveys/dashboard/").status_code == 403
    assert client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/dashboard/").status_code == 403


def test_bad_query_falls_back_with_a_message(client_as, answered):
    html = client_as(Role.HR_ANALYST).get("/surveys/dashboard/?by=<script>&instrument=x").content.decode()
    assert "Die weergave bestaat niet" in html
    assert "<script>" not in html


def test_no_results_yet(client_as, org):
    html = client_as(Role.HR_ANALYST).get("/surveys/dashboard/").content.decode()
    assert "Er zijn nog geen resultaten van vragenlijsten." in html
    assert date.today().year  # page rendered without a table
