"""Import through the API: upload → dry-run check → confirm, as on the import page (update by
default; a snapshot's removals need their number; nothing is written before confirm)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.hr.models import Assignment, Person

from support.import_upload import FILES, zipped
from support.org_fixture import make_user

pytestmark = pytest.mark.django_db


def _upload(api, files, mode="update", name="a.zip"):
    return api.post("/api/v1/imports", {"file": SimpleUploadedFile(name, zipped(files) if files else b"junk"),
                                        "mode": mode})


def test_upload_check_confirm_in_update_mode(api_as):
    api = api_as(Role.HR_ADMIN, scope="import")
    checked = _upload(api, FILES)
    assert checked.status_code == 201, checked.content
    data = checked.json()
    assert data["can_confirm"] and data["mode"] == "update" and data["removed"] == 0
    assert data["summary"]["totals"] == {"added": 7, "changed": 0, "removed": 0}  # 2 units, 1 job, 2 people, 2 assignments
    assert not Person.objects.filter(person_id="A1").exists()  # nothing written before confirm
    assert api.get(f"/api/v1/imports/{data['token']}").json()["summary"] == data["summary"]

    done = api.post(f"/api/v1/imports/{data['token']}/confirm", json={})
    assert done.status_code == 200, done.content
    assert Assignment.objects.filter(person_id__in=["A1", "A2"]).count() == 2
    entry = Entry.objects.get(action="import")
    assert entry.detail["api"] is True and entry.detail["tables"]["people"]["added"] == 2
    assert api.get(f"/api/v1/imports/{data['token']}").status_code == 404  # the upload is gone


def test_a_snapshot_that_removes_rows_needs_their_number(api_as):
    api = api_as(Role.HR_ADMIN, scope="import")
    first = _upload(api, FILES).json()
    api.post(f"/api/v1/imports/{first['token']}/confirm", json={})
    snapshot = {"assignments.csv": "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason\n"
                                   "A1,2024-01-01,,U2,J1,0.8,permanent,\n"}
    data = _upload(api, snapshot, mode="snapshot").json()
    assert (data["mode"], data["removed"]) == ("snapshot", 1)  # A1's assignment of 2020
    confirm = f"/api/v1/imports/{data['token']}/confirm"
    for sent in ({}, {"removed": 2}):
        refused = api.post(confirm, json=sent)
        assert refused.status_code == 409 and "(1)" in refused.json()["message_en"]
        assert Assignment.objects.filter(person_id="A1").get().start_date == date(2020, 1, 1)
    assert api.post(confirm, json={"removed": 1}).status_code == 200
    assert Assignment.objects.filter(person_id="A1").get().start_date == date(2024, 1, 1)


def test_a_clash_with_app_data_needs_skip_conflicts_and_the_app_row_stays(api_as, users):
    from django.contrib.auth.models import User

    from levensfase.web.hr.models import Conversation
    from levensfase.web.maatwerk.services import save_conversation

    conversations = "person_id,date,topic,value\nA1,2024-01-10,ambition,teamleider worden\n"
    api = api_as(Role.HR_ADMIN, scope="import")
    api.post(f"/api/v1/imports/{_upload(api, dict(FILES, **{'conversations.csv': conversations})).json()['token']}/confirm",
             json={})
    save_conversation(user=User.objects.create(username="leidinggevende"), person_id="A1", on=date(2024, 1, 10),
                      answers={"ambition": "coach worden"})
    data = _upload(api, {"conversations.csv": conversations}).json()
    assert data["conflicts"] == 1
    confirm = f"/api/v1/imports/{data['token']}/confirm"
    assert api.post(confirm, json={}).status_code == 409
    assert api.post(confirm, json={"skip_conflicts": True}).status_code == 200
    assert Conversation.objects.get(person_id="A1").value == "coach worden"  # the app's answer stays


def test_junk_and_other_peoples_uploads_and_cancel(api_as, api_for):
    api = api_as(Role.HR_ADMIN, scope="import")
    junk = _upload(api, None, name="notes.txt")
    assert junk.status_code == 422 and junk.json()["message"]
    token = _upload(api, FILES).json()["token"]
    same_user = api_as(Role.HR_ADMIN, scope="import")  # the same user with another token may go on
    assert same_user.get(f"/api/v1/imports/{token}").status_code == 200
    colleague = make_user("hr-admin-2", Role.HR_ADMIN)
    other = api_for(colleague, "import")
    assert other.get(f"/api/v1/imports/{token}").status_code == 404  # an upload is its uploader's
    assert api.delete(f"/api/v1/imports/{token}").status_code == 204
    assert api.get(f"/api/v1/imports/{token}").status_code == 404


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.MANAGER, Role.OCCUPATIONAL_HEALTH])
def test_only_hr_admin_imports(api_as, role):
    response = _upload(api_as(role, scope="import"), FILES)
    assert response.status_code == 403 and not Person.objects.filter(person_id="A1").exists()


def test_a_token_needs_no_csrf_token_but_a_session_does(users):
    from django.test import Client

    from levensfase.web.api.tokens import create_token

    strict = Client(enforce_csrf_checks=True)
    secret = create_token(user=users[Role.HR_ADMIN], name="x", scope="import").secret
    upload = {"file": SimpleUploadedFile("a.zip", zipped(FILES))}
    assert strict.post("/api/v1/imports", upload, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 201
    strict.force_login(users[Role.HR_ADMIN])
    upload = {"file": SimpleUploadedFile("a.zip", zipped(FILES))}
    refused = strict.post("/api/v1/imports", upload)
    assert refused.status_code in (401, 403) and refused.json()["message_nl"]
