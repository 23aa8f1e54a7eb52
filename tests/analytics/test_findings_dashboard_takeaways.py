"""The findings added for the dashboard takeaways (competencies, surveys, a chosen period), on
hand-built rows with hand-counted answers."""

from __future__ import annotations

import polars as pl

from levensfase.analytics.findings.dashboards import (
    competency_findings, losing_group_finding, money_range_finding, survey_group_finding,
)
from levensfase.analytics.findings.sections import outflow_findings, period


def _row(value, population, per_person, suppressed=False):
    return {"value": value, "population": population, "training_spend_per_person": per_person, "suppressed": suppressed}


def test_money_range_over_groups_of_twenty_or_more():
    rows = [_row("20-24", 40, 1400.0), _row("65-69", 25, 192.4), _row("70+", 3, 9000.0),  # 70+ too small
            _row("X", None, None, suppressed=True)]
    f = money_range_finding(rows, labels={"65-69": ("65-69 jaar", "65-69")})
    assert f.text_nl == ("Het ontwikkelgeld per medewerker loopt van € 192 (65-69 jaar) tot € 1.400 (20-24), over de "
                         "groepen van minstens 20 medewerkers.")
    assert f.text_en.startswith("Development money per employee ranges from €192 (65-69) to €1,400 (20-24)")
    assert f.numbers["low"] == {"group": "65-69", "per_person": 192.4}


def test_money_range_needs_two_big_groups_and_says_when_nothing_was_spent():
    assert money_range_finding([_row("A", 40, 10.0), _row("B", 19, 99.0)]).kind == "no_clear_difference"
    none = money_range_finding([_row("A", 40, 0.0), _row("B", 30, 0.0)])
    assert none.text_nl == "In deze selectie is geen ontwikkelgeld uitgegeven."


def test_competency_findings_are_shares_of_the_assessed():
    # A: 30 of 40 assessed untapped (75%), B: 10 of 100 (10%): Wilson intervals apart, A named
    rows = [{"value": "A", "population": 50, "assessed": 40, "persons_untapped": 30, "persons_development_need": 4,
             "suppressed": False, "shares_withheld": False},
            {"value": "B", "population": 120, "assessed": 100, "persons_untapped": 10, "persons_development_need": 10,
             "suppressed": False, "shares_withheld": False},
            {"value": "C", "population": 9, "assessed": 2, "persons_untapped": 2, "persons_development_need": 2,
             "suppressed": False, "shares_withheld": True}]
    untapped, need = competency_findings(rows, labels={"A": ("groep A", "group A")})
    assert untapped.kind == "highest" and untapped.numbers["group"] == "A" and untapped.numbers["value"] == 0.75
    assert "75,0%" in untapped.text_nl and "40 beoordeelden" in untapped.text_nl
    # need: A 4/40 = 10% against B 10/100 = 10%: no difference to name
    assert need.kind == "no_clear_difference"


def test_survey_finding_names_a_group_on_the_share_below_37_only():
    rows = [{"year": 2025, "group": "late_career", "respondents": 50, "share_low": 60.0, "suppressed": False},
            {"year": 2025, "group": "starter", "respondents": 80, "share_low": 10.0, "suppressed": False},
            {"year": 2025, "group": "spitsuur", "respondents": None, "share_low": None, "suppressed": True},
            {"year": 2024, "group": "starter", "respondents": 80, "share_low": 90.0, "suppressed": False}]
    f = survey_group_finding(rows, instrument="wai", year=2025, labels={"late_career": ("late loopbaan", "late career")})
    # 30 of 50 below 37 against 8 of 80
    assert f.kind == "highest" and f.numbers["group"] == "late_career" and f.numbers["value"] == 0.6
    assert f.text_nl.startswith("Het aandeel met matig of slecht werkvermogen (WAI < 37) in 2025 is het hoogst bij "
                                "late loopbaan: 60,0%")
    uwes = survey_group_finding(rows, instrument="uwes9", year=2025)
    assert uwes.kind == "no_clear_difference" and "geen hoogste of laagste groep" in uwes.text_nl


def test_retirement_at_the_aow_date_is_never_the_group_we_lose():
    # 65-69: 60 people, 25 retire at AOW, 1 leaves voluntarily; 20-24: 60 people, 12 leave voluntarily.
    table = pl.DataFrame({"value": ["20-24", "65-69"], "influenceable": [12, 1], "pension": [0, 25],
                          "outflow": [12, 26], "population": [60, 60], "average_stock": [60.0, 60.0],
                          "suppressed": [False, False]})
    f = losing_group_finding(table)
    assert f.kind == "highest" and f.numbers["group"] == "20-24" and f.numbers["value"] == 20.0


def test_a_chosen_period_is_named_by_its_days_and_shown_per_year():
    assert period({"from": "2025-12-07", "to": "2026-12-06"}, "nl") == "In de 12 maanden tot en met 6 december 2026"
    assert period({"from": "2022-01-01", "to": "2026-12-06"}, "en") == "From 1 January 2022 to 6 December 2026"
    # 2 years exactly (730 days): 10 of an average stock of 50 = 20 per 100 over the period, 10,0% per year
    total = {"suppressed": False, "influenceable": 10, "voluntary": 10, "disability": 0, "early_retirement": 0,
             "pension": 3, "involuntary": 1, "death": 0, "other": 0, "outflow": 14, "influenceable_rate": 20.0,
             "average_stock": 50.0, "population": 60}
    found = outflow_findings({"k": 5, "outflow": {"last_12_months": {"from": "2024-12-07", "to": "2026-12-06",
                                                                      "total": [total], "by_category": {}}}})
    head = found[0]
    assert head.kind == "influenceable_outflow" and head.numbers["influenceable_rate_per_year"] == 10.0
    assert head.text_nl.startswith("Van 7 december 2024 tot en met 6 december 2026 vertrokken 10 mensen")
    assert "10,0% per jaar van het gemiddelde personeelsbestand" in head.text_nl
    assert "10.0% a year of the average workforce" in head.text_en
