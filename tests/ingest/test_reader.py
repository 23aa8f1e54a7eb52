"""Reading exchange files: folders, single files, workbooks, and byte-level damage."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from levensfase.ingest.reader import read_exchange
from levensfase.model.schema import TABLES
from levensfase.model.workforce import Workforce

VALID = Path(__file__).parent / "fixtures" / "valid"


def dataset(tmp_path: Path, **files: str | bytes) -> Path:
    """The valid fixture folder with some files replaced (text or bytes) or removed (empty string key → None)."""
    folder = tmp_path / "import"
    shutil.copytree(VALID, folder)
    for name, content in files.items():
        target = folder / f"{name}.csv"
        if content is None:
            target.unlink()
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


def codes(result) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.row, p.column, p.code) for p in result.problems]


def test_valid_folder_reads_every_table_with_schema_dtypes(tmp_path):
    result = read_exchange(dataset(tmp_path))
    assert result.ok, result.problems
    assert sorted(result.tables) == ["assignments", "jobs", "people", "surveys", "units"]
    assert {name: frame.height for name, frame in result.tables.items()} == {
        "units": 3, "jobs": 2, "people": 3, "assignments": 6, "surveys": 3}
    for name, frame in result.tables.items():
        assert frame.schema == pl.Schema(TABLES[name].polars_schema)
    people = result.tables["people"]
    assert people.filter(pl.col("person_id") == "p3")["sex"].to_list() == [None]
    fte = result.tables["assignments"]["fte"].to_list()
    assert sum(fte) == pytest.approx(0.8 + 1.0 + 0.6 + 0.8 + 0.5 + 0.5)
    # spells by hand: p1 one (internal move), p2 two (re-hire after a gap), p3 one (two concurrent jobs)
    spells = Workforce.from_tables(result.tables).spells
    assert spells.select("person_id", "start_date", "end_date", "end_reason").rows() == [
        ("p1", date(2010, 1, 1), None, None),
        ("p2", date(2018, 3, 1), date(2020, 2, 29), "voluntary"),
        ("p2", date(2022, 1, 1), None, None),
        ("p3", date(2019, 6, 1), None, None),
    ]


def test_path_that_does_not_exist(tmp_path):
    result = read_exchange(tmp_path / "nope")
    assert not result.ok and codes(result) == [("nope", None, None, "not_found")]


def test_folder_without_known_files(tmp_path):
    (tmp_path / "medewerkers.csv").write_text("a,b\n1,2\n")
    result = read_exchange(tmp_path)
    assert codes(result) == [(tmp_path.name, None, None, "no_tables")]
    assert any("medewerkers.csv" in note for note in result.notes)
    assert result.tables == {}


def test_unknown_file_and_unknown_column_are_notes_not_errors(tmp_path):
    folder = dataset(tmp_path, people="person_id,birth_date,sex,shoe_size\np1,1970-05-01,f,38\n"
                     "p2,1990-11-15,m,44\np3,1985-02-28,,40\n")
    (folder / "readme.csv").write_text("x\n1\n")
    result = read_exchange(folder)
    assert result.ok
    assert "people.csv: onbekende kolom 'shoe_size' wordt genegeerd." in result.notes
    assert "people.csv: unknown column 'shoe_size' is ignored." in result.notes_en
    assert any("readme.csv" in n for n in result.notes_en)
    assert result.tables["people"].columns == ["person_id", "birth_date", "sex", "display_name"]


def test_empty_file(tmp_path):
    result = read_exchange(dataset(tmp_path, surveys=b""))
    assert codes(result) == [("surveys.csv", None, None, "empty_file")]
    assert "surveys" not in result.tables


def test_header_only_file_is_an_empty_table(tmp_path):
    result = read_exchange(dataset(tmp_path, surveys="person_id,date,instrument,item,value\n"))
    assert result.ok and result.tables["surveys"].height == 0


def test_binary_junk(tmp_path):
    result = read_exchange(dataset(tmp_path, surveys=b"PK\x03\x04\x14\x00\x00\x00junk\x00\xff"))
    assert codes(result) == [("surveys.csv", None, None, "binary_file")]


def test_undecodable_bytes_reported_per_line_and_bom_tolerated(tmp_path):
    units = "\ufeffunit_id,name,parent_id\norg,Organisatie,\n".encode() + b"zorg,Zorg \xe9n welzijn,org\nstaf,Staf,org\n"
    result = read_exchange(dataset(tmp_path, units=units))
    # line 3 holds a Windows-1252 byte; the BOM on line 1 is not a problem (unit_id is still read)
    assert [(p.file, p.row, p.code) for p in result.problems] == [("units.csv", 3, "bad_encoding")]
    assert result.problems[0].reason_en.startswith("Characters that are not valid utf-8")


def test_wrong_field_counts(tmp_path):
    text = "person_id,birth_date,sex\np1,1970-05-01\np2,1990-11-15,m,extra\np3,1985-02-28,\n"
    result = read_exchange(dataset(tmp_path, people=text))
    assert codes(result) == [("people.csv", 2, None, "wrong_field_count"), ("people.csv", 3, None, "wrong_field_count")]
    assert result.problems[0].reason_en == "This row has 2 fields; the header has 3."


def test_quoted_fields_blank_lines_and_crlf(tmp_path):
    units = 'unit_id,name,parent_id\r\norg,"Organisatie, ""hoofd""",\r\n\r\nzorg,"Zorg\nen welzijn",org\r\nstaf,Staf,org\r\n'
    result = read_exchange(dataset(tmp_path, units=units))
    assert result.ok, result.problems
    assert result.tables["units"]["name"].to_list() == ['Organisatie, "hoofd"', "Zorg\nen welzijn", "Staf"]
    bad = units.replace("staf,Staf,org", "staf,Staf,nowhere")
    result = read_exchange(dataset(tmp_path / "b", units=bad))
    # physical line 6 (header 1, org 2, blank 3, zorg spans 4-5): a spreadsheet shows it there
    assert codes(result) == [("units.csv", 6, "parent_id", "unknown_reference")]


def test_unclosed_quote(tmp_path):
    result = read_exchange(dataset(tmp_path, units='unit_id,name,parent_id\norg,"Organisatie,\n'))
    assert [p.code for p in result.problems if p.file == "units.csv"] == ["bad_quoting"]


def test_single_exchange_csv_without_mapping_and_foreign_csv(tmp_path):
    folder = dataset(tmp_path)
    result = read_exchange(folder / "people.csv")
    assert result.ok and list(result.tables) == ["people"]
    (tmp_path / "export.csv").write_text("a,b\n1,2\n")
    result = read_exchange(tmp_path / "export.csv")
    assert codes(result) == [("export.csv", None, None, "needs_mapping")]


def test_existing_tables_resolve_references_for_absent_tables(tmp_path):
    folder = tmp_path / "only_surveys"
    folder.mkdir()
    (folder / "surveys.csv").write_text("person_id,date,instrument,item,value\np1,2024-01-10,was,score,7\n"
                                        "p9,2024-01-10,was,score,6\n")
    alone = read_exchange(folder)
    assert codes(alone) == [("surveys.csv", 1, "person_id", "missing_reference_table")]
    stored = {"people": pl.DataFrame({"person_id": ["p1", "p2"], "birth_date": [date(1970, 1, 1)] * 2})}
    result = read_exchange(folder, existing=stored)
    assert codes(result) == [("surveys.csv", 3, "person_id", "unknown_reference")]
    assert result.problems[0].value == "p9"


def test_xlsx_workbook_one_sheet_per_table(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "people"
    sheet.append(["person_id", "birth_date", "sex"])
    sheet.append(["p1", date(1970, 5, 1), "f"])
    sheet.append(["p2", "1990-13-01", "m"])
    units = book.create_sheet("units")
    units.append(["unit_id", "name", "parent_id"])
    units.append(["org", "Organisatie", None])
    jobs = book.create_sheet("jobs")
    jobs.append(["job_id", "title", "job_family", "work_demand", "grade"])
    jobs.append(["vp", "Verpleegkundige", "zorg", "mixed", 7.0])  # Excel stores numbers as floats
    book.create_sheet("notities").append(["vrije tekst"])
    path = tmp_path / "levensfase.xlsx"
    book.save(path)
    result = read_exchange(path)
    assert codes(result) == [("levensfase.xlsx:people", 3, "birth_date", "bad_date")]
    assert result.problems[0].value == "1990-13-01"
    assert result.tables["people"]["birth_date"].to_list() == [date(1970, 5, 1), None]
    assert result.tables["jobs"]["grade"].to_list() == [7]
    assert any("notities" in n for n in result.notes)


def test_damaged_workbook(tmp_path):
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(b"this is no zip file")
    result = read_exchange(path)
    assert [p.code for p in result.problems] == ["bad_workbook"]
