"""Scenario comparison page: roles, side by side as the core computes them, composed scenarios, limits."""

from __future__ import annotations

import pytest

from levensfase.planning.scenarios import builtin_scenarios, scenario_from_mapping
from levensfase.web.accounts.models import Role

from .support import core, csv_rows, dutch

URL = "/planning/compare/"
RUN = {"years": "4", "runs": "200", "seed": "3"}


@pytest.mark.parametrize("role, status", [
    (Role.HR_ANALYST, 200), (Role.HR_ADMIN, 200), (Role.WORKS_COUNCIL, 200),
    (Role.MANAGER, 403), (Role.EMPLOYEE, 403), (Role.OCCUPATIONAL_HEALTH, 403), ("nobody", 403),
])
def test_access_per_role(client_as, org, role, status):
    assert client_as(role).get(URL, {**RUN, "scenarios": "baseline"}).status_code == status


def test_two_builtin_scenarios_side_by_side(client_as, org):
    client = client_as(Role.HR_ANALYST)
    params = {**RUN, "scenarios": ["baseline", "work_longer"]}
    rows = csv_rows(client.get(URL, {**params, "csv": "fte"}))
    builtin = builtin_scenarios()
    assert rows[0] == ["Jaar", builtin["baseline"].label("nl"), builtin["work_longer"].label("nl")]
    document = core([builtin["baseline"], builtin["work_longer"]], years=4, runs=200, seed=3, k=5)
    for column, scenario in enumerate(document["scenarios"], start=1):
        band = scenario["fte"]
        assert rows[-1][column] == f"{dutch(band['p50'][4], 1)} ({dutch(band['p10'][4], 1)}–{dutch(band['p90'][4], 1)})"
    assert rows[1][1:] == ["5,9 (5,9–5,9)"] * 2  # both start from today's 5.9 FTE
    html = client.get(URL, params).content.decode()
    for key in ("headcount", "fte", "phases", "families", "retirements", "cost"):
        assert f'id="panel-{key}"' in html
    assert html.count('<section class="figure"') == 2


def test_small_groups_show_as_less_than_k(client_as, org):
    rows = csv_rows(client_as(Role.HR_ANALYST).get(URL, {**RUN, "scenarios": "baseline", "csv": "families"}))
    # zorg 4, financien 1, leiding 2 at the start: every family is below k = 5.
    assert {r[0]: r[1:] for r in rows[1:]} == {f: ["< 5", "< 5"] for f in ("financien", "leiding", "zorg")}


def test_a_composed_scenario_equals_the_same_scenario_from_the_core(client_as, org):
    params = {**RUN, "scenarios": "baseline", "custom_name": "Jong blijft", "custom_young_turnover_change": "-25",
              "custom_part_time_delta": "0.1"}
    rows = csv_rows(client_as(Role.HR_ANALYST).get(URL, {**params, "csv": "fte"}))
    assert rows[0][2] == "Jong blijft"
    mine = scenario_from_mapping({"name": "Jong blijft", "label_nl": "Jong blijft", "label_en": "Jong blijft",
                                  "turnover": {"young_voluntary_factor": 0.75}, "fte": {"part_time_delta": 0.1}})
    band = core([mine], years=4, runs=200, seed=3, k=5)["scenarios"][0]["fte"]
    assert rows[-1][2] == f"{dutch(band['p50'][4], 1)} ({dutch(band['p10'][4], 1)}–{dutch(band['p90'][4], 1)})"


@pytest.mark.parametrize("params, message", [
    ({}, "Kies minstens één scenario"),
    ({"scenarios": ["baseline", "work_longer", "generatiepact", "part_time", "young_retention"]}, "hoogstens vier"),
    ({"scenarios": ["baseline", "work_longer", "generatiepact", "part_time"], "custom_name": "vijfde"}, "hoogstens vier"),
    ({"custom_pact_take_up": "30"}, "Geef uw scenario een naam"),
    ({"custom_name": "baseline"}, "naam die geen ingebouwd scenario heeft"),
    ({"custom_name": "vast", "custom_hiring_policy": "fixed"}, "hiring.intake: is nodig bij policy"),
    ({"custom_name": "x", "custom_pact_take_up": "130"}, "hoogstens 100"),
    ({"scenarios": "utopia"}, "Selecteer een geldige keuze"),
    ({"scenarios": "baseline", "years": "0"}, "minstens 1"),
])
def test_bad_input_shows_the_form_again(client_as, org, params, message):
    response = client_as(Role.HR_ANALYST).get(URL, {**RUN, **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "data-form-errors" in html and "<form" in html


def test_first_visit_compares_the_baseline(client_as, org):
    response = client_as(Role.WORKS_COUNCIL).get(URL)
    assert response.status_code == 200 and 'id="panel-headcount"' in response.content.decode()


def test_english(client_as, org):
    client = client_as(Role.HR_ANALYST)
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    html = client.get(URL, {**RUN, "scenarios": ["baseline", "work_longer"]}).content.decode()
    assert "Compare scenarios" in html and builtin_scenarios()["work_longer"].label("en") in html
    assert "Retirement wave" in html
