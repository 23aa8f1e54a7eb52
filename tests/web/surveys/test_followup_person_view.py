"""One person's trajectory for the bedrijfsarts; 404 for everyone else; audited."""

from __future__ import annotations

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry


def test_bedrijfsarts_sees_the_trajectory(client_as, answered):
    html = client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/follow-up/P02/").content.decode()
    assert '<td class="num" data-score>46</td>' in html
    assert Entry.objects.get().detail == {"view": "survey_trajectory", "health": True}


def test_everyone_else_gets_404_and_no_audit(client_as, answered):
    for role in (Role.HR_ADMIN, Role.MANAGER, Role.EMPLOYEE, Role.HR_ANALYST, Role.WORKS_COUNCIL):
        assert client_as(role).get("/surveys/follow-up/P01/").status_code == 404
    assert client_as(Role.OCCUPATIONAL_HEALTH).get("/surveys/follow-up/P99/").status_code == 404
    assert not Entry.objects.exists()


def test_bedrijfsarts_sets_a_status_and_writes_a_note(client_as, answered):
    from levensfase.web.surveys.models import FollowUpCase, FollowUpNote

    oh = client_as(Role.OCCUPATIONAL_HEALTH)
    assert "<option value=\"open\" selected>open</option>" in oh.get("/surveys/follow-up/P05/").content.decode()
    response = oh.post("/surveys/follow-up/P05/", {"save": "status", "status": "in_progress"}, follow=True)
    html = response.content.decode()
    assert FollowUpCase.objects.get(person_id="P05").status == "in_progress"
    assert "De status is nu ‘in behandeling’." in html
    assert '<option value="in_progress" selected>in behandeling</option>' in html
    oh.post("/surveys/follow-up/P05/", {"save": "note", "text": "Gebeld, afspraak op dinsdag."})
    assert FollowUpNote.objects.get(person_id="P05").text == "Gebeld, afspraak op dinsdag."
    html = oh.get("/surveys/follow-up/P05/").content.decode()
    assert "Gebeld, afspraak op dinsdag." in html
    saved = [e.detail.get("saved") for e in Entry.objects.filter(person_id="P05", detail__view="follow_up_case")]
    assert sorted(saved) == ["note", "status"]


def test_bad_input_is_a_field_error_and_changes_nothing(client_as, answered):
    from levensfase.web.surveys.models import FollowUpCase, FollowUpNote

    oh = client_as(Role.OCCUPATIONAL_HEALTH)
    response = oh.post("/surveys/follow-up/P05/", {"save": "note", "text": "   "})
    assert response.status_code == 400
    assert 'id="text-error">Schrijf eerst een notitie voordat u die opslaat.<' in response.content.decode()
    response = oh.post("/surveys/follow-up/P05/", {"save": "status", "status": "kwijt"})
    assert response.status_code == 400 and "Kies een van de statussen uit de lijst." in response.content.decode()
    response = oh.post("/surveys/follow-up/P05/", {"save": "note", "text": "x" * 4001})
    assert "hoogstens 4.000 tekens" in response.content.decode()
    assert not FollowUpCase.objects.exists() and not FollowUpNote.objects.exists()


def test_nobody_else_writes_or_reads_a_case(client_as, answered):
    from levensfase.web.surveys.models import FollowUpNote

    FollowUpNote.objects.create(person_id="P01", at=answered_time(), username="arts", text="Vertrouwelijk-XYZ")
    for role in (Role.HR_ADMIN, Role.MANAGER, Role.EMPLOYEE, Role.HR_ANALYST, Role.WORKS_COUNCIL):
        client = client_as(role)
        assert client.post("/surveys/follow-up/P01/", {"save": "note", "text": "poging"}).status_code == 404
        assert "Vertrouwelijk-XYZ" not in client.get("/people/P01/").content.decode()
    assert FollowUpNote.objects.count() == 1


def answered_time():
    from django.utils import timezone

    return timezone.now()
