"""Every change made in the app reaches the person's own pages at once (issue 17): the cached
Workforce is invalidated by each write path — a WAI, a conversation, a competency assessment."""

from __future__ import annotations

import pytest
from django.utils import timezone

from levensfase.web.accounts.models import Role
from levensfase.web.hr.selectors import load_workforce
from levensfase.web.surveys.models import Consent

from .test_questionnaire_view import VALID  # hand-scored: total 34 on P01's mixed job → moderate


def _profile_vitality(html: str) -> str:
    start = html.index('data-profile="vitality">') + len('data-profile="vitality">')
    return html[start:html.index("</dd>", start)].strip()


# Outside a test transaction, as in production: inside one, load_workforce never caches at all.
@pytest.mark.django_db(transaction=True)
def test_a_wai_saved_on_the_web_changes_the_profile_and_the_recommendations_at_once(org, client_as):
    Consent.objects.create(person_id="P01", given_at=timezone.now())
    client = client_as(Role.EMPLOYEE)
    # Warm the cache: P01's only WAI (2023-01-15) is older than the 3-year window → vitality unknown.
    assert load_workforce() is load_workforce()  # cached
    before_profile = _profile_vitality(client.get("/people/P01/").content.decode())
    before = client.get("/maatwerk/").content.decode()
    assert 'data-recommendation="coaching"' not in before
    assert 'data-recommendation="ergonomische_aanpassing"' not in before

    assert client.post("/surveys/wai/", VALID).status_code == 302

    after_profile = _profile_vitality(client.get("/people/P01/").content.decode())
    assert after_profile != before_profile
    assert after_profile == "matig werkvermogen"
    after = client.get("/maatwerk/").content.decode()
    # rules low_vitality_coaching and poor_vitality_ergonomics (moderate, mixed job); coaching stands
    # in for the vitality programme (development first: its unless_recommended)
    assert 'data-recommendation="coaching"' in after
    assert 'data-recommendation="vitaliteitsprogramma"' not in after
    assert 'data-recommendation="ergonomische_aanpassing"' in after


@pytest.mark.django_db(transaction=True)
def test_a_conversation_saved_changes_the_recommendations_at_once(org, users):
    from datetime import date

    from levensfase.web.maatwerk import selectors as maatwerk
    from levensfase.web.maatwerk.services import save_conversation

    today = date.today()
    assert load_workforce() is load_workforce()  # cached
    assert "job_rotatie" not in maatwerk.maatwerk_of(person_id="P01", on=today).recommendations.codes
    manager = users[Role.MANAGER]
    save_conversation(user=manager, person_id="P01", on=today, answers={"ambition": "other_role"})
    # rule other_role_rotation: wants another role → job rotation
    assert "job_rotatie" in maatwerk.maatwerk_of(person_id="P01", on=today).recommendations.codes
