"""Aggregates per role, through the same selectors and suppression as the pages: small groups are
null with their `suppressed` flag, periods are whole years, and the roles are the pages' roles."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.report import build_report
from levensfase.web.accounts.models import Role
from levensfase.web.hr.selectors import load_workforce

pytestmark = pytest.mark.django_db
ALL_ROLES = (Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL, Role.MANAGER, Role.EMPLOYEE,
             Role.OCCUPATIONAL_HEALTH, Role.PRIVACY_OFFICER, "nobody")
ORGANISATION = {Role.HR_ADMIN, Role.HR_ANALYST, Role.WORKS_COUNCIL}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_gets_which_aggregate(api_as, role):
    api = api_as(role)
    expected = {
        "/api/v1/metrics": 200 if role in ORGANISATION | {Role.MANAGER} else 403,
        "/api/v1/analysis/executive": 200 if role in ORGANISATION else 403,
        "/api/v1/policy-scan": 200 if role in ORGANISATION else 403,
        "/api/v1/evaluation": 200 if role in ORGANISATION else 403,
        "/api/v1/scenarios": 200 if role in ORGANISATION else 403,
    }
    assert {url: api.get(url).status_code for url in expected} == expected


def test_counts_by_hand_with_k_1_and_suppressed_with_k_5(api_as, settings):
    """2024 by contract. At work on 1 January and 31 December: P01, P02, P03, P06, P07, P10 on a
    permanent contract, P05 on a fixed term; nobody came or went in 2024."""
    api = api_as(Role.HR_ANALYST)
    settings.LEVENSFASE_K = 1
    data = api.get("/api/v1/metrics", **{"from": 2024, "to": 2024, "by": "contract"}).json()
    rows = {r["value"]: r for r in data["rows"]}
    assert (data["start"], data["end"], data["k"]) == ("2024-01-01", "2024-12-31", 1)
    assert {v: (r["headcount_start"], r["headcount_end"], r["inflow"], r["outflow_total"]) for v, r in rows.items()} == {
        "permanent": (6, 6, 0, 0), "fixed_term": (1, 1, 0, 0)}
    assert data["average"]["turnover_rate"] == 0.0

    settings.LEVENSFASE_K = 5
    data = api.get("/api/v1/metrics", **{"from": 2024, "to": 2024, "by": "contract"}).json()
    small = {r["value"]: r for r in data["rows"]}["fixed_term"]
    assert small["suppressed"] is True and small["population"] is None and small["inflow"] is None
    assert small["headcount_start"] is None and small["turnover_rate"] is None
    assert all(r["population"] is None for r in data["rows"] if r["suppressed"])


def test_a_manager_gets_the_aggregates_of_their_units_only(api_as, settings):
    settings.LEVENSFASE_K = 1
    rows = api_as(Role.MANAGER).get("/api/v1/metrics", **{"from": 2024, "to": 2024, "by": "unit"}).json()["rows"]
    assert {r["value"] for r in rows} <= {"ZORG", "TA1", "TA2"}  # never TB1 (Bedrijfsvoering)
    outside = api_as(Role.MANAGER).get("/api/v1/metrics", unit="TB1")
    assert outside.status_code == 422 and "TB1" in outside.json()["message_en"]


@pytest.mark.parametrize("params", [{"from": 1800}, {"from": 2025, "to": 2024}, {"by": "wai_score"}, {"to": "x"}])
def test_bad_periods_and_categories_are_422_json(api_as, params):
    response = api_as(Role.HR_ANALYST).get("/api/v1/metrics", **params)
    assert response.status_code == 422
    assert set(response.json()) >= {"message", "message_nl", "message_en", "errors"}


def test_a_year_before_the_recorded_history_is_refused_and_nothing_computed(api_as, monkeypatch):
    """The fixture's first leaver left on 31 December 2013 (P05): 2013 is its first recorded year
    (model.recorded_history); 2012 holds only the people who stayed on."""
    from levensfase.web.api import aggregates

    monkeypatch.setattr(aggregates, "category_table", lambda *a, **kw: pytest.fail("computed a refused period"))
    response = api_as(Role.HR_ANALYST).get("/api/v1/metrics", **{"from": 2012, "to": 2014})
    assert response.status_code == 422
    assert response.json()["message_nl"] == ("Vóór 2013 zijn de gegevens onvolledig (wie vertrok, staat er niet in): "
                                             "het beginjaar moet 2013 of later zijn.")


def test_each_analysis_section_is_the_document_of_levensfase_analyse(api_as, settings):
    api = api_as(Role.WORKS_COUNCIL)
    # as the web builds it: its reader sees the dashboards too (what they hide, the document hides)
    expected = build_report(load_workforce(), as_of=date.today(), k=settings.LEVENSFASE_K, pages=True)
    whole = api.get("/api/v1/analysis").json()
    assert whole == expected
    composition = api.get("/api/v1/analysis/composition").json()
    assert composition == expected["composition"]
    assert composition["total"]["headcount"] == 7  # P01 P02 P03 P05 P06 P07 P09 at work today
    hidden = [c for c in composition["by_category"]["age_band"] if c["suppressed"]]
    assert hidden and all(c["headcount"] is None for c in hidden)  # one person per age band: < k
    missing = api.get("/api/v1/analysis/wai_scores")
    assert missing.status_code == 404 and "composition" in missing.json()["message_en"]


def test_the_policy_scan_is_suppressed_like_the_page(api_as):
    scan = api_as(Role.HR_ADMIN).get("/api/v1/policy-scan").json()
    assert scan["k"] == 5 and scan["rows"]
    assert all(r["population"] is None and r["with_plan_share"] is None for r in scan["rows"] if r["suppressed"])


def test_the_evaluation_is_the_one_the_page_shows(api_as):
    """`levensfase evaluate` JSON of the same evaluation; the hand-made organisation is far too small,
    so every row says "onvoldoende gegevens" or is suppressed, never a number."""
    from datetime import date

    from levensfase.evaluation import evaluation_json
    from levensfase.web.maatwerk.evaluation_selectors import evaluation

    document = api_as(Role.WORKS_COUNCIL).get("/api/v1/evaluation").json()
    assert document == evaluation_json(evaluation(on=date.today(), k=5))
    assert document["outcomes"] == ["influenceable_exit", "wai_change", "absence_pct"] and document["rows"]
    assert all(r["effect"] is None for r in document["rows"])


def test_a_projection_runs_and_bad_input_is_422(api_as):
    api = api_as(Role.HR_ANALYST)
    document = api.get("/api/v1/projection", scenario="baseline", years=1, runs=100, seed=3).json()
    assert [s["name"] for s in document["scenarios"]] == ["baseline"]
    refused = api.get("/api/v1/projection", scenario="nonsense", runs=100)
    assert refused.status_code == 422
    body = refused.json()
    assert [e["loc"] for e in body["errors"]] == [["query", "scenario"]]
    assert body["message_nl"] != body["message_en"]  # the form's message in each language
    too_many = api.get("/api/v1/projection", runs=20_000)
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["loc"] == ["query", "runs"]
