"""The builder on a Dutch export: formats and mappings proposed from the file, a preview with the
translated rows and their problems, saving, and the saved TOML reproducing the original tables."""

from __future__ import annotations

import re
import tomllib

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levensfase.ingest.mapping import parse_profile
from levensfase.ingest.reader import read_exchange
from levensfase.web.accounts.models import Role
from levensfase.web.mappings.models import MappingProfile

from support import org_fixture as fixture_data
from support.dutch_export import CONTRACT, dutch_export, form_defaults

KEYS = {"people": ["person_id"], "units": ["unit_id"], "jobs": ["job_id"],
        "assignments": ["person_id", "start_date", "unit_id", "job_id"]}


@pytest.fixture
def admin(client, db):
    client.force_login(fixture_data.make_user("hr-admin", Role.HR_ADMIN))
    return client


def _open(admin, data: bytes, name: str = "dienstverbanden.csv") -> tuple[str, str]:
    response = admin.post(reverse("mappings:index"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:1500]
    url = response["Location"]
    page = admin.get(url)
    assert page.status_code == 200
    return url, page.content.decode()


def _selected(html: str, name: str) -> str:
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.search(r'<option value="([^"]*)" selected>', select).group(1)


def test_the_builder_proposes_formats_columns_and_values(admin, organisation):
    url, html = _open(admin, dutch_export(organisation))
    assert _selected(html, "delimiter") == ";" and _selected(html, "encoding") == "cp1252"
    assert _selected(html, "date_format") == "%d-%m-%Y"
    assert 'name="decimal_comma" id="decimal_comma" checked' in html
    assert _selected(html, "col-people-person_id") == "Personeelsnummer"
    assert _selected(html, "col-assignments-start_date") == "Datum in dienst"
    assert _selected(html, "col-assignments-fte") == "Deeltijdfactor"
    assert _selected(html, "col-jobs-job_family") == ""  # "Soort functie" is for the user to pick
    values = form_defaults(html, url)
    translations = {values[k.replace("val-", "from-")]: v for k, v in values.items()
                    if k.startswith("val-assignments-contract-")}
    expected = {"Tijdelijk": "fixed_term", "Uitzendkracht": "temporary", "Vast": "permanent", "Stagiair": "intern"}
    in_file = {CONTRACT[c] for c in organisation["assignments"]["contract"].drop_nulls().unique()}
    assert translations == {k: v for k, v in expected.items() if k in in_file} and len(in_file) >= 2
    # samples of the columns, with the accented unit decoded from Windows-1252
    assert "Coördinatie Zuid" in html and "<code>0,85</code>" in html


def test_the_preview_shows_translated_rows_and_the_missing_column(admin, organisation):
    url, html = _open(admin, dutch_export(organisation))
    preview = html.split('id="preview"', 1)[1]
    assignments = preview.split('data-preview="assignments"', 1)[1].split('data-preview=', 1)[0]
    assert "permanent" in assignments and "Vast" not in assignments
    assert f"{organisation['assignments'].height} rijen" in assignments
    jobs = preview.split('data-preview="jobs"', 1)[1].split('data-preview=', 1)[0]
    assert "De verplichte kolom ontbreekt." in jobs and "job_family" in jobs  # not mapped yet


def _saved_toml(admin, organisation, name: str = "Youforce export") -> str:
    url, html = _open(admin, dutch_export(organisation))
    form = form_defaults(html, url) | {"col-jobs-job_family": "Soort functie", "name": name, "action": "save"}
    response = admin.post(url, form)
    assert response.status_code == 302, re.findall(r'role="alert"><p>(.*?)</p>', response.content.decode())
    saved = MappingProfile.objects.get(name=name)
    return admin.get(reverse("mappings:download", args=[saved.pk])).content.decode()


def test_a_saved_profile_downloaded_reads_the_export_back_into_the_original_tables(admin, organisation, tmp_path):
    text = _saved_toml(admin, organisation)
    profile = parse_profile(tomllib.loads(text))
    assert profile.formats.delimiter == ";" and profile.tables["assignments"].values["contract"]["Vast"] == "permanent"
    (tmp_path / "profiel.toml").write_text(text, encoding="utf-8")
    (tmp_path / "export-juni.csv").write_bytes(dutch_export(organisation))  # another name: one source is enough
    result = read_exchange(tmp_path / "export-juni.csv", mapping=tmp_path / "profiel.toml")
    assert result.problems == []
    for table, keys in KEYS.items():
        expected = organisation[table].drop("display_name", strict=False)  # the export carries no names
        if table in ("people", "units", "jobs"):  # the export carries those that have assignments
            ids = organisation["assignments"][keys[0]].unique()
            expected = expected.filter(pl.col(keys[0]).is_in(ids.implode()))
        got = result.tables[table].select(expected.columns)
        assert got.sort(keys).equals(expected.sort(keys)), table


def test_a_taken_name_and_no_tables_are_refused_with_a_message(admin, organisation):
    _saved_toml(admin, organisation, name="Export")
    url, html = _open(admin, dutch_export(organisation))
    form = form_defaults(html, url) | {"name": "Export", "action": "save"}
    response = admin.post(url, form)
    assert response.status_code == 400 and "bestaat al" in response.content.decode()
    no_tables = {k: v for k, v in form.items() if not k.startswith("use-")}
    response = admin.post(url, no_tables | {"name": "Leeg"})
    assert response.status_code == 400 and "Kies ten minste één tabel" in response.content.decode()
    assert MappingProfile.objects.count() == 1


def test_absences_preview_shows_counts_only(admin):
    data = ("Personeelsnummer;Eerste ziektedag;Hersteldatum\nP1;03-02-2024;10-02-2024\nP2;31-02-2024;\n"
            ).encode("cp1252")
    url, html = _open(admin, data, "verzuim.csv")
    assert 'name="use-absences" id="use-absences" checked' in html
    assert "03-02-2024" not in html and "31-02-2024" not in html  # no sample, no row, no problem value
    assert "gezondheidsgegevens" in html
    absences = html.split('data-preview="absences"', 1)[1]
    assert "2 rijen" in absences and "1 × Geen geldige datum" in absences


def test_uploaded_toml_profiles_are_checked_before_they_are_saved(admin):
    bad = SimpleUploadedFile("p.toml", b'[tables.peeple]\ncolumns = { person_id = "Nr" }\n')
    response = admin.post(reverse("mappings:upload_profile"), {"name": "Fout", "file": bad})
    assert response.status_code == 400
    assert "Het mappingprofiel is ongeldig" in response.content.decode() and "peeple" in response.content.decode()
    broken = SimpleUploadedFile("p.toml", b"[tables.people\n")
    response = admin.post(reverse("mappings:upload_profile"), {"name": "Fout", "file": broken})
    assert "geen geldige TOML" in response.content.decode()
    good = SimpleUploadedFile("p.toml", b'[tables.people]\ncolumns = { person_id = "Nr", birth_date = "Geb" }\n')
    assert admin.post(reverse("mappings:upload_profile"), {"name": "Goed", "file": good}).status_code == 302
    assert MappingProfile.objects.get().name == "Goed"


def test_a_column_named_like_health_data_shows_no_examples(admin):
    data = b"Personeelsnummer;Geboortedatum;Verzuimdagen 2024\nP1;03-02-1970;17\nP2;04-05-1980;3\n"
    url, html = _open(admin, data, "medewerkers.csv")
    columns = html.split('data-part="columns"', 1)[1].split("</table>", 1)[0]
    assert "<code>03-02-1970</code>" in columns  # other columns show their examples
    assert "Verzuimdagen 2024" in columns and "<code>17</code>" not in columns
    assert "niet getoond: gezondheidsgegevens" in columns


def test_a_workbook_sheet_is_mapped_and_a_broken_workbook_explained(admin, tmp_path):
    import xlsxwriter

    path = tmp_path / "export.xlsx"
    with xlsxwriter.Workbook(path) as book:
        book.add_worksheet("Toelichting").write_row(0, 0, ["Export van 1 juni"])
        sheet = book.add_worksheet("Medewerkers")
        for r, row in enumerate([["Personeelsnummer", "Geboortedatum", "Geslacht"], ["1", "03-02-1968", "Vrouw"],
                                 ["2", "17-11-1991", "Man"]]):
            sheet.write_row(r, 0, row)
    url, html = _open(admin, path.read_bytes(), "export.xlsx")
    assert _selected(html, "sheet") == "Toelichting"  # the first sheet, until the user picks another
    form = form_defaults(html, url) | {"sheet": "Medewerkers", "action": "preview"}
    html = admin.post(url, form).content.decode()
    # another sheet: its formats and columns are proposed afresh
    assert _selected(html, "col-people-person_id") == "Personeelsnummer"
    assert _selected(html, "date_format") == "%d-%m-%Y"
    form = form_defaults(html, url) | {"name": "Werkmap", "action": "save"}
    assert admin.post(url, form).status_code == 302
    profile = parse_profile(tomllib.loads(MappingProfile.objects.get(name="Werkmap").toml))
    assert profile.formats.source == "Medewerkers" and profile.formats.date_format == "%d-%m-%Y"
    assert profile.tables["people"].values["sex"] == {"Man": "m", "Vrouw": "f"}
    result = read_exchange(path, mapping=_write(tmp_path, MappingProfile.objects.get(name="Werkmap").toml))
    assert result.problems == [] and result.tables["people"]["sex"].to_list() == ["f", "m"]

    broken = admin.post(reverse("mappings:index"), {"file": SimpleUploadedFile("kapot.xlsx", b"PK\x03\x04kapot")})
    assert broken.status_code == 400 and "geen Excel-werkmap" in broken.content.decode()


def _write(folder, text: str):
    path = folder / "profiel.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_builder_speaks_english_when_chosen(admin, organisation):
    admin.post(reverse("set_language"), {"language": "en"})
    url, html = _open(admin, dutch_export(organisation))
    assert "Mapping builder" in html and "How the file is written" in html and "semicolon (;)" in html
    jobs = html.split('data-preview="jobs"', 1)[1].split('data-preview=', 1)[0]
    assert "The required column is missing." in jobs


def test_a_zip_posing_as_a_workbook_or_a_binary_csv_gets_a_page_not_an_error(admin):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "geen werkmap")
    _url, html = _open(admin, buffer.getvalue(), "export.xlsx")
    assert "Met deze instellingen konden geen kolommen worden gelezen" in html
    assert "De Excel-werkmap kan niet worden gelezen" in html
    _url, html = _open(admin, b"\x00\x01\x02binary", "export.csv")
    assert "Met deze instellingen konden geen kolommen worden gelezen" in html
