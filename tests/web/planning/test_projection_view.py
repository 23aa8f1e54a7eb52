"""Projection page: roles, the start by hand, the page shows the core's bands, demand gap, cache, bad input."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.planning import report
from levensfase.planning.demand import demand_from_mapping
from levensfase.planning.scenarios import builtin_scenarios
from levensfase.web.accounts.models import Role

from .support import core, csv_rows, dutch

URL = "/planning/projection/"
SMALL = {"scenario": "baseline", "years": "3", "runs": "200", "seed": "7"}


@pytest.mark.parametrize("role, status", [
    (Role.HR_ANALYST, 200), (Role.HR_ADMIN, 200), (Role.WORKS_COUNCIL, 200),
    (Role.MANAGER, 403), (Role.EMPLOYEE, 403), (Role.OCCUPATIONAL_HEALTH, 403), ("nobody", 403),
])
def test_access_per_role(client_as, org, role, status):
    assert client_as(role).get(URL, SMALL).status_code == status


def test_start_year_by_hand_and_later_years_from_the_core(client_as, org):
    rows = csv_rows(client_as(Role.HR_ANALYST).get(URL, {**SMALL, "csv": "headcount"}))
    # At work today: P01 P02 P03 P05 P06 P07 P09 = 7 people, no spread at the start.
    assert rows[1] == [str(date.today().year), "7 (7–7)"]
    fte = csv_rows(client_as(Role.HR_ANALYST).get(URL, {**SMALL, "csv": "fte"}))
    assert fte[1][1] == "5,9 (5,9–5,9)"  # 0.8 + 1.0 + 0.5 + 0.6 + 1.0 + 1.0 + 1.0
    document = core([builtin_scenarios()["baseline"]], years=3, runs=200, seed=7, k=5)
    band = document["scenarios"][0]["headcount"]
    assert len(rows) == 1 + 4 and rows[-1][0] == str(date.today().year + 3)
    assert rows[-1][1] == f"{dutch(band['p50'][3], 0)} ({dutch(band['p10'][3], 0)}–{dutch(band['p90'][3], 0)})"


def test_same_seed_same_page_and_cached(client_as, org, monkeypatch):
    calls = []
    real = report.build_projection
    monkeypatch.setattr(report, "build_projection", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    client = client_as(Role.HR_ANALYST)
    first = client.get(URL, {**SMALL, "csv": "fte"}).content
    assert client.get(URL, {**SMALL, "csv": "fte"}).content == first
    assert len(calls) == 1  # the second request came from the cache
    client.get(URL, {**SMALL, "seed": "8", "csv": "fte"})
    assert len(calls) == 2  # another seed is another entry


def test_gap_with_demand(client_as, org, settings):
    settings.LEVENSFASE_K = 1
    # Families in name order: financien (demand_0), leiding (demand_1), zorg (demand_2).
    rows = csv_rows(client_as(Role.HR_ANALYST).get(URL, {**SMALL, "demand_2": "6", "csv": "gap"}))
    assert [r[0] for r in rows[1:]] == ["zorg"]
    demand = demand_from_mapping({"zorg": {date.today().year + 1: 6.0}})
    gap = core([builtin_scenarios()["baseline"]], years=3, runs=200, seed=7, k=1,
               demand=demand)["scenarios"][0]["gap"]["zorg"]
    assert rows[1][1] == f"{dutch(gap['p50'][3], 1)} ({dutch(gap['p10'][3], 1)}–{dutch(gap['p90'][3], 1)})"


def test_gap_of_a_small_family_is_withheld(client_as, org):
    rows = csv_rows(client_as(Role.HR_ANALYST).get(URL, {**SMALL, "demand_0": "2", "csv": "gap"}))
    assert rows[1] == ["financien", "< 5"]  # one person in financien at the start


def test_no_gap_panel_without_demand(client_as, org):
    response = client_as(Role.HR_ANALYST).get(URL, {**SMALL, "csv": "gap"})
    assert response.status_code == 400  # there is no such table on the page


@pytest.mark.parametrize("params, message", [
    ({"years": "40"}, "hoogstens 15"),
    ({"runs": "veel"}, "Voer een geheel getal in"),
    ({"runs": "50000"}, "hoogstens 2000"),
    ({"scenario": "utopia"}, "Selecteer een geldige keuze"),
    ({"demand_0": "-1"}, "minstens 0"),
    ({"seed": "-3"}, "minstens 0"),
])
def test_bad_input_shows_the_form_again(client_as, org, params, message):
    response = client_as(Role.HR_ANALYST).get(URL, {**SMALL, **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "<form" in html and "data-form-errors" in html


def test_charts_and_takeaways(client_as, org):
    html = client_as(Role.HR_ANALYST).get(URL, SMALL).content.decode()
    for key in ("headcount", "fte"):
        assert f'data-figure="chart-{key}"' in html and f'id="panel-{key}"' in html
    assert "van 7 in" in html  # the headcount takeaway starts from today's 7
    # Everyone was born 1970–1979: nobody reaches the AOW age (67+) within three years, so the
    # retirement wave is a sentence and a table, no empty chart.
    assert 'id="panel-retirements"' in html and 'data-figure="chart-retirements"' not in html
    assert "De komende 3 jaar gaat vrijwel niemand met pensioen" in html


def test_the_aow_assumption_is_stated_only_past_the_statutory_table(client_as, org):
    client = client_as(Role.HR_ANALYST)
    long = client.get(URL, {**SMALL, "years": "10"}).content.decode()
    assert "data-aow-assumption" in long and "Pensioneringen na 2031" in long
    if date.today().year + 3 <= 2031:
        assert "data-aow-assumption" not in client.get(URL, SMALL).content.decode()
