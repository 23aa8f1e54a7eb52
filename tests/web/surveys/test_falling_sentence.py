"""The survey dashboard says which group's work ability is falling in the words of analytics.findings:
20 women (Q00–Q19, mixed job) answered the WAI in 2024 with total 44 and in 2025 with 40 — each 4
points lower, so the paired mean is −4,0 with a zero-width interval — beside the hand-made org."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Assignment, Job, Person, SurveyResponse, Unit


def wai(total: int) -> dict[str, float]:
    """Mixed job, summed by hand: q2 5+5=10, q3 none=7, q4 6, q5 none=5, q6 7, q7 4 → 39 + q1."""
    return {"q1": total - 39, "q2_physical": 5, "q2_mental": 5, "q3_diseases": 0, "q4": 6, "q5_sick_days": 0,
            "q6": 7, "q7_1": 4, "q7_2": 4, "q7_3": 4}


@pytest.fixture
def falling_women(org):
    unit, job = Unit.objects.get(unit_id="TA1"), Job.objects.get(job_id="VPL")
    for i in range(20):
        person = Person.objects.create(person_id=f"Q{i:02d}", birth_date=date(1985, 1, 1), sex="f")
        Assignment.objects.create(person=person, start_date=date(2015, 1, 1), end_date=None, unit=unit, job=job,
                                  fte=1.0, contract="permanent", end_reason="")
        SurveyResponse.objects.create(person=person, date=date(2024, 10, 1), instrument="wai", answers=wai(44))
        SurveyResponse.objects.create(person=person, date=date(2025, 10, 1), instrument="wai", answers=wai(40))


def test_the_falling_group_is_named_in_the_findings_words(client_as, falling_women):
    html = client_as(Role.HR_ANALYST).get("/surveys/dashboard/", {"by": "sex"}).content.decode()
    block = html.split("data-falling>", 1)[1].split("</ul>", 1)[0]
    assert ("Het werkvermogen daalt bij vrouwen: bij dezelfde 20 respondenten gemiddeld 4,0 punten lager in 2025 "
            "dan in 2024 (95%-interval 4,0 tot 4,0 punten).") in block
