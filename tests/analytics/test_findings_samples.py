"""Findings on real-shaped data: the public IBM sample and the demo organisation's executive verdict."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.report import build_report
from levensfase.ingest.generator import generate
from levensfase.ingest.mapping import PROFILES_DIR
from levensfase.ingest.reader import read_exchange
from levensfase.model.workforce import Workforce


@pytest.fixture(scope="module")
def ibm(ibm_sample):
    result = read_exchange(ibm_sample, mapping=PROFILES_DIR / "ibm_hr_attrition.toml")
    return build_report(Workforce.from_tables(result.tables), as_of=date(2017, 3, 31), k=5)


def test_ibm_sample_says_missing_absence_data_and_names_the_age_derived_private_life(ibm):
    texts = [f["text_nl"] for f in ibm["findings"]]
    assert "Gegevensdekking: geen verzuimgegevens; hierover trekken we geen conclusie." in texts
    assert not any("0,0%" in t and "verzuim" in t.lower() for t in texts)
    # no life events at all: the private-life axis of all 1,470 comes from age, and so does their spitsuur
    assert ("Bij 100,0% van de medewerkers (1470) is de privésituatie afgeleid uit de leeftijd, omdat gegevens "
            "ontbraken; fasen die daarop rusten zijn een schatting.") in texts
    spitsuur = next(f for f in ibm["findings"] if f["numbers"].get("phase") == "spitsuur")
    assert spitsuur["numbers"]["from_age"] == spitsuur["numbers"]["headcount"] > 0
    # 237 of 1,470 left on 31 March 2017 with no reason recorded: never "verloop 0,0%"
    outflow = next(f for f in ibm["findings"] if f["section"] == "flows")
    assert outflow["kind"] == "missing_data" and outflow["numbers"] == {"outflow": 237, "unknown": 237}
    assert outflow["text_nl"].startswith("237 mensen vertrokken")
    assert not any("geen ontwikkelregeling bij" in t.lower() for t in texts)


@pytest.fixture(scope="module")
def demo():
    tables = generate(employees=2500, years=10, seed=1, as_of=date(2026, 12, 6))  # `levensfase generate` defaults
    return build_report(Workforce.from_tables(tables), as_of=date(2026, 12, 6), k=5)


def test_demo_verdict_states_the_55_69_development_and_sparing_finding(demo):
    answer = demo["executive"]["life_phase_aware"]
    n = answer["numbers"]
    # Shares of PEOPLE (distinct persons ÷ population), recomputed from the published policy-scan
    # rows: 55-59 52/270 and 133/270, 60-64 25/256 and 189/256, 65-69 10/84 and 71/84, so
    # development 87/610 = 14,3% against sparing 393/610 = 64,4%.
    rows = {r["value"]: r for r in demo["policy_scan"]["rows"] if r["by"] == "age_band"}
    older = [rows[b] for b in ("55-59", "60-64", "65-69")]
    people = sum(r["population"] for r in older)
    development = sum(r["persons_development"] for r in older)
    sparing = sum(r["persons_accommodative"] for r in older)
    assert (people, development, sparing) == (610, 87, 393)
    assert n["older_span"] == "55-69" and n["older_people"] == 610
    assert n["older_development_share"] == round(87 / 610, 4) and n["older_sparing_share"] == round(393 / 610, 4)
    assert answer["answer_nl"].startswith(
        "Eerder leeftijdsgebonden dan levensfasebewust. Bij 55-69 jaar heeft 10%–19% van de medewerkers een "
        "ontwikkelregeling tegen 49%–85% een ontzieregeling (samen 14,3% en 64,4% van 610 medewerkers; iemand kan "
        "beide hebben)")
    assert answer["answer_en"].startswith(
        "Age-based rather than life-phase-aware. At 55-69, 10%–19% of employees have a development arrangement "
        "against 49%–85% a sparing one (together 14.3% and 64.4% of 610 employees")
    assert "van de gebruikte regelingen ontwikkeling" not in answer["answer_nl"]  # no longer a share of records
    # the range ends are the bands' own shares: 60-64 25/256 = 10%, 55-59 52/270 = 19%
    assert round(100 * 25 / 256) == 10 and round(100 * 52 / 270) == 19


def test_demo_verdict_connects_untapped_potential_with_development_money(demo):
    answer = demo["executive"]["untapped_potential"]
    n = answer["numbers"]
    assert n["older_untapped_share"] > n["younger_untapped_share"]
    money = n["money_per_head"]
    assert money["65-69"] < money["20-24"] / 2.5  # € 134 against € 356
    assert answer["answer_nl"].startswith("Het onbenutte potentieel is het grootst bij 55-69 jaar: ")
    assert "terwijl het ontwikkelgeld per medewerker daalt van € " in answer["answer_nl"]
    assert f"naar € {round(money['65-69'])} (65-69)" in answer["answer_nl"]
    assert "while development money per employee falls from €" in answer["answer_en"]
    assert "So we develop least where most potential lies." in answer["answer_en"]


def test_demo_retirement_at_aow_is_never_loss(demo):
    outflow = demo["executive"]["influenceable_outflow"]
    assert "65-69" not in outflow["answer_nl"].split("is het hoogst bij")[1].split(":")[0]
    pension = demo["executive"]["pension_wave"]
    assert pension["numbers"]["next_5_years"] == sum(pension["numbers"]["per_year"]) > 0
