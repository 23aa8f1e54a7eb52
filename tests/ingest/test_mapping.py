"""Mapping profiles: a Dutch HRIS export (cp1252, semicolons, decimal comma, dd-mm-yyyy) and profile errors."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from levensfase.ingest.mapping import PROFILES_DIR
from levensfase.ingest.reader import open_exchange, read_exchange
from levensfase.model.workforce import Workforce

HRIS = Path(__file__).parent / "fixtures" / "hris_nl"
NL_PROFILE = PROFILES_DIR / "nl_hris_export.toml"


def copy_export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(HRIS, folder)
    return folder


def test_dutch_hris_export_through_the_example_profile():
    result = read_exchange(HRIS, mapping=NL_PROFILE)
    assert result.ok, result.problems
    people = result.tables["people"].sort("person_id").select("person_id", "birth_date", "sex")
    assert people.rows() == [("1001", date(1968, 2, 3), "f"), ("1002", date(1991, 11, 17), "m"),
                             ("1003", date(1984, 2, 29), None)]
    units = result.tables["units"]
    assert units.rows() == [("ORG", "Stichting Zorggroep", None), ("WZ", "Wijkzorg Noord", "ORG")]
    jobs = result.tables["jobs"]
    # Windows-1252 byte 0xF6 is ö; the duplicate F01 rows collapse into one job
    assert jobs.rows() == [("F01", "Verzorgende IG", "Zorg", "physical", 6),
                           ("F02", "Coördinator zorg", "Zorg", "mixed", 8),
                           ("F03", "Medewerker personeelszaken", "Staf", "mental", 7)]
    a = result.tables["assignments"]
    assert a["fte"].to_list() == [0.8889, 1.0, 0.6, 0.5]
    assert a["contract"].to_list() == ["permanent", "permanent", "fixed_term", "permanent"]
    assert a["end_reason"].to_list() == [None, None, "voluntary", None]
    assert a["end_date"].to_list() == [date(2014, 12, 31), None, date(2021, 2, 28), None]
    spells = Workforce.from_tables(result.tables).spells
    assert spells.select("person_id", "start_date", "end_date", "end_reason").rows() == [
        ("1001", date(1995, 4, 1), None, None),
        ("1002", date(2016, 9, 1), date(2021, 2, 28), "voluntary"),
        ("1003", date(2020, 5, 15), None, None),
    ]


def test_problems_name_the_source_file_and_column(tmp_path):
    folder = copy_export(tmp_path)
    text = (HRIS / "dienstverbanden.csv").read_bytes().decode("cp1252")
    text = text.replace("0,6;Bepaalde tijd;Eigen verzoek", "0,6;Bepaalde tijd;Ruzie").replace("15-05-2020", "2020-05-15")
    (folder / "dienstverbanden.csv").write_bytes(text.encode("cp1252"))
    result = read_exchange(folder, mapping=NL_PROFILE)
    assert [(p.file, p.row, p.column, p.value, p.code) for p in result.problems] == [
        ("dienstverbanden.csv", 4, "Reden uit dienst", "Ruzie", "bad_enum"),
        ("dienstverbanden.csv", 5, "Begindatum", "2020-05-15", "bad_date"),
    ]
    assert result.problems[1].reason_en == "Not a valid date; expected %d-%m-%Y."


def test_text_longer_than_the_destination_stores_names_the_source_row_and_column():
    exchange = open_exchange(HRIS, mapping=NL_PROFILE)
    result = exchange.read(limits={"jobs": {"title": 15}})  # "Verzorgende IG" fits, 14 characters
    assert [(p.file, p.row, p.column, p.value, p.code) for p in result.problems] == [
        ("dienstverbanden.csv", 3, "Functie", "Coördinator zorg", "too_long"),
        ("dienstverbanden.csv", 5, "Functie", "Medewerker personeelszaken", "too_long"),
    ]
    assert result.problems[0].reason_en == "Text longer than 15 characters; the database cannot store that much."
    assert read_exchange(HRIS, mapping=NL_PROFILE).ok  # the exchange format itself sets no limit


def test_conflicting_derived_rows_are_duplicate_keys(tmp_path):
    folder = copy_export(tmp_path)
    text = (HRIS / "dienstverbanden.csv").read_bytes().decode("cp1252")
    text = text.replace("1002;01-09-2016;28-02-2021;WZ;Wijkzorg Noord", "1002;01-09-2016;28-02-2021;WZ;Wijkzorg Zuid")
    (folder / "dienstverbanden.csv").write_bytes(text.encode("cp1252"))
    result = read_exchange(folder, mapping=NL_PROFILE)
    assert [(p.file, p.row, p.column, p.code) for p in result.problems] == [
        ("dienstverbanden.csv", 4, "Afdelingscode", "duplicate_key")]


def test_missing_source_file(tmp_path):
    folder = copy_export(tmp_path)
    (folder / "medewerkers.csv").unlink()
    result = read_exchange(folder, mapping=NL_PROFILE)
    codes = {p.code for p in result.problems}
    assert "missing_source" in codes and "missing_reference_table" in codes


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("[tables.peeple]\ncolumns = {}\n", "peeple"),
        ("[tables.people]\ncolums = {}\n", "colums"),
        ("[tables.people]\ncolumns = { birthday = 'X' }\n", "birthday"),
        ("[profile]\ndelimiter = ';;'\n[tables.people]\n", "delimiter"),
        ("[profile\n", "not valid TOML"),
        ("[profile]\nname = 'x'\n", "maps no tables"),
        ("[snapshot]\nage = 'A'\nyears_at_company = 'Y'\n[tables.people]\n", "reference_date"),
    ],
)
def test_bad_profiles_are_reported_not_raised(tmp_path, toml, fragment):
    profile = tmp_path / "p.toml"
    profile.write_text(toml)
    result = read_exchange(HRIS, mapping=profile)
    assert [p.code for p in result.problems] == ["bad_profile"]
    assert fragment in result.problems[0].reason_en
    assert result.tables == {}


def test_template_constants_and_snapshot_from_a_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Personeel"
    sheet.append(["Nr", "Leeftijd", "Jaren in dienst", "Afd", "Rol", "Niveau", "Uit dienst"])
    sheet.append([7, 40, 3, "A", "Analist", 2, "nee"])
    sheet.append([8, 61, 0, "A", "Analist", 3, "ja"])
    path = tmp_path / "snapshot.xlsx"
    book.save(path)
    profile = tmp_path / "p.toml"
    profile.write_text(
        "[profile]\nsource = 'Personeel'\n"
        "[snapshot]\nreference_date = 2024-06-30\nage = 'Leeftijd'\nyears_at_company = 'Jaren in dienst'\n"
        "left = 'Uit dienst'\nleft_values = ['ja']\nend_reason = 'retirement'\n"
        "[tables.people]\ncolumns = { person_id = 'Nr' }\n"
        "[tables.units]\ncolumns = { unit_id = 'Afd', name = 'Afd' }\ndistinct = true\n"
        "[tables.jobs]\ncolumns = { job_id = '{Rol}-{Niveau}', title = 'Rol', grade = 'Niveau' }\n"
        "constants = { job_family = 'Analyse', work_demand = 'mental' }\ndistinct = true\n"
        "[tables.assignments]\ncolumns = { person_id = 'Nr', unit_id = 'Afd', job_id = '{Rol}-{Niveau}' }\n"
        "constants = { fte = '1' }\n"
    )
    result = read_exchange(path, mapping=profile)
    assert result.ok, result.problems
    # age 40 on 2024-06-30: born in (1983-06-30, 1984-06-30]; middle = 1984-06-30 − 182 d = 1983-12-31
    # (1984 is a leap year); age 61: 1963-06-30 − 182 d = 1962-12-30; 3 years: 2021-06-30 − 182 d = 2020-12-30
    assert result.tables["people"].select("person_id", "birth_date", "sex").rows() == [
        ("7", date(1983, 12, 31), None), ("8", date(1962, 12, 30), None)]
    assert result.tables["jobs"]["job_id"].to_list() == ["Analist-2", "Analist-3"]
    a = result.tables["assignments"]
    assert a.select("start_date", "end_date", "end_reason").rows() == [
        (date(2020, 12, 30), None, None), (date(2023, 12, 31), date(2024, 6, 30), "retirement")]
    assert any("Geboortedata benaderd uit leeftijd" in n for n in result.notes)
    assert any("Birth dates approximated from age" in n for n in result.notes_en)


def test_unparsable_snapshot_age(tmp_path):
    source = tmp_path / "x.csv"
    source.write_text("id,age,years\n1,veertig,2\n")
    profile = tmp_path / "p.toml"
    profile.write_text("[snapshot]\nreference_date = 2024-01-01\nage = 'age'\nyears_at_company = 'years'\n"
                       "[tables.people]\nsource = 'x.csv'\ncolumns = { person_id = 'id' }\n")
    result = read_exchange(source, mapping=profile)
    assert [(p.row, p.column, p.code) for p in result.problems] == [(2, "age", "missing_value")]
    assert pl.DataFrame(result.tables["people"]).height == 1
