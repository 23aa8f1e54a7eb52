"""Data-coverage lines per section (DESIGN §6a), on a hand-made organisation and the IBM sample.

Hand-made organisation (records begin 1 March 2020; period 1 January 2020 – 30 June 2021):
  H1        born 1990-05-05, 2020-03-01..open — starts on the first day of the records with under
            10 years' service, so the career phase comes from age (31 → growing → stable mid-career)
  H2..H8    2020-06-01..open; H2 has a child born 2019-05-01 (the only life event)
  L1        2020-06-01..2021-02-28, no end reason recorded
  anon-a/b  2020-06-01..2020-09-30 voluntary, pseudonymised after the retention period
Employed in the period: 11 people with 11 spells; on 30 June 2021: H1..H8 = 8, of whom 1 (12,5%)
has a career phase from age. Leavers in the period: 3, of whom 1 without a reason.
No absences, surveys, arrangements, conversations or skills at all.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.findings.coverage import (
    age_derived_finding, partial_year_findings, section_coverage,
)
from levensfase.ingest.mapping import PROFILES_DIR
from levensfase.ingest.reader import read_exchange
from levensfase.model.workforce import Workforce

START, END = date(2020, 1, 1), date(2021, 6, 30)


def _org() -> Workforce:
    rows = [("H1", date(1990, 5, 5), date(2020, 3, 1), None, None)]
    rows += [(f"H{i}", date(1980 + i, 1, 1), date(2020, 6, 1), None, None) for i in range(2, 9)]
    rows += [("L1", date(1985, 2, 2), date(2020, 6, 1), date(2021, 2, 28), None),
             ("anon-a", date(1975, 1, 1), date(2020, 6, 1), date(2020, 9, 30), "voluntary"),
             ("anon-b", date(1975, 1, 1), date(2020, 6, 1), date(2020, 9, 30), "voluntary")]
    assignments = pl.DataFrame(
        [{"person_id": p, "start_date": s, "end_date": e, "unit_id": "U1", "job_id": "J1", "fte": 1.0,
          "contract": "permanent", "end_reason": r} for p, _b, s, e, r in rows],
        schema_overrides={"end_date": pl.Date, "end_reason": pl.String})
    people = pl.DataFrame({"person_id": [r[0] for r in rows], "birth_date": [r[1] for r in rows],
                           "sex": ["f"] * len(rows)})
    units = pl.DataFrame({"unit_id": ["U1"], "name": ["Zorg"], "parent_id": [None]},
                         schema_overrides={"parent_id": pl.String})
    jobs = pl.DataFrame({"job_id": ["J1"], "title": ["Verzorgende"], "job_family": ["zorg"],
                         "work_demand": ["physical"], "grade": [5]})
    events = pl.DataFrame({"person_id": ["H2"], "event": ["child"], "start_date": [date(2019, 5, 1)]})
    return Workforce.from_tables({"units": units, "jobs": jobs, "people": people, "assignments": assignments,
                                  "life_events": events})


def _texts(section: str, *, k: int = 1, start: date = START) -> list[str]:
    return [f.text_nl for f in section_coverage(_org(), section=section, start=start, end=END, k=k)]


def test_flows_say_what_they_rest_on_the_partial_years_the_unknown_reasons_and_the_anonymised_leavers():
    assert _texts("flows") == [
        "Gegevensbasis: 11 medewerkers in dienst van 1 januari 2020 tot en met 30 juni 2021; 11 dienstverbanden.",
        "2020 is een onvolledig jaar: de gegevens beginnen op 1 maart 2020.",
        "2021 is een onvolledig jaar: de cijfers lopen tot en met 30 juni 2021.",
        "Gegevensdekking: van 1 van de 3 vertrekkers is de vertrekreden onbekend.",
        "Gegevensdekking: van 2 vertrokken medewerkers zijn de gegevens na de bewaartermijn geanonimiseerd; "
        "bezetting en stromen blijven volledig, maar hun levensgebeurtenissen (hun levensfase volgt uit de "
        "leeftijd) ontbreken.",
    ]


def test_composition_names_the_career_phase_derived_from_age_and_the_phase_resting_on_it():
    found = section_coverage(_org(), section="composition", start=END, end=END, k=1)
    assert [f.text_nl for f in found[:2]] == [
        "Gegevensbasis: 8 medewerkers in dienst op 30 juni 2021.",
        "Gegevensdekking: de loopbaanfase is bij 12,5% van de medewerkers (1) afgeleid uit de leeftijd. Daardoor "
        "valt 12,5% op leeftijd alleen in stabiele middenloopbaan.",
    ]
    assert found[1].numbers == {"axis": "career", "share": 0.125, "people": 1, "phases": {"Stabiele middenloopbaan": 1}}
    # life events exist (H2), so the private-life axis comes from data: no line about it
    assert not any("privésituatie" in f.text_nl for f in found)


@pytest.mark.parametrize(("section", "missing"), [
    ("employability", ["geen vragenlijsten (werkvermogen, bevlogenheid)", "geen verzuimgegevens"]),
    ("policy_scan", ["geen regelingen geregistreerd", "geen loopbaangesprekken geregistreerd"]),
    ("competencies", ["geen competentiebeoordelingen"]),
])
def test_a_section_without_its_input_says_so_instead_of_zero(section, missing):
    texts = _texts(section)
    for words in missing:
        assert f"Gegevensdekking: {words}; hierover trekken we geen conclusie." in texts
    lost = {"employability": "hun vragenlijsten en verzuim", "policy_scan": "hun regelingen en gesprekken",
            "competencies": "hun vaardigheden"}[section]
    assert texts[-1].endswith(f"maar {lost} ontbreken.")


def test_small_counts_are_written_as_fewer_than_k():
    texts = _texts("flows", k=5)
    assert "Gegevensdekking: van minder dan 5 van de minder dan 5 vertrekkers is de vertrekreden onbekend." in texts
    assert texts[0].startswith("Gegevensbasis: 11 medewerkers")
    assert texts[-1].startswith("Gegevensdekking: van minder dan 5 vertrokken medewerkers")


def test_a_full_period_has_no_partial_year_line():
    assert partial_year_findings(section="flows", first_data=date(2019, 1, 1), start=date(2020, 1, 1),
                                 end=date(2020, 12, 31)) == []
    # records beginning on 1 January are a whole year; records beginning before the period say nothing
    assert partial_year_findings(section="flows", first_data=date(2020, 1, 1), start=date(2019, 1, 1),
                                 end=date(2020, 12, 31)) == []


def test_english_lines():
    found = section_coverage(_org(), section="flows", start=START, end=END, k=1)
    assert found[0].text_en == "Data basis: 11 employees from 1 January 2020 to 30 June 2021; 11 employment spells."
    assert found[1].text_en == "2020 is a partial year: the records begin on 1 March 2020."


def test_age_derived_finding_without_life_events_names_their_absence():
    f = age_derived_finding(section="phases", axis="private_life", people=323, total=1470, no_records=True, k=5,
                            phases=[("Spitsuur", "Rush hour", 323)])
    assert f.text_nl == ("Gegevensdekking: geen levensgebeurtenissen; de privésituatie is bij 22,0% van de "
                         "medewerkers (323) afgeleid uit de leeftijd. Daardoor valt 22,0% op leeftijd alleen in spitsuur.")
    assert f.text_en.startswith("Data coverage: no life events; the private-life situation was derived from age for "
                                "22.0% of employees (323).")


@pytest.fixture(scope="module")
def ibm(ibm_sample):
    result = read_exchange(ibm_sample, mapping=PROFILES_DIR / "ibm_hr_attrition.toml")
    return Workforce.from_tables(result.tables)


def test_ibm_sample_coverage_says_what_is_missing(ibm):
    day = date(2017, 3, 31)
    survey = [f.text_nl for f in section_coverage(ibm, section="employability", start=date(2016, 1, 1), end=day, k=5)]
    assert "Gegevensdekking: geen verzuimgegevens; hierover trekken we geen conclusie." in survey
    assert not any("0,0%" in t for t in survey)
    composition = section_coverage(ibm, section="composition", start=day, end=day, k=5)
    private = next(f for f in composition if f.numbers.get("axis") == "private_life")
    # no life events at all: everyone's private life comes from age; spitsuur (25–49 by the fallback
    # bands) rests on it for as many people as profiles() puts in that phase
    assert private.numbers["share"] == 1.0 and private.numbers["people"] == composition[0].numbers["people"]
    assert private.text_nl.startswith("Gegevensdekking: geen levensgebeurtenissen; de privésituatie is bij 100,0% van "
                                      "de medewerkers (1.470) afgeleid uit de leeftijd.")
    # independently: the fallback bands put ages 30–49 in young or school-age children, so in spitsuur
    employed = ibm.assignments.filter((pl.col("start_date") <= day) & (pl.col("end_date").is_null()
                                                                        | (pl.col("end_date") >= day)))
    born = ibm.people.filter(pl.col("person_id").is_in(employed["person_id"].to_list()))["birth_date"].to_list()
    ages = [day.year - b.year - ((day.month, day.day) < (b.month, b.day)) for b in born]
    assert private.numbers["phases"] == {"Spitsuur": sum(1 for a in ages if 30 <= a < 50)}
    flows = [f.text_nl for f in section_coverage(ibm, section="flows", start=date(2016, 1, 1), end=day, k=5)]
    assert "2017 is een onvolledig jaar: de cijfers lopen tot en met 31 maart 2017." in flows
    assert "Gegevensdekking: van 237 van de 237 vertrekkers is de vertrekreden onbekend." in flows


def test_html_report_puts_the_coverage_lines_under_each_section():
    from levensfase.analytics.report import build_report
    from levensfase.analytics.report_html import render_html

    report = build_report(_org(), as_of=END, k=1)
    page = render_html(report, lang="nl")
    policy = page[page.index("<a id='policy-scan'></a>"):page.index("<a id='competencies'></a>")]
    assert "Gegevensdekking: geen loopbaangesprekken geregistreerd; hierover trekken we geen conclusie." in policy
    assert "maar hun regelingen en gesprekken ontbreken." in policy  # anon-a and anon-b
    competencies = page[page.index("<a id='competencies'></a>"):]
    assert "Gegevensdekking: van 2 vertrokken medewerkers" in competencies and "maar hun vaardigheden ontbreken" in competencies
    survey = page[page.index("Duurzame inzetbaarheid"):page.index("<a id='policy-scan'></a>")]
    assert "maar hun vragenlijsten en verzuim ontbreken." in survey
    assert [f["kind"] for f in report["findings"] if f["section"] == "competencies"][:2] == ["missing_data", "coverage"]


def test_every_absent_input_of_the_report_is_said_missing_in_its_own_section():
    """tests/support/handbuilt_findings.py holds people and assignments only."""
    from levensfase.analytics.report import build_report
    from support.handbuilt_findings import AS_OF, findings_workforce

    report = build_report(findings_workforce(), as_of=AS_OF, k=1)
    missing = {(f["section"], f["numbers"]["input"]) for f in report["findings"] if f["kind"] == "missing_data"
               and "input" in f["numbers"]}
    assert missing == {("employability", "absences"), ("employability", "surveys"), ("policy_scan", "arrangements"),
                       ("policy_scan", "conversations"), ("phases", "life_events"), ("competencies", "person_skills")}
    # no sentence about work ability or its fall is drawn from the absent surveys
    assert not any(f["kind"] in ("falling", "not_falling") for f in report["findings"])


def test_an_age_derived_share_of_fewer_than_k_is_not_given():
    f = age_derived_finding(section="composition", axis="career", people=2, total=40, no_records=False, k=5,
                            phases=[("Starter", "Starter", 2)])
    assert f.text_nl == "Gegevensdekking: de loopbaanfase is bij minder dan 5 medewerkers afgeleid uit de leeftijd."
    assert f.numbers["share"] is None and f.numbers["people"] is None and f.numbers["phases"] == {}
    big = age_derived_finding(section="composition", axis="private_life", people=40, total=40, no_records=True, k=5,
                              phases=[("Spitsuur", "Rush hour", 22), ("Starter", "Starter", 3)])
    assert big.text_nl.endswith("Daardoor valt 55,0% op leeftijd alleen in spitsuur.")  # 3 starters: not named


def test_an_empty_installation_gets_lines_not_an_error():
    empty = Workforce.from_tables({})
    lines = [f.text_nl for f in section_coverage(empty, section="categories", start=START, end=END, k=5)]
    assert lines == ["Gegevensbasis: 0 medewerkers in dienst van 1 januari 2020 tot en met 30 juni 2021; "
                     "0 dienstverbanden.", "2021 is een onvolledig jaar: de cijfers lopen tot en met 30 juni 2021."]
    with pytest.raises(ValueError, match="unknown section 'nope'"):
        section_coverage(empty, section="nope", start=START, end=END, k=5)


def test_anonymised_leavers_count_only_when_they_worked_in_the_period():
    # anon-a and anon-b left on 30 September 2020: a composition on 30 June 2021 does not rest on them
    texts = [f.text_nl for f in section_coverage(_org(), section="composition", start=END, end=END, k=1)]
    assert not any("geanonimiseerd" in t for t in texts)
    texts = [f.text_nl for f in section_coverage(_org(), section="composition", start=date(2020, 7, 1),
                                                 end=date(2020, 7, 1), k=1)]
    assert any(t.startswith("Gegevensdekking: van 2 vertrokken medewerkers") for t in texts)
