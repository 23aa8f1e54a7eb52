"""The bedrijfsarts' follow-up list: consented, asked for follow-up, latest WAI below 37; audited."""

from __future__ import annotations

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry


def test_lists_only_who_asked_and_is_low(client_as, answered):
    html = client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/follow-up/").content.decode()
    assert "/surveys/follow-up/P05/" in html  # 34, asked for follow-up
    assert "/surveys/follow-up/P01/" not in html  # 33, but did not ask
    assert "/surveys/follow-up/P02/" not in html  # 46, not low
    assert list(Entry.objects.values_list("person_id", flat=True)) == ["P05"]


def test_only_the_bedrijfsarts(client_as, answered):
    for role in (Role.HR_ADMIN, Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.WORKS_COUNCIL):
        assert client_as(role).get("/surveys/follow-up/").status_code == 403


def test_withdrawn_consent_leaves_the_list(client_as, answered):
    from django.utils import timezone

    from levensfase.web.surveys.services import withdraw_consent

    withdraw_consent(person_id="P05", now=timezone.now())
    html = client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/follow-up/").content.decode()
    assert "/surveys/follow-up/P05/" not in html
    assert "Niemand wacht op opvolging." in html


def test_only_the_latest_wai_counts(client_as, answered):
    # P05 scored 34 ten days ago: a later 46 takes P05 off the list. P03 scored 47 then: a later 33,
    # with consent and a follow-up request, puts P03 on it.
    from datetime import timedelta

    from django.utils import timezone

    from levensfase.web.hr.models import SurveyResponse
    from levensfase.web.surveys.models import Consent

    from .conftest import wai_items

    later = answered + timedelta(days=5)
    SurveyResponse.objects.create(person_id="P05", date=later, instrument="wai", answers=wai_items(46))
    SurveyResponse.objects.create(person_id="P03", date=later, instrument="wai", answers=wai_items(33))
    Consent.objects.create(person_id="P03", given_at=timezone.now(), follow_up=True)
    html = client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/follow-up/").content.decode()
    assert "/surveys/follow-up/P05/" not in html
    assert "/surveys/follow-up/P03/" in html


def test_a_half_point_total_is_shown_with_its_half_and_banded_moderate(client_as, answered):
    # P03 holds a mental job: item 2 = 4×0.5 + 3×1.5 = 6.5; 8 + 6.5 + 7 (no disease) + 6 + 5 (no sick days)
    # + 1 + 3 (resources 3+3+3 = 9) = 36.5 — below 37, so on the list, and moderate (matig), not good.
    from datetime import timedelta

    from django.utils import timezone

    from levensfase.web.hr.models import SurveyResponse
    from levensfase.web.surveys.models import Consent

    answers = {"q1": 8.0, "q2_physical": 4.0, "q2_mental": 3.0, "q3_diseases": 0.0, "q4": 6.0, "q5_sick_days": 0.0,
               "q6": 1.0, "q7_1": 3.0, "q7_2": 3.0, "q7_3": 3.0}
    SurveyResponse.objects.create(person_id="P03", date=answered + timedelta(days=5), instrument="wai", answers=answers)
    Consent.objects.create(person_id="P03", given_at=timezone.now(), follow_up=True)
    html = client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/follow-up/").content.decode()
    row = html[html.index("/surveys/follow-up/P03/"):]
    row = row[:row.index("</tr>")]
    assert '<td class="num">36,5</td>' in row
    assert "matig" in row.lower()
