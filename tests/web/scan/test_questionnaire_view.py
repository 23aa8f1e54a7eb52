"""Filling in the scan: once per round, every item answered on the 1–5 scale, stored without the person."""

from __future__ import annotations

from levensfase.scan.instrument import load_instrument
from levensfase.web.accounts.models import Role
from levensfase.web.scan.models import PendingScanAnswer, ScanParticipation, ScanResponse

from .conftest import all_answers


def _post(answers: dict[str, int]) -> dict[str, str]:
    return {f"item_{code}": str(value) for code, value in answers.items()}


def test_the_form_asks_every_item_per_dimension_in_dutch(client_as, scan_round):
    html = client_as(Role.EMPLOYEE).get(f"/scan/rounds/{scan_round.pk}/answer/").content.decode()
    instrument = load_instrument()
    for dimension in instrument.dimensions:
        assert f"<h2>{dimension.name('nl')}</h2>" in html
    assert html.count('type="radio"') == 5 * len(instrument.items)
    assert "helemaal mee eens" in html and "zonder uw naam" in html


def test_an_answer_is_stored_without_the_person_and_only_once(client_as, scan_round, settings):
    settings.LEVENSFASE_K = 1  # released at once, so the stored rows can be checked
    client = client_as(Role.EMPLOYEE)
    response = client.post(f"/scan/rounds/{scan_round.pk}/answer/", _post(all_answers(4)))
    assert response.status_code == 302 and response.url == "/scan/mine/"
    assert ScanParticipation.objects.get(person_id="P01").answered
    assert ScanResponse.objects.count() == len(load_instrument().items)
    assert set(ScanResponse.objects.values_list("unit_id", "role", "value")) == {("TA1", "employee", 4.0)}
    again = client.post(f"/scan/rounds/{scan_round.pk}/answer/", _post(all_answers(1)), follow=True)
    assert "al ingevuld" in again.content.decode()
    assert set(ScanResponse.objects.values_list("value", flat=True)) == {4.0}


def test_missing_or_off_scale_answers_save_nothing(client_as, scan_round):
    answers = _post(all_answers(3))
    first = next(iter(answers))
    answers[first] = "7"
    answers.pop(list(answers)[1])
    response = client_as(Role.EMPLOYEE).post(f"/scan/rounds/{scan_round.pk}/answer/", answers)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een van de antwoorden." in html and "Beantwoord deze vraag alstublieft." in html
    assert not PendingScanAnswer.objects.exists() and not ScanResponse.objects.exists()
    assert not ScanParticipation.objects.filter(answered=True).exists()


def test_not_invited_people_cannot_answer(client_as, scan_round, users):
    # P03 (Financiën) was not invited; the HR analyst has no person record at all.
    from support.org_fixture import make_user

    other = make_user("financien", Role.EMPLOYEE, person_id="P03")
    client = client_as(Role.EMPLOYEE)
    client.force_login(other)
    response = client.post(f"/scan/rounds/{scan_round.pk}/answer/", _post(all_answers(2)))
    assert response.status_code == 302 and response.url == "/scan/mine/"
    assert client_as(Role.HR_ANALYST).get(f"/scan/rounds/{scan_round.pk}/answer/").status_code == 403
    assert not PendingScanAnswer.objects.exists()
