"""The inputs a fuzzing campaign found (issue 15, item 6), each now a problem at its file, row and column.

Before, these ended in "Onverwachte fout" (exit 70), in "Het bestand kon niet worden gelezen"
without a place, or were accepted and then broke five pages and `levensfase analyse`.
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from levensfase.ingest.reader import read_exchange

VALID = Path(__file__).parent / "fixtures" / "valid"
UNITS = "unit_id,name,parent_id\norg,Organisatie,\nzorg,Zorg,org\nstaf,Staf,org\n"


def folder(tmp_path: Path, **files: str | bytes) -> Path:
    out = tmp_path / "org"
    shutil.copytree(VALID, out)
    for name, content in files.items():
        path = out / f"{name}.csv"
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return out


def located(path: Path, *, skip=("unknown_reference", "missing_reference_table")) -> list[tuple]:
    return [(p.file, p.row, p.column, p.code) for p in read_exchange(path).problems if p.code not in skip]


def test_a_semicolon_header_says_so_and_names_the_missing_columns(tmp_path):
    found = located(folder(tmp_path, units=UNITS.replace(",", ";")))
    assert found == [("units.csv", 1, None, "wrong_delimiter"), ("units.csv", 1, "name", "missing_column"),
                     ("units.csv", 1, "unit_id", "missing_column")]


def test_a_double_bom_hides_the_first_column(tmp_path):
    found = located(folder(tmp_path, units=b"\xef\xbb\xbf\xef\xbb\xbf" + UNITS.encode()))
    assert found == [("units.csv", 1, "unit_id", "stray_bom"), ("units.csv", 1, "unit_id", "missing_column")]


def test_a_renamed_key_column_is_a_missing_column(tmp_path):
    found = located(folder(tmp_path, units=UNITS.replace("unit_id", "afdeling")))
    assert found == [("units.csv", 1, "unit_id", "missing_column")]


@pytest.mark.parametrize(("table", "header", "row"), [
    ("jobs", "job_id,title,job_family,work_demand,grade", "x,X,f,mixed,{v}"),
    ("job_skills", "job_id,skill_id,level_required", "vp,s1,{v}"),
    ("person_skills", "person_id,skill_id,level,source,date", "p1,s1,{v},self,2024-01-01"),
])
def test_1e30_in_a_whole_number_column_is_out_of_range(tmp_path, table, header, row):
    files = {"skills": "skill_id,name,kind,esco_uri\ns1,Samenwerken,attitude,\n",
             table: f"{header}\n{row.format(v='1e30')}\n"}
    column = header.split(",")[row.split(",").index("{v}")]
    assert located(folder(tmp_path, **files)) == [(f"{table}.csv", 2, column, "out_of_range")]


@pytest.mark.parametrize("birth", ["9999-12-31", "0000-01-01", "0001-01-01", "2100-01-01", "1899-12-31",
                                   f"{date.today().year - 5}-01-01"])
def test_implausible_birth_dates(tmp_path, birth):
    people = f"person_id,birth_date,sex\np1,{birth},f\np2,1990-11-15,m\n"
    assert located(folder(tmp_path, people=people)) == [("people.csv", 2, "birth_date", "implausible_date")]


def test_implausible_start_and_end_dates_and_the_open_end_of_sap(tmp_path):
    head = "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason\n"
    path = folder(tmp_path, assignments=head + "p1,0000-01-01,,zorg,vp,0.8,permanent,\n"
                  "p2,1949-12-31,,zorg,vp,0.8,permanent,\n"
                  f"p2,{date.today().year + 3}-01-01,,staf,hr,0.2,permanent,\n")
    assert located(path) == [("assignments.csv", r, "start_date", "implausible_date") for r in (2, 3, 4)]

    ok = folder(tmp_path / "b", assignments=head + "p1,2010-01-01,9999-12-31,zorg,vp,0.8,permanent,\n"
                "p2,2012-01-01,2199-12-31,zorg,vp,0.8,permanent,retirement\n")
    result = read_exchange(ok)
    assert result.ok, result.problems
    # 9999-12-31 reads as "no end date"; a planned end far ahead stays
    assert result.tables["assignments"]["end_date"].to_list() == [None, date(2199, 12, 31)]


def test_a_first_assignment_before_the_age_of_13(tmp_path):
    people = "person_id,birth_date,sex\np1,2000-05-01,f\np2,1990-11-15,m\n"
    head = "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason\n"
    assignments = head + "p1,2013-04-30,2013-12-31,zorg,vp,0.8,permanent,\np1,2014-01-01,,zorg,hr,0.8,permanent,\n"
    result = read_exchange(folder(tmp_path, people=people, assignments=assignments))
    (found,) = result.problems
    assert (found.file, found.row, found.column, found.value, found.code) == (
        "assignments.csv", 2, "start_date", "2013-04-30", "too_young")
    assert "2000-05-01" in found.reason
    ok = assignments.replace("2013-04-30", "2013-05-01")  # the 13th birthday itself is fine
    assert read_exchange(folder(tmp_path / "b", people=people, assignments=ok)).ok


@pytest.mark.parametrize("pid", ["p/1", "p 1", "p\t1", "../p1", "é1", "x" * 65, "-p1"])
def test_unsafe_person_ids(tmp_path, pid):
    people = f'person_id,birth_date,sex\n"{pid}",1970-05-01,f\np2,1990-11-15,m\n'
    assert ("people.csv", 2, "person_id", "bad_id") in located(folder(tmp_path, people=people))


def test_catalog_ids_may_be_labels_but_hold_no_control_characters(tmp_path):
    units = UNITS + "Research & Development/R&D,R&D,org\n"
    assert located(folder(tmp_path, units=units)) == []
    assert located(folder(tmp_path / "b", units=UNITS + '"a\x01b",X,org\n')) == [("units.csv", 5, "unit_id", "bad_id")]


def test_unit_cycles_are_problems(tmp_path):
    units = UNITS + "a,A,b\nb,B,a\nc,C,c\n"
    assert located(folder(tmp_path, units=units)) == [("units.csv", r, "parent_id", "unit_cycle") for r in (5, 6, 7)]


def test_nul_bytes_are_located_and_a_nul_in_the_header_is_binary(tmp_path):
    people = b"person_id,birth_date,sex\np1,1970-05-01,f\x00\np2,1990-11-15,m\n"
    assert located(folder(tmp_path, people=people)) == [("people.csv", 2, "sex", "nul_byte")]
    assert located(folder(tmp_path / "b", people=b"person\x00_id,birth_date\n")) == [
        ("people.csv", None, None, "binary_file")]


def test_a_symlinked_file_is_not_read(tmp_path):
    path = folder(tmp_path)
    (path / "units.csv").unlink()
    (path / "units.csv").symlink_to("/etc/passwd")
    assert located(path) == [("units.csv", None, None, "not_regular_file")]


def test_cp1252_bytes_are_located_by_row_and_column(tmp_path):
    units = UNITS.encode() + "x,Zé,org\n".encode("cp1252")
    assert located(folder(tmp_path, units=units)) == [("units.csv", 5, "name", "bad_encoding")]


def test_a_utf16_file_is_an_encoding_problem_not_binary(tmp_path):
    people = "person_id,birth_date,sex\np1,1970-05-01,f\n".encode("utf-16")
    assert located(folder(tmp_path, people=people)) == [("people.csv", 1, None, "bad_encoding")]


def _workbook(tmp_path: Path, damage) -> Path:
    from levensfase.ingest.writer import write_exchange

    frames = {p.stem: __import__("polars").read_csv(p, infer_schema=False) for p in VALID.glob("*.csv")}
    (book,) = write_exchange({"units": frames["units"]}, tmp_path / "wb", format="xlsx")
    with zipfile.ZipFile(book) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["xl/worksheets/sheet1.xml"] = damage(members["xl/worksheets/sheet1.xml"])
    out = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out


@pytest.mark.parametrize("damage", [
    lambda xml: xml.replace(b"<sheetData>", b"<sheetData>&undefined;", 1),
    lambda xml: xml[: len(xml) * 2 // 3],
], ids=["undefined entity", "truncated sheet"])
def test_a_damaged_sheet_is_a_workbook_problem(tmp_path, damage):
    problems = read_exchange(_workbook(tmp_path, damage)).problems
    assert [(p.file, p.code) for p in problems] == [("damaged.xlsx:units", "bad_workbook")]
    assert "ParseError" in problems[0].reason
