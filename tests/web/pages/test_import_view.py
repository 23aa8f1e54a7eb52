"""The import page (hr_admin): upload → dry run → confirm. Nothing is written before confirm, a
file with errors shows every problem and cannot be confirmed, re-importing changes nothing."""

from __future__ import annotations

import io
import re

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levensfase.ingest.problems import MESSAGES
from levensfase.web.accounts.models import Role
from levensfase.web.audit.models import Entry
from levensfase.web.hr.models import Assignment, ImportRun, Job, Person, Unit

from support import org_fixture as fixture_data
from support.import_upload import FILES, zipped

# Three mistakes on data rows 3 and 4 (header = row 1): a month 13, an FTE of 1.5, a unit U9.
BAD_ASSIGNMENTS = (
    "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason\n"
    "A1,2020-01-01,,U2,J1,0.8,permanent,\n"
    "A2,2021-13-01,,U2,J1,1.0,fixed_term,\n"
    "A2,2019-01-01,2019-12-31,U9,J1,1.5,fixed_term,voluntary\n"
)


_zip = zipped


@pytest.fixture
def admin(client, db, upload_home):
    user = fixture_data.make_user("hr-admin", Role.HR_ADMIN)
    client.force_login(user)
    client.user = user
    client.upload_home = upload_home
    return client


def _upload(client, name: str, data: bytes, mapping: str = ""):
    return client.post(reverse("import"), {"file": SimpleUploadedFile(name, data), "mapping": mapping})


def _token(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return re.fullmatch(r"/import/([\w-]+)/", response["Location"]).group(1)


def _changes(html: str) -> dict[str, tuple[int, int, int]]:
    rows = re.findall(r'<tr data-table="(\w+)"><th scope="row">[^<]+</th><td class="num">([\d.]+)</td>'
                      r'<td class="num">([\d.]+)</td><td class="num">([\d.]+)</td></tr>', html)
    return {name: tuple(int(n.replace(".", "")) for n in counts) for name, *counts in rows}


def _leftovers(home) -> list:
    root = home / "uploads"
    return list(root.iterdir()) if root.exists() else []


def _counts():
    return (Unit.objects.count(), Job.objects.count(), Person.objects.count(), Assignment.objects.count())


@pytest.mark.parametrize("role", [Role.HR_ANALYST, Role.MANAGER, Role.EMPLOYEE, Role.OCCUPATIONAL_HEALTH,
                                  Role.WORKS_COUNCIL])
def test_only_hr_admin_may_import(client, db, role, upload_home):
    client.force_login(fixture_data.make_user(f"u-{role}", role))
    assert client.get(reverse("import")).status_code == 403
    assert _upload(client, "data.zip", _zip(FILES)).status_code == 403
    assert _leftovers(upload_home) == []


def test_dry_run_writes_nothing_then_confirm_writes(admin, upload_home):
    token = _token(_upload(admin, "export.zip", _zip(FILES)))
    report = admin.get(reverse("import_report", kwargs={"token": token}))
    html = report.content.decode()
    assert report.status_code == 200
    assert _changes(html) == {"units": (2, 0, 0), "jobs": (1, 0, 0), "people": (2, 0, 0), "assignments": (2, 0, 0)}
    assert "Importeren: 7 rijen toevoegen" in html  # the button names the action
    assert "Deze import voegt 2 afdelingen, 1 functie, 2 personen en 2 dienstverbanden toe." in html
    assert 'role="alert" id="import-summary"' not in html  # adding only: no warning
    assert _counts() == (0, 0, 0, 0)
    assert not ImportRun.objects.exists() and not Entry.objects.exists()

    done = admin.post(reverse("import_confirm", kwargs={"token": token}))
    assert done.status_code == 200
    assert _changes(done.content.decode())["assignments"] == (2, 0, 0)
    assert _counts() == (2, 1, 2, 2)
    a2 = Assignment.objects.get(person_id="A2")
    assert (str(a2.end_date), a2.end_reason, a2.fte, a2.unit_id) == ("2023-12-31", "voluntary", 1.0, "U2")
    run = ImportRun.objects.get()
    assert (run.source, run.user_id, run.changed) == ("export.zip", admin.user.pk, True)
    entry = Entry.objects.get()
    assert (entry.user_id, entry.username, entry.action, entry.person_id) == (admin.user.pk, "hr-admin", "import", "")
    assert entry.detail["source"] == "export.zip" and entry.detail["run_id"] == run.pk
    assert entry.detail["tables"]["people"] == {"added": 2, "changed": 0, "removed": 0}
    assert not (upload_home / "uploads" / token).exists()  # cleaned after the import
    # The token is spent: a second confirm is a 404, not a second import.
    assert admin.post(reverse("import_confirm", kwargs={"token": token})).status_code == 404


def test_reupload_of_the_same_data_reports_no_changes(admin):
    admin.post(reverse("import_confirm", kwargs={"token": _token(_upload(admin, "a.zip", _zip(FILES)))}))
    token = _token(_upload(admin, "b.zip", _zip(FILES, folder="export/")))  # a folder inside the zip is fine
    html = admin.get(reverse("import_report", kwargs={"token": token})).content.decode()
    assert _changes(html) == {"units": (0, 0, 0), "jobs": (0, 0, 0), "people": (0, 0, 0), "assignments": (0, 0, 0)}
    assert "bevat geen wijzigingen" in html


def test_changed_row_is_reported_as_changed(admin):
    admin.post(reverse("import_confirm", kwargs={"token": _token(_upload(admin, "a.zip", _zip(FILES)))}))
    changed = dict(FILES, **{"people.csv": "person_id,birth_date,sex\nA1,1980-05-01,x\n"})
    token = _token(_upload(admin, "b.zip", _zip({k: v for k, v in changed.items() if k != "assignments.csv"}
                                               | {"assignments.csv": FILES["assignments.csv"].split("A2,")[0]})))
    html = admin.get(reverse("import_report", kwargs={"token": token})).content.decode()
    assert _changes(html)["people"] == (0, 1, 0)  # A1 changed sex; A2, absent from the file, stays
    assert _changes(html)["assignments"] == (0, 0, 0)
    assert 'role="alert" id="import-summary"><p>Deze import wijzigt 1 persoon.</p>' in html
    assert "Bijwerken en 1 rij wijzigen" in html
    assert Person.objects.get(person_id="A1").sex == "f"  # still the dry run


def test_file_with_errors_shows_every_problem_and_cannot_be_confirmed(admin):
    token = _token(_upload(admin, "fouten.zip", _zip(dict(FILES, **{"assignments.csv": BAD_ASSIGNMENTS}))))
    html = admin.get(reverse("import_report", kwargs={"token": token})).content.decode()
    table = html[html.index('class="problems"'):]
    cells = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table[: table.index("</table>")], re.S)[1:]
    ]
    assert ["assignments.csv", "3", "start_date", "2021-13-01"] in [c[:4] for c in cells]
    assert ["assignments.csv", "4", "unit_id", "U9"] in [c[:4] for c in cells]
    assert ["assignments.csv", "4", "fte", "1.5"] in [c[:4] for c in cells]
    fte_row = next(c for c in cells if c[2] == "fte")
    assert fte_row[4] == MESSAGES["fte_out_of_range"][0].format(detail="1.2")  # the Dutch reason
    assert "Import bevestigen" not in html
    assert admin.post(reverse("import_confirm", kwargs={"token": token})).status_code == 400
    assert _counts() == (0, 0, 0, 0) and not ImportRun.objects.exists()


def test_a_refused_upload_still_shows_what_was_noticed_about_its_files(admin):
    admin.post(reverse("import_confirm", kwargs={"token": _token(_upload(admin, "a.zip", _zip(FILES)))}))
    # A1's assignment in another unit: a correction an update cannot make without an assignment_id.
    files = {"assignments.csv": FILES["assignments.csv"].replace("A1,2020-01-01,,U2", "A1,2020-01-01,,U1"),
             "extra.csv": "a,b\n1,2\n"}
    token = _token(_upload(admin, "b.zip", _zip(files)))
    html = admin.get(reverse("import_report", kwargs={"token": token})).content.decode()
    assert "Import geweigerd, er is niets opgeslagen" in html and "assignment_id" in html
    assert "Bestand extra.csv is geen uitwisselbestand en wordt genegeerd." in html
    assert "Import bevestigen" not in html
    assert _counts() == (2, 1, 2, 2)


def test_text_too_long_for_the_database_is_shown_with_its_row(admin):
    long_name = dict(FILES, **{"units.csv": "unit_id,name,parent_id\nU1," + "x" * 201 + ",\nU2,Team A,U1\n"})
    token = _token(_upload(admin, "long.zip", _zip(long_name)))
    html = admin.get(reverse("import_report", kwargs={"token": token})).content.decode()
    assert "Tekst langer dan 200 tekens" in html and "x" * 40 + "…" in html
    assert "Import bevestigen" not in html
    assert _counts() == (0, 0, 0, 0)


def test_problems_in_english(admin):
    admin.cookies["django_language"] = "en"
    token = _token(_upload(admin, "fouten.zip", _zip(dict(FILES, **{"assignments.csv": BAD_ASSIGNMENTS}))))
    html = admin.get(reverse("import_report", kwargs={"token": token})).content.decode()
    assert MESSAGES["fte_out_of_range"][1].format(detail="1.2") in html
    assert "problems found" in html


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("export.zip", b"this is not a zip at all", "Dit bestand is geen geldig ZIP-bestand."),
        ("export.zip", _zip({"readme.txt": "hello"}), "Het ZIP-bestand bevat geen CSV-bestanden."),
        ("export.zip", _zip({"a/people.csv": "x", "b/people.csv": "y"}), "Het ZIP-bestand bevat people.csv meer dan eens."),
        ("export.xlsx", b"junk junk junk", "Dit bestand is geen Excel-werkmap (.xlsx)."),
        ("export.pdf", b"%PDF-1.4", "Upload een ZIP-bestand met CSV-bestanden"),
    ],
)
def test_bad_uploads_get_a_clear_message_and_leave_nothing(admin, upload_home, name, data, message):
    response = _upload(admin, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _leftovers(upload_home) == []


def test_junk_csv_reports_a_problem_not_a_crash(admin):
    token = _token(_upload(admin, "people.csv", b"\x00\x01\x02 binary junk"))
    response = admin.get(reverse("import_report", kwargs={"token": token}))
    assert response.status_code == 200
    assert MESSAGES["binary_file"][0] in response.content.decode()


def test_single_foreign_csv_needs_a_mapping_profile(admin):
    token = _token(_upload(admin, "medewerkers.csv", b"Personeelsnummer;Geboortedatum\n1;01-02-1980\n"))
    html = admin.get(reverse("import_report", kwargs={"token": token})).content.decode()
    assert MESSAGES["needs_mapping"][0] in html


def test_shipped_mapping_profiles_are_offered(admin):
    html = admin.get(reverse("import")).content.decode()
    assert 'value="nl_hris_export"' in html and 'value="ibm_hr_attrition"' in html
    # A profile that is not shipped cannot be smuggled in.
    response = _upload(admin, "x.csv", b"a,b\n1,2\n", mapping="../../etc/passwd")
    assert response.status_code == 200 and 'class="error-summary"' in response.content.decode()
    assert _leftovers(admin.upload_home) == []


def test_xlsx_workbook(admin):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, text in FILES.items():
        sheet = book.add_worksheet(name.removesuffix(".csv"))
        for r, line in enumerate(text.strip().split("\n")):
            for c, value in enumerate(line.split(",")):
                if value:
                    sheet.write_string(r, c, value)
    book.close()
    token = _token(_upload(admin, "export.xlsx", buffer.getvalue()))
    html = admin.get(reverse("import_report", kwargs={"token": token})).content.decode()
    assert _changes(html) == {"units": (2, 0, 0), "jobs": (1, 0, 0), "people": (2, 0, 0), "assignments": (2, 0, 0)}


def test_tokens_are_private_and_cancel_discards(admin, client, upload_home):
    token = _token(_upload(admin, "export.zip", _zip(FILES)))
    other = fixture_data.make_user("hr-admin-2", Role.HR_ADMIN)
    from django.test import Client

    second = Client()
    second.force_login(other)
    assert second.get(reverse("import_report", kwargs={"token": token})).status_code == 404
    assert admin.get("/import/..%2F..%2Fetc/").status_code == 404
    assert admin.get("/import/no-such-token/").status_code == 404
    response = admin.post(reverse("import_cancel", kwargs={"token": token}))
    assert response.status_code == 302
    assert not (upload_home / "uploads" / token).exists()
    assert _counts() == (0, 0, 0, 0)
