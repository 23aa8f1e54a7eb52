"""create_demo_consents: which demo people consent and ask for follow-up, by a rule stated in its docstring."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from levensfase.web.accounts.models import Profile
from levensfase.web.hr.models import SurveyResponse
from levensfase.web.surveys.models import Consent
from levensfase.web.surveys.services import create_demo_consents

from .conftest import wai_items


def test_two_of_three_consent_every_other_asks_follow_up_logins_left_out(org, users):
    day = org.today - timedelta(days=3)
    for person_id in ["P05", "P03", "P02", "P01", "P06", "P07"]:
        SurveyResponse.objects.create(person_id=person_id, date=day, instrument="wai", answers=wai_items(35))
    assert set(Profile.objects.exclude(person_id=None).values_list("person_id", flat=True)) == {"P01", "P07"}
    # Left: P02 P03 P05 P06 (positions 0 1 2 3). Consent at 0, 1, 3; follow-up at even positions 0 and 2.
    expected = {"P02": True, "P03": False, "P06": False}

    assert create_demo_consents(now=timezone.now()) == len(expected)
    assert dict(Consent.objects.values_list("person_id", "follow_up")) == expected
    assert create_demo_consents(now=timezone.now()) == 0  # a re-run keeps what is there
    assert Consent.objects.count() == len(expected)
