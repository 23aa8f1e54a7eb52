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


def _low(person_id, day, total):
    """A WAI response of `total` (33–36: moderate) on `day`, with consent and a follow-up request."""
    from django.utils import timezone

    from levensfase.web.hr.models import SurveyResponse
    from levensfase.web.surveys.models import Consent

    from .conftest import wai_items

    SurveyResponse.objects.create(person_id=person_id, date=day, instrument="wai", answers=wai_items(total))
    Consent.objects.update_or_create(person_id=person_id, defaults={"given_at": timezone.now(), "follow_up": True})


def _case_order(html):
    import re

    return re.findall(r'data-case="(P\d+)"', html)


def test_leavers_only_when_asked(client_as, answered):
    from datetime import date

    _low("P04", date(2023, 1, 10), 35)  # P04 left on 30 June 2023
    oh = client_as(Role.OCCUPATIONAL_HEALTH)
    assert _case_order(oh.get("/surveys/follow-up/").content.decode()) == ["P05"]
    html = oh.get("/surveys/follow-up/?leavers=1").content.decode()
    assert _case_order(html) == ["P05", "P04"]  # the newer score (last June) first
    assert "(uit dienst)" in html and "10 januari 2023" in html


def test_status_sorts_and_filters(client_as, answered):
    from datetime import timedelta

    from levensfase.web.surveys.models import FollowUpCase
    from django.utils import timezone

    _low("P02", answered + timedelta(days=3), 35)
    oh = client_as(Role.OCCUPATIONAL_HEALTH)
    assert _case_order(oh.get("/surveys/follow-up/").content.decode()) == ["P02", "P05"]  # newest first
    FollowUpCase.objects.create(person_id="P02", status="in_progress", updated_at=timezone.now())
    html = oh.get("/surveys/follow-up/").content.decode()
    assert _case_order(html) == ["P05", "P02"]  # an open case before one in hand
    assert 'data-status="in_progress">in behandeling<' in html
    assert _case_order(oh.get("/surveys/follow-up/?status=open").content.decode()) == ["P05"]
    assert _case_order(oh.get("/surveys/follow-up/?status=in_progress").content.decode()) == ["P02"]
    assert _case_order(oh.get("/surveys/follow-up/?unit=TA2").content.decode()) == ["P02"]  # P05 works in TA1
    assert _case_order(oh.get("/surveys/follow-up/?band=poor").content.decode()) == []
    assert _case_order(oh.get("/surveys/follow-up/?band=nonsense").content.decode()) == ["P05", "P02"]


def test_pages_of_cases_audit_only_the_page_shown(client_as, answered, monkeypatch):
    from datetime import timedelta

    from levensfase.web.surveys import views_followup as followup_list

    monkeypatch.setattr(followup_list, "PER_PAGE", 1)
    _low("P02", answered + timedelta(days=3), 35)
    oh = client_as(Role.OCCUPATIONAL_HEALTH)
    first = oh.get("/surveys/follow-up/").content.decode()
    assert _case_order(first) == ["P02"] and "Pagina 1 van 2 (2 zaken)" in first and "?page=2" in first
    assert list(Entry.objects.values_list("person_id", flat=True)) == ["P02"]
    second = oh.get("/surveys/follow-up/?status=&page=2").content.decode()
    assert _case_order(second) == ["P05"] and "status=&amp;page=1" in second
