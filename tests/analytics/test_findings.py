"""DESIGN §6a, one rule per test, on small hand-built inputs with hand-counted answers."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.analytics.findings import Group, ScenarioBand, highest_group_finding, lowest_group_finding, scenario_finding
from levensfase.analytics.findings.numbers import day, euro, number, percent
from levensfase.analytics.findings.report import report_findings
from levensfase.analytics.findings.stats import separated, wilson
from levensfase.analytics.report import build_report
from support.handbuilt_findings import AS_OF, findings_workforce

MEASURE = ("Verloop", "Turnover")


def g(key: str, count: int, n: int) -> Group:
    return Group(key=key, label_nl=key, label_en=key, count=count, n=n)


def test_dutch_and_english_number_and_date_formats():
    assert number(1234.5, "nl", 1) == "1.234,5" and number(1234.5, "en", 1) == "1,234.5"
    assert percent(0.554, "nl") == "55,4%" and percent(0.554, "en") == "55.4%"
    assert euro(212577, "nl") == "€ 212.577" and euro(212577.4, "en") == "€212,577"
    assert day(date(2026, 12, 6), "nl") == "6 december 2026" and day("2026-12-06", "en") == "6 December 2026"
    assert number(0.05, "nl", 1) == "0,1" and number(None, "nl") == "–"  # half away from zero; missing as a dash


def test_wilson_interval_by_hand():
    low, high = wilson(5, 10)  # centre 0.5, half-width 1.96·√(0.025 + 0.0096)/1.384 = 0.2634
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    assert wilson(0, 10) == (0.0, pytest.approx(3.8415 / 13.8415, abs=1e-4))  # upper z²/(n + z²)
    assert wilson(0, 0) is None and separated((0.1, 0.2), (0.3, 0.4)) and not separated((0.1, 0.3), (0.2, 0.4))


def test_a_group_is_named_when_it_has_20_people_and_its_interval_separates():
    # A 15/20 = 75% (Wilson 53.1–88.8%) against the rest 5/100 = 5% (2.2–11.2%)
    f = highest_group_finding([g("A", 15, 20), g("B", 5, 100)], section="flows", measure=MEASURE)
    assert f.kind == "highest" and f.numbers["group"] == "A" and f.n == 20
    assert f.text_nl == ("Verloop is het hoogst bij A: 75,0% (95%-interval 53,1%–88,8%; 20 personen), tegen 5,0% "
                         "bij de rest.")
    assert f.interval == pytest.approx((0.5313, 0.8881), abs=1e-4)


def test_fewer_than_20_people_are_never_named():
    f = highest_group_finding([g("A", 15, 19), g("B", 4, 19)], section="flows", measure=MEASURE)
    assert f.kind == "no_clear_difference" and "geen groep heeft minstens 20 personen" in f.text_nl
    assert "A" not in f.text_nl.split(":")[1]


def test_overlapping_intervals_say_the_groups_do_not_differ_clearly():
    # A 6/20 = 30% (14.5–51.9%) against the rest 20/100 = 20% (13.3–28.9%): overlap
    f = highest_group_finding([g("A", 6, 20), g("B", 20, 100)], section="flows", measure=MEASURE)
    assert f.kind == "no_clear_difference"
    assert f.text_nl.startswith("Verloop: de groepen verschillen niet duidelijk")
    low = lowest_group_finding([g("A", 1, 40), g("B", 30, 60)], section="flows", measure=MEASURE)
    assert low.kind == "lowest" and low.numbers["group"] == "A"


def test_scenario_bands_that_overlap_name_no_winner():
    # the case: the median order flips with the number of runs while the bands overlap
    basis = ScenarioBand("basis", "basis", "baseline", p10=9.8e6, p50=10.1e6, p90=10.4e6)
    pact = ScenarioBand("generatiepact", "generatiepact", "generation pact", p10=9.7e6, p50=10.0e6, p90=10.3e6)
    f = scenario_finding([basis, pact], year=2030)
    assert f.kind == "scenario_no_clear_difference" and "goedkoopst" not in f.text_nl
    assert f.text_nl == ("In 2030 is er geen duidelijk verschil in loonkosten tussen de scenario's: hun "
                         "P10–P90-banden overlappen (samen € 9.700.000–€ 10.400.000).")
    cheap = ScenarioBand("krimp", "krimp", "shrink", p10=8.0e6, p50=8.5e6, p90=9.0e6)
    f = scenario_finding([basis, pact, cheap], year=2030)
    assert f.kind == "scenario_better" and f.numbers["scenario"] == "krimp"
    assert f.text_nl.startswith("In 2030 is “krimp” het goedkoopst: loonkosten € 8.500.000")


@pytest.fixture(scope="module")
def report():
    return build_report(findings_workforce(), as_of=AS_OF, k=1)


def test_missing_inputs_are_reported_as_missing_not_as_zero(report):
    texts = [f.text_nl for f in report_findings(report)]
    assert "Gegevensdekking: geen verzuimgegevens; hierover trekken we geen conclusie." in texts
    assert "Gegevensdekking: geen regelingen geregistreerd; hierover trekken we geen conclusie." in texts
    assert not any("verzuimpercentage" in t.lower() for t in texts)
    assert report["executive"]["all_categories"]["answer_nl"] == ("Niet te beoordelen: er zijn geen regelingen "
                                                                  "geregistreerd.")


def test_outflow_headline_is_influenceable_outflow_and_the_pension_wave_is_apart(report):
    flows = {f["kind"]: f for f in report["findings"] if f["section"] == "flows"}
    headline = flows["influenceable_outflow"]
    assert headline["numbers"]["influenceable"] == 4 and headline["numbers"]["pension"] == 2
    assert headline["text_nl"].startswith(
        "In de 12 maanden tot en met 31 december 2025 vertrokken 4 mensen die het beleid had kunnen houden "
        "(beïnvloedbare uitstroom: 1 vrijwillig, 1 arbeidsongeschikt, 2 vervroegd met pensioen vóór de AOW-datum): "
        "50,0% van het gemiddelde personeelsbestand. Daarnaast gingen 2 mensen op of na hun AOW-datum met pensioen "
        "(de pensioengolf, geen verlies)")
    wave = next(f for f in report["findings"] if f["kind"] == "pension_wave")
    assert wave["numbers"]["next_5_years"] == 1 and wave["numbers"]["per_year"] == [0, 1, 0, 0, 0]
    assert "geen verlies maar de pensioengolf" in wave["text_nl"]


def test_a_partial_first_year_is_named():
    from levensfase.analytics.findings.sections import outflow_findings

    found = outflow_findings({"k": 5, "outflow": {"years": [2021, 2022], "partial_first_year": True}})
    assert found[0].kind == "partial_year"
    assert found[0].text_nl == "2021 is een onvolledig jaar: de gegevens beginnen in de loop van dat jaar."


def test_overlapping_phases_and_suppressed_shares_say_what_they_are(report):
    from levensfase.analytics.findings.policy import policy_scan_findings

    overlap = [f for f in report["findings"] if f["kind"] == "overlap"]
    assert overlap and "de aandelen tellen niet op tot 100%" in overlap[0]["text_nl"]
    scan = {"k": 5, "coverage": {"arrangements": 3}, "policy_scan": {"rows": [
        {"by": "unit", "value": "U1", "suppressed": False, "population": 30, "uptake_development": 2,
         "uptake_accommodative": 1, "uptake_total": 3},
        {"by": "unit", "value": "U2", "suppressed": True, "population": None, "uptake_development": None,
         "uptake_accommodative": None, "uptake_total": None}]}}
    share = [f for f in policy_scan_findings(scan) if f.kind == "share_of"]
    assert share[0].text_nl == ("1 groep(en) zijn te klein om te tonen of verborgen om herleiding te voorkomen; de "
                                "aandelen zijn aandelen van de medewerkers binnen elke getoonde groep.")


def test_projection_document_findings_name_no_winner_when_bands_overlap():
    from levensfase.planning.report import projection_findings

    def scenario(name, cost, fte):
        return {"name": name, "label": {"nl": name, "en": name}, "cost": {"p10": [cost - 3e5], "p50": [cost],
                "p90": [cost + 3e5]}, "fte": {"p10": [fte - 5], "p50": [fte], "p90": [fte + 5]}}

    # 200 runs: "generatiepact" a little cheaper on the median, bands overlapping → no winner
    doc = {"years": [2031], "scenarios": [scenario("basis", 10.1e6, 500.0), scenario("generatiepact", 10.0e6, 498.0)]}
    cost, fte = projection_findings(doc)
    assert cost["kind"] == fte["kind"] == "scenario_no_clear_difference"
    assert cost["text_nl"].startswith("In 2031 is er geen duidelijk verschil in loonkosten tussen de scenario's")
    doc["scenarios"].append(scenario("krimp", 8.0e6, 420.0))
    cost, _fte = projection_findings(doc)
    assert cost["kind"] == "scenario_better" and cost["numbers"]["scenario"] == "krimp"


def test_work_ability_names_a_phase_only_with_20_respondents_and_a_separate_interval():
    from levensfase.analytics.findings.policy import work_ability_findings

    def row(group, respondents, share_low, year=2026):
        return {"year": year, "group": group, "respondents": respondents, "share_low": share_low, "mean": 35.0,
                "suppressed": False}

    # pre_retirement 30 of 40 = 75% (Wilson 59.8–85.8%) against the rest 20 of 100 = 20% (13.3–28.9%)
    report = {"coverage": {"surveys": 5}, "phases": {"labels": {"pre_retirement": {"nl": "Aanloop naar pensioen",
                                                                                    "en": "Pre-retirement"}}},
              "employability": {"work_ability": {"life_phase": [row("pre_retirement", 40, 75.0),
                                                                 row("starter", 100, 20.0), row("starter", 9, 90.0, 2025)]}}}
    (f,) = work_ability_findings(report)
    assert f.kind == "highest" and f.numbers["group"] == "pre_retirement" and f.n == 40
    assert f.text_nl.startswith("Het aandeel met matig of slecht werkvermogen (WAI < 37) in 2026 is het hoogst bij "
                                "levensfase Aanloop naar pensioen: 75,0%")
    report["employability"]["work_ability"]["life_phase"][0] = row("pre_retirement", 19, 75.0)
    assert work_ability_findings(report)[0].kind == "no_clear_difference"
    assert work_ability_findings({"coverage": {"surveys": 0}}) == []


def test_the_verdict_is_remembered_per_policy_scan_given(monkeypatch):
    """The policy-scan page passes its own scan (the pages' decision, the plans); the home page none.
    Remembered without it, one page showed the other's answers."""
    from levensfase.analytics.findings import verdict
    from support.handbuilt_maatwerk import AS_OF, maatwerk_workforce

    monkeypatch.setattr(verdict, "verdict_inputs", lambda workforce, **kw: {"scan": kw["policy_scan"]})
    monkeypatch.setattr(verdict, "executive_verdict", lambda inputs: {"scan": inputs["scan"]})
    workforce = maatwerk_workforce()
    first = verdict.verdict_for(workforce, as_of=AS_OF, k=5, policy_scan={"rows": [1]})
    second = verdict.verdict_for(workforce, as_of=AS_OF, k=5, policy_scan={"rows": [2]})
    assert (first, second) == ({"scan": {"rows": [1]}}, {"scan": {"rows": [2]}})
    assert verdict.verdict_for(workforce, as_of=AS_OF, k=5) == {"scan": None}
