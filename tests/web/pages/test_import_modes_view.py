"""The import page says what an import will do before anything happens (DESIGN §3): a red summary
when rows are removed or changed, health data as counts only, the typed number of removed rows and
the consent to skip clashing rows checked on the server, the check computed once, undo."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levensfase.ingest.problems import MAX_LISTED
from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.hr.models import Absence, Assignment, Conversation, ImportRun
from levensfase.web.maatwerk.services import save_conversation
from levensfase.web.pages import import_preview, imports

from support import org_fixture as fixture_data
from support.import_upload import FILES, zipped

ABSENCES = "person_id,start_date,end_date,pregnancy\nA1,2022-03-14,2022-03-18,false\nA1,2023-05-02,2023-05-09,false\n"
CONVERSATIONS = "person_id,date,topic,value\nA1,2024-01-10,ambition,teamleider worden\n"


@pytest.fixture
def admin(client, db):
    user = fixture_data.make_user("hr-admin", Role.HR_ADMIN)
    client.force_login(user)
    client.user = user
    return client


_zip = zipped


def _upload(client, name: str, data: bytes, mode: str = "update"):
    return client.post(reverse("import"), {"file": SimpleUploadedFile(name, data), "mapping": "", "mode": mode})


def _token(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return re.fullmatch(r"/import/([\w-]+)/", response["Location"]).group(1)


def _imported(admin, files=None):
    token = _token(_upload(admin, "a.zip", _zip(files or dict(FILES, **{"absences.csv": ABSENCES}))))
    done = admin.post(reverse("import_confirm", kwargs={"token": token}))
    assert done.status_code == 200, done.content.decode()[:3000]


def _snapshot(admin, files: dict[str, str]) -> str:
    return _token(_upload(admin, "s.zip", _zip(files), mode="snapshot"))


def _report(admin, token) -> str:
    return admin.get(reverse("import_report", kwargs={"token": token})).content.decode()


def test_a_snapshot_that_removes_rows_shows_a_red_summary_and_needs_the_typed_count(admin):
    _imported(admin)
    files = {  # A1: another assignment and only the first absence; A2 is not in the file and keeps all
        "assignments.csv": "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason\n"
                           "A1,2024-01-01,,U2,J1,0.8,permanent,\n",
        "absences.csv": ABSENCES.split("A1,2023")[0],
    }
    token = _snapshot(admin, files)
    html = _report(admin, token)

    assert ('role="alert" id="import-summary"><p>Deze import verwijdert 1 dienstverband en 1 verzuimmelding '
            'en voegt 1 dienstverband toe.</p>') in html
    assert "Vervangen en 2 rijen verwijderen" in html
    assert 'data-expected="2"' in html and 'id="confirm-button" disabled' in html
    assert "2023-05-02" not in html  # the removed absence: health data, a count only
    assert 'data-health="absences"' in html
    assert "2020-01-01" in html  # the removed assignment is listed

    confirm = reverse("import_confirm", kwargs={"token": token})
    for typed in ({}, {"removed": "3"}):
        refused = admin.post(confirm, typed)
        assert refused.status_code == 400 and 'id="confirm-error"' in refused.content.decode()
        assert (Assignment.objects.count(), Absence.objects.count()) == (2, 2)  # nothing written

    assert admin.post(confirm, {"removed": "2"}).status_code == 200
    assert sorted(Assignment.objects.values_list("person_id", "start_date")) == [
        ("A1", date(2024, 1, 1)), ("A2", date(2021, 3, 1))]
    assert list(Absence.objects.values_list("start_date", flat=True)) == [date(2022, 3, 14)]
    entry = Entry.objects.filter(action="import").latest("pk")
    assert entry.detail["mode"] == "snapshot" and entry.detail["tables"]["absences"]["removed"] == 1


def test_the_check_is_computed_once_per_upload(admin, monkeypatch):
    token = _token(_upload(admin, "a.zip", _zip(FILES)))
    calls = []
    real = imports.import_files
    monkeypatch.setattr(imports, "import_files", lambda *a, **kw: calls.append(kw["dry_run"]) or real(*a, **kw))
    first, second = _report(admin, token), _report(admin, token)
    assert calls == [True]
    summary = re.compile(r'id="import-summary">.*?</p>', re.S)
    assert summary.search(first).group(0) == summary.search(second).group(0)
    assert "Importeren: 7 rijen toevoegen" in second


def test_a_clash_with_app_data_is_listed_and_needs_consent(admin):
    _imported(admin, dict(FILES, **{"conversations.csv": CONVERSATIONS}))
    save_conversation(user=User.objects.create(username="manager"), person_id="A1", on=date(2024, 1, 10),
                      answers={"ambition": "coach worden"})
    token = _token(_upload(admin, "b.zip", _zip({"conversations.csv": CONVERSATIONS})))
    html = _report(admin, token)
    assert 'data-conflict="conversations"' in html and 'name="skip_conflicts"' in html

    confirm = reverse("import_confirm", kwargs={"token": token})
    assert admin.post(confirm).status_code == 400
    assert admin.post(confirm, {"skip_conflicts": "yes"}).status_code == 200
    assert Conversation.objects.get(person_id="A1").value == "coach worden"  # the app's answer stays


def test_the_last_import_can_be_undone_from_the_history(admin):
    _imported(admin)
    page = admin.get(reverse("import")).content.decode()
    assert 'id="undo-button"' in page

    response = admin.post(reverse("import_undo"))
    assert response.status_code == 302
    assert Assignment.objects.count() == 0 and Absence.objects.count() == 0
    assert Entry.objects.filter(action="import").latest("pk").detail["undo_of"] == ImportRun.objects.get(
        mode="update").pk
    assert 'id="undo-button"' not in admin.get(reverse("import")).content.decode()
    again = admin.post(reverse("import_undo"), follow=True).content.decode()
    assert "geen import om ongedaan te maken" in again


def test_undo_is_for_the_hr_admin_only(client, db):
    client.force_login(fixture_data.make_user("analyst", Role.HR_ANALYST))
    assert client.post(reverse("import_undo")).status_code == 403


def test_the_page_stays_small_for_a_file_with_thousands_of_problems(admin):
    people = "person_id,birth_date,sex\n" + "".join(f"P{i},31-02-1980,f\n" for i in range(5000))
    token = _token(_upload(admin, "people.csv", people.encode()))
    html = _report(admin, token)
    assert len(html.encode()) < 1_000_000
    assert html.count("31-02-1980") == min(imports.MAX_LISTED_PROBLEMS, MAX_LISTED)  # the reader caps per kind
    assert "5.000 problemen gevonden" in html or "5000 problemen gevonden" in html


def _data(**tables) -> dict:
    rows = [{"name": name, "added": a, "changed": c, "removed": r} for name, (a, c, r) in tables.items()]
    return {"tables": rows, "totals": {k: sum(t[k] for t in rows) for k in ("added", "changed", "removed")}}


def test_the_summary_in_words_with_dutch_thousands_and_the_button_naming_the_action():
    data = _data(people=(0, 65, 0), assignments=(0, 0, 8755))
    nl = import_preview.describe(data, "nl")
    assert nl["headline"] == "Deze import verwijdert 8.755 dienstverbanden en wijzigt 65 personen."
    assert (nl["warning"], nl["button"]) == (True, "Vervangen en 8.755 rijen verwijderen")
    en = import_preview.describe(data, "en")
    assert en["headline"] == "This import removes 8,755 assignments and changes 65 people."
    assert en["button"] == "Replace and remove 8,755 rows"
    added = import_preview.describe(_data(surveys=(1, 0, 0), units=(2, 0, 0)), "nl")
    assert added["headline"] == "Deze import voegt 1 antwoord op een vragenlijst en 2 afdelingen toe."
    assert (added["warning"], added["button"]) == (False, "Importeren: 3 rijen toevoegen")
    nothing = import_preview.describe(_data(people=(0, 0, 0)), "nl")
    assert nothing["button"] == "Import bevestigen" and "geen wijzigingen" in nothing["headline"]
