"""Investment planner page, issue 18: reasons per category in words beside money per head, the primary
life phase as a category, whole places by default, and every effect flagged gemeten or aanname."""

from __future__ import annotations

import csv
import io

import pytest

from levensfase.web.accounts.models import Role

URL = "/planning/"
Q = 1 / 9.5  # zorg's influenceable exit rate (conftest)
VALUE = Q * 0.85 * 3


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


PARAMS = {"budget": "3000", "min_category_share": "0", "min_development_share": "0", "by": "job_family",
          "horizon": "3", "whole": "on"}


def test_reasons_per_category_in_words(client_as, org, settings, hand_worked_year):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    rows = {r[0]: r for r in rows_of(client.get(URL, {**PARAMS, "csv": "reasons"}))[1:]}
    # 7 people at work: zorg 4, financien 1, leiding 2; € 3,000 all to zorg → average € 3,000 / 7.
    assert rows["zorg"][1] == "€ 750" and rows["zorg"][2] == "1,8"  # 750 / (3000 / 7) = 1.75
    assert rows["zorg"][3] == "ja"  # no limit binds it, but its rate rests on one exit: an evidence gap
    assert rows["zorg"][4].startswith("functiefamilie zorg: € 750 per medewerker, 1,8× het gemiddelde van € 429. "
                                      "De beïnvloedbare uitstroom is hier 10,5% per jaar")
    assert "rust op 1 vertrekken (minder dan 20) en is dus onzeker" in rows["zorg"][4]
    # financien and leiding lost nobody they could have kept: the data explain their € 0.
    for family in ("financien", "leiding"):
        assert rows[family][1] == "€ 0" and rows[family][3] == "ja"
        assert "geen beïnvloedbare uitstroom" in rows[family][4]
    html = client.get(URL, PARAMS).content.decode()
    assert "Waarom elke categorie krijgt wat ze krijgt" in html
    assert "Het plan besteedt € 3.000 per jaar, gemiddeld € 429 per medewerker" in html


def test_whole_places_by_default(client_as, org, settings, hand_worked_year):
    settings.LEVENSFASE_K = 1
    params = {"csv": "allocation", "min_category_share": "0", "min_development_share": "0"}  # budget etc.: defaults
    rows = rows_of(client_as(Role.HR_ANALYST).get(URL, params))
    zorg = next(r for r in rows if r[0] == "zorg")
    assert all("," not in cell for cell in zorg[3:8])  # places as whole numbers, never "3,8"


def test_primary_life_phase_is_offered(client_as, org, settings, hand_worked_year):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    html = client.get(URL).content.decode()
    assert '<option value="primary_phase">primaire levensfase</option>' in html
    response = client.get(URL, {**PARAMS, "by": "primary_phase", "csv": "allocation"})
    rows = rows_of(response)
    assert sum(int(r[1]) for r in rows[1:-1]) == 7  # a partition: everyone at work once


def test_every_effect_is_flagged(client_as, org):
    html = client_as(Role.HR_ANALYST).get(URL).content.decode()
    assert html.count('data-status="aanname"') == 5 and 'data-status="gemeten"' not in html
    assert "Alle effecten zijn aannames (literatuur), niet gemeten in deze organisatie." in html


def test_measured_effects_from_the_evaluation(client_as, org, settings, monkeypatch, hand_worked_year):
    from levensfase.web.planning import selectors

    rows = [{"arrangement": None, "bundle": "development", "outcome": "influenceable_exit", "verdict": "werkt",
             "effect": -0.05, "ratio": 0.7, "ci_low": 0.55, "ci_high": 0.9, "n_treated": 40, "n_matched": 38,
             "max_smd": 0.04, "naive_effect": -0.09, "suppressed": False}]
    monkeypatch.setattr(selectors, "evaluation_rows", lambda *, as_of, k: rows)
    settings.LEVENSFASE_K = 1
    html = client_as(Role.HR_ANALYST).get(URL, PARAMS).content.decode()
    assert 'data-effect="ontwikkeling" data-status="gemeten"' in html and html.count('data-status="aanname"') == 4
    assert "0,70 (0,55–0,90)" in html
    assert "Gemeten in deze organisatie (gematchte vergelijking): Ontwikkelregelingen: hazard ratio 0,70." in html


def test_the_planner_reads_the_evaluation_the_page_werkt_het_shows(org):
    """The wiring: the planner's rows are the published rows of the same evaluation (here every group
    is too small, so every effect stays an assumption — the page above says so)."""
    from datetime import date

    from levensfase.evaluation import evaluate, evaluation_json
    from levensfase.web.hr.selectors import load_workforce
    from levensfase.web.maatwerk.selectors import catalog
    from levensfase.web.planning.selectors import evaluation_rows

    today = date.today()
    expected = evaluation_json(evaluate(load_workforce(), as_of=today, k=5, catalog=catalog()))["rows"]
    assert expected and evaluation_rows(as_of=today, k=5) == expected


@pytest.mark.parametrize("lang, words", [("en", "Why each category gets what it gets")])
def test_english(client_as, org, settings, hand_worked_year, lang, words):
    settings.LEVENSFASE_K = 1
    client = client_as(Role.HR_ANALYST)
    client.post("/i18n/setlang/", {"language": lang, "next": URL})
    html = client.get(URL, PARAMS).content.decode()
    assert words in html and "The plan spends €3,000 a year" in html and "assumption" in html
