"""Survey fixtures: the hand-made organisation of tests/support/org_fixture.py plus WAI answers whose totals are
set by construction (see `wai_items`), and consent for some of the respondents."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from levensfase.web.hr.models import SurveyResponse
from levensfase.web.surveys.models import Consent

# Individual WAI totals. All above 31 so that no day of the month can look like one, and all
# different from each other; 33 and 34 are "moderate" (below 37), 46 and 47 "excellent".
SCORES = {"P01": 33, "P02": 46, "P05": 34, "P03": 47}


def wai_items(total: int) -> dict[str, float]:
    """Answers whose WAI total is `total` (33–49) for any job: q2 5 and 5 weigh 10 for every work
    demand; q3 none 7, q4 6, q5 none 5, q7 4+4+4 → 4; q6 7 (or 1, six less); q1 makes up the rest."""
    base = {"q2_physical": 5.0, "q2_mental": 5.0, "q3_diseases": 0.0, "q4": 6.0, "q5_sick_days": 0.0,
            "q7_1": 4.0, "q7_2": 4.0, "q7_3": 4.0}
    if total >= 39:
        return {**base, "q1": float(total - 39), "q6": 7.0}
    return {**base, "q1": float(total - 33), "q6": 1.0}


@pytest.fixture
def answered(org):
    """Four WAI responses on 15 June last year (a closed round: the calendar year's, outside any
    campaign); P01 (the employee login) and P05 consented, P05 asked for follow-up."""
    day = date(org.today.year - 1, 6, 15)
    for person_id, total in SCORES.items():
        SurveyResponse.objects.create(person_id=person_id, date=day, instrument="wai", answers=wai_items(total))
    now = timezone.now()
    Consent.objects.create(person_id="P01", given_at=now, follow_up=False)
    Consent.objects.create(person_id="P05", given_at=now, follow_up=True)
    return day
