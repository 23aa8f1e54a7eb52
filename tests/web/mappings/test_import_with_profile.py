"""The import page takes a foreign export with a saved or uploaded profile, and a plain upload of a
Dutch export that fails says so and links to the builder."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levensfase.ingest.mapping_toml import profile_to_toml
from levensfase.ingest.proposals import propose_columns
from levensfase.web.accounts.models import Role
from levensfase.web.hr.models import Assignment, Person
from levensfase.web.mappings.models import MappingProfile

from support import org_fixture as fixture_data
from support.dutch_export import HEADER, dutch_export

PEOPLE_ONLY = ("Personeelsnummer;Geboortedatum;Geslacht\r\n1001;03-02-1968;Vrouw\r\n1002;17-11-1991;Man\r\n"
               ).encode("cp1252")
PEOPLE_TOML = """[profile]
name = "Medewerkerslijst"
delimiter = ";"
encoding = "cp1252"
date_format = "%d-%m-%Y"

[tables.people]
columns = { person_id = "Personeelsnummer", birth_date = "Geboortedatum", sex = "Geslacht" }
values.sex = { "Vrouw" = "f", "Man" = "m" }
"""


@pytest.fixture
def admin(client, db):
    client.force_login(fixture_data.make_user("hr-admin", Role.HR_ADMIN))
    return client


def _upload(client, name, data, **extra):
    return client.post(reverse("import"), {"file": SimpleUploadedFile(name, data), **extra})


def _check_and_confirm(client, response) -> str:
    assert response.status_code == 302, response.content.decode()[:3000]
    report = client.get(response["Location"]).content.decode()
    assert 'id="confirm-button"' in report and "problemen gevonden" not in report, report[:3000]
    token = response["Location"].strip("/").rsplit("/", 1)[-1]
    done = client.post(reverse("import_confirm", args=[token]))
    assert done.status_code == 200
    return report


def test_a_saved_profile_imports_the_export_even_when_deleted_after_the_check(admin):
    saved = MappingProfile.objects.create(name="Medewerkerslijst", toml=PEOPLE_TOML)
    form = admin.get(reverse("import")).content.decode()
    assert f'<option value="saved:{saved.pk}">Medewerkerslijst</option>' in form
    response = _upload(admin, "medewerkers.csv", PEOPLE_ONLY, mapping=f"saved:{saved.pk}")
    saved.delete()  # the import keeps the text it was checked with
    _check_and_confirm(admin, response)
    assert sorted(Person.objects.values_list("person_id", "sex")) == [("1001", "f"), ("1002", "m")]


def test_an_uploaded_toml_profile_is_used_and_a_broken_one_refused(admin):
    broken = SimpleUploadedFile("p.toml", b'[tables.people]\ncolumns = { persoon = "Nr" }\n')
    response = _upload(admin, "medewerkers.csv", PEOPLE_ONLY, mapping_file=broken)
    assert response.status_code == 200
    assert "Het mappingprofiel is ongeldig" in response.content.decode() and "persoon" in response.content.decode()
    assert not Person.objects.exists()
    good = SimpleUploadedFile("p.toml", PEOPLE_TOML.encode())
    report = _check_and_confirm(admin, _upload(admin, "medewerkers.csv", PEOPLE_ONLY, mapping_file=good))
    assert re.search(r"mappingprofiel: medewerkerslijst-[0-9a-f]{12}", report)
    assert Person.objects.count() == 2


def test_the_generated_export_imports_with_a_profile_built_from_the_proposals(admin, organisation):
    from levensfase.ingest.mapping import Formats, Profile, TableMapping
    from support.dutch_export import CONTRACT, END_REASON, SEX, WORK_DEMAND

    formats = Formats(delimiter=";", encoding="cp1252", decimal_comma=True, date_format="%d-%m-%Y")
    inverse = {"sex": SEX, "contract": CONTRACT, "end_reason": END_REASON, "work_demand": WORK_DEMAND}
    tables = {}
    for table in ("people", "units", "jobs", "assignments"):
        columns = propose_columns(table, HEADER) | ({"job_family": "Soort functie"} if table == "jobs" else {})
        values = {c: {v: k for k, v in inverse[c].items()} for c in columns if c in inverse}
        tables[table] = TableMapping(table, formats, columns, {}, values, table != "assignments")
    toml = profile_to_toml(Profile("Export", formats, tables))
    _check_and_confirm(admin, _upload(admin, "export.csv", dutch_export(organisation),
                                      mapping_file=SimpleUploadedFile("p.toml", toml.encode())))
    assert Assignment.objects.count() == organisation["assignments"].height


def test_a_failed_plain_dutch_upload_points_to_the_builder_with_the_file(admin):
    response = _upload(admin, "medewerkers.csv", PEOPLE_ONLY)
    report = admin.get(response["Location"]).content.decode()
    token = response["Location"].strip("/").rsplit("/", 1)[-1]
    assert 'data-hint="dutch-export"' in report
    assert "puntkomma&#x27;s als scheidingsteken" in report and "datums als dd-mm-jjjj" in report
    assert f'href="/mappings/build/{token}/"' in report
    assert admin.get(f"/mappings/build/{token}/").status_code == 200  # the builder opens the same upload


def test_an_exchange_file_with_a_typo_gets_no_hint(admin):
    response = _upload(admin, "people.csv", b"person_id,birth_date,sex\nA1,1980-13-01,f\n")
    report = admin.get(response["Location"]).content.decode()
    assert "Geen geldige datum" in report and 'data-hint="dutch-export"' not in report


def test_a_dutch_file_read_with_its_profile_gets_no_hint(admin):
    bad = PEOPLE_ONLY.replace(b"03-02-1968", b"31-02-1968")
    response = _upload(admin, "medewerkers.csv", bad, mapping_file=SimpleUploadedFile("p.toml", PEOPLE_TOML.encode()))
    report = admin.get(response["Location"]).content.decode()
    assert "Geen geldige datum" in report and 'data-hint="dutch-export"' not in report


def test_staged_profiles_are_kept_per_content_and_cleared_after_two_days(upload_home):
    import os
    import time

    from levensfase.web.mappings.profiles import stage_profile, staged_profile_path

    key = stage_profile(text=PEOPLE_TOML, label="Medewerkerslijst")
    assert stage_profile(text=PEOPLE_TOML, label="Medewerkerslijst") == key
    assert staged_profile_path(key).read_text(encoding="utf-8") == PEOPLE_TOML
    assert staged_profile_path("../secret_key") is None and staged_profile_path("nl_hris_export") is None
    old = time.time() - 3 * 24 * 3600
    os.utime(staged_profile_path(key), (old, old))
    other = stage_profile(text=PEOPLE_TOML + "\n", label="Ander")
    assert staged_profile_path(key) is None and staged_profile_path(other) is not None
