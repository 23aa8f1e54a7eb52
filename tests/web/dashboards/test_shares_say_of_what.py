"""§6a on the composition page, counted by hand on tests/support/handbuilt_findings.py (no life
events; everyone started on 1 January 2015, the first day of the records, 11 years before, so no
career phase comes from age). At work on 31 December 2025: P09 (35), P10 (50), P11 (65, AOW
20 February 2027) and P12 (30). The private-life fallback bands put 30–34 in young and 35–49 in
school-age children, so:
  P09 spitsuur + stable mid-career; P10 stable mid-career; P11 late career + pre-retirement;
  P12 spitsuur + stable mid-career — 7 phase memberships for 4 people (phases overlap).
"""

from __future__ import annotations

import pytest
from django.utils import translation

from levensfase.analytics.findings.coverage import section_coverage
from levensfase.web.dashboards.selectors.composition import composition
from support.handbuilt_findings import AS_OF, findings_workforce


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_the_life_phase_mix_says_its_shares_are_of_everyone_and_that_phases_overlap():
    page = composition(findings_workforce(), day=AS_OF, unit=None, k=1)
    mix = next(p for p in page.panels if p.key == "life_phase")
    assert mix.takeaway == ("De meeste mensen zitten in de levensfase “Stabiele middenloopbaan”: 75,0%. Levensfasen "
                            "overlappen: iemand kan tegelijk in meer fasen zitten (bijvoorbeeld spitsuur en late "
                            "loopbaan), dus de aandelen tellen niet op tot 100%.")
    counts = {row.cells[0].text: row.cells[1].text for row in mix.table.rows}
    assert counts == {"Spitsuur": "2", "Stabiele middenloopbaan": "3", "Late loopbaan": "1",
                      "Aanloop naar pensioen": "1"}
    generations = next(p for p in page.panels if p.key == "generation")
    assert generations.takeaway.endswith("van alle 4.")  # generations partition: shares of all 4


def test_the_coverage_line_names_the_private_life_from_age_and_the_spitsuur_resting_on_it():
    lines = [f.text_nl for f in section_coverage(findings_workforce(), section="composition", start=AS_OF, end=AS_OF,
                                                  k=1)]
    assert lines == [
        "Gegevensbasis: 4 medewerkers in dienst op 31 december 2025.",
        "Gegevensdekking: geen levensgebeurtenissen; de privésituatie is bij 100,0% van de medewerkers (4) afgeleid "
        "uit de leeftijd. Daardoor valt 50,0% op leeftijd alleen in spitsuur.",
    ]
