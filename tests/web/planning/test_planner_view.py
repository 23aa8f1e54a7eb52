"""Investment planner page: roles, hand-worked optimum on the fixture organisation, limits, CSV, bad input."""

from __future__ import annotations

import csv
import io

import pytest

from levensfase.web.accounts.models import Role

URL = "/planning/"
Q = 1 / 9.5  # zorg's exit rate (conftest)
VALUE = Q * 0.85 * 3  # per unit of reduction, per place, over a three-year horizon


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("role, status", [
    (Role.HR_ANALYST, 200), (Role.HR_ADMIN, 200), (Role.WORKS_COUNCIL, 200),
    (Role.MANAGER, 403), (Role.EMPLOYEE, 403), (Role.OCCUPATIONAL_HEALTH, 403), ("nobody", 403),
])
def test_access_per_role(client_as, org, role, status):
    assert client_as(role).get(URL).status_code == status


def test_anonymous_goes_to_login(client, org):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_nav_shows_planning_only_to_planning_roles(client_as, org):
    assert 'href="/planning/"' in client_as(Role.WORKS_COUNCIL).get("/").content.decode()
    assert 'href="/planning/"' not in client_as(Role.MANAGER).get("/").content.decode()


# Columns of the allocation CSV: category, people, influenceable outflow, five types' places (development,
# utilisation, maintenance, accommodation, work-longer), spend, per employee, × average, retained FTE-years.
# Diminishing returns (effects.toml [returns]) for zorg's 4 people: segment widths ceil(share × 4) →
# 1, 0, 0, 0, 1, 2 with weights 1, 0.6, 0.35, 0.2, 0.1, 0.05: the first place counts fully, the second
# a tenth, the third and fourth a twentieth.


def test_reach_limits_the_plan_by_hand(client_as, org, settings, hand_worked_year):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    params = {"budget": "10000", "min_category_share": "0", "min_development_share": "0", "by": "job_family",
              "horizon": "3", "whole": ""}  # fractional places: the LP, so the limits have duals
    rows = rows_of(client.get(URL, {**params, "csv": "allocation"}))
    zorg = next(r for r in rows if r[0] == "zorg")
    # Only zorg has influenceable exits (P04, voluntary). Per place: development 0.20, utilisation 0.12,
    # maintenance 0.08, accommodation 0.10, work-longer 0.05 (× exit rate × FTE × 3 years, all far from AOW).
    # With money to spare, each of the 4 people gets development: € 6,000.
    assert zorg[1] == "4" and zorg[2] == "10,5%"
    assert zorg[3:8] == ["4,0", "0,0", "0,0", "0,0", "0,0"]
    assert zorg[8] == "€ 6.000"
    assert zorg[11] == f"{0.20 * (1 + 0.1 + 0.05 + 0.05) * VALUE:.2f}".replace(".", ",")
    constraints = rows_of(client.get(URL, {**params, "csv": "constraints"}))
    by_name = {r[0]: r for r in constraints[1:]}
    assert by_name["Budget"][3] == "nee"
    assert by_name["Mensen in zorg"][3] == "ja"
    # One more person in zorg would get development in the last segment: 0.20 × 0.05 × exit rate × FTE × 3.
    assert by_name["Mensen in zorg"][4] == f"{0.20 * 0.05 * VALUE:.3f}".replace(".", ",") + " per plek"


def test_budget_binds_by_hand(client_as, org, settings, hand_worked_year):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    params = {"budget": "3000", "min_category_share": "0", "min_development_share": "0", "by": "job_family",
              "horizon": "3", "whole": "on"}
    rows = rows_of(client.get(URL, {**params, "csv": "allocation"}))
    zorg = next(r for r in rows if r[0] == "zorg")
    # € 3,000, whole places: two development places (0.20 × (1 + 0.1)) beat every mix with utilisation
    # (e.g. 3 utilisation places, € 2,400: 0.12 × (1 + 0.1 + 0.05)), because only the first place counts fully.
    assert zorg[3:8] == ["2", "0", "0", "0", "0"]
    assert zorg[8] == "€ 3.000" and zorg[9] == "€ 750"  # per employee: € 3,000 / 4
    total = rows[-1]
    assert total[0] == "Totaal" and total[-1] == f"{0.20 * 1.1 * VALUE:.2f}".replace(".", ",")
    by_name = {r[0]: r for r in rows_of(client.get(URL, {**params, "csv": "constraints"}))[1:]}
    assert by_name["Budget"][3] == "ja"
    html = client.get(URL, params).content.decode()
    assert "Elke € 10.000 extra" in html and 'data-figure="chart-allocation"' in html


def test_small_groups_are_hidden_by_default(client_as, org):
    # k = 5: zorg (4), financien (1) and leiding (2) are all below k.
    params = {"min_category_share": "0", "min_development_share": "0"}
    html = client_as(Role.HR_ADMIN).get(URL, params).content.decode()
    assert '<th scope="row">financien</th>' not in html and '<th scope="row">leiding</th>' not in html
    assert "verborgen groep" in html
    rows = rows_of(client_as(Role.HR_ADMIN).get(URL, {**params, "csv": "allocation"}))
    assert [r[1] for r in rows[1:-1]] == ["< 5", "< 5", "< 5"]


def test_assumptions_are_flagged(client_as, org):
    html = client_as(Role.HR_ANALYST).get(URL).content.decode()
    assert "data-assumptions" in html and "Kooij e.a. 2014 (bundel ontwikkeling)" in html  # the source, in Dutch


@pytest.mark.parametrize("params, message", [
    ({"budget": "veel"}, "Voer een getal in."),
    ({"budget": "-5"}, "minstens 1 is"),
    ({"min_category_share": "150"}, "hoogstens 100 is"),
    ({"by": "schoenmaat"}, "Selecteer een geldige keuze"),
    ({"horizon": "40"}, "hoogstens 15 is"),
])
def test_bad_input_shows_the_form_again(client_as, org, params, message):
    response = client_as(Role.HR_ANALYST).get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "<form" in html and "Traceback" not in html


def test_impossible_limits_get_a_clear_message(client_as, org):
    response = client_as(Role.HR_ANALYST).get(URL, {"min_category_share": "60"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geen plan past binnen deze grenzen" in html and "hooguit 33,3% per categorie" in html
    assert "<form" in html


def test_unknown_csv_table_is_a_400(client_as, org):
    response = client_as(Role.HR_ANALYST).get(URL, {"csv": "nonsense"})
    assert response.status_code == 400


def test_english(client_as, org, settings, hand_worked_year):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    html = client.get(URL, {"budget": "3000"}).content.decode()
    assert "Investment planner" in html and "Every € 10,000 more" in html
