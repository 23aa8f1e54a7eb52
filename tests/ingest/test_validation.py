"""One test per kind of bad input: the exact file, row, column and code, and never ok."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from levensfase.ingest.reader import read_exchange, validate_tables

VALID = Path(__file__).parent / "fixtures" / "valid"
A_HEADER = "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason\n"


def read_with(tmp_path: Path, **files: str):
    folder = tmp_path / "import"
    shutil.copytree(VALID, folder)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return read_exchange(folder)


def located(result) -> list[tuple[str, int | None, str | None, str | None, str]]:
    return [(p.file, p.row, p.column, p.value, p.code) for p in result.problems]


PEOPLE = "person_id,birth_date,sex\n"
ONE_PERSON_REST = "p2,1990-11-15,m\np3,1985-02-28,\n"


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        (PEOPLE + ",1970-05-01,f\n", ("people.csv", 2, "person_id", None, "missing_value")),
        (PEOPLE + "p1,01-05-1970,f\n", ("people.csv", 2, "birth_date", "01-05-1970", "bad_date")),
        (PEOPLE + "p1,1970-5-1,f\n", ("people.csv", 2, "birth_date", "1970-5-1", "bad_date")),
        (PEOPLE + "p1,1971-02-29,f\n", ("people.csv", 2, "birth_date", "1971-02-29", "bad_date")),
        (PEOPLE + "p1,1970-05-01,v\n", ("people.csv", 2, "sex", "v", "bad_enum")),
    ],
)
def test_people_value_errors(tmp_path, people, expected):
    result = read_with(tmp_path, people=people + ONE_PERSON_REST)
    assert not result.ok
    assert [p for p in located(result) if p[0] == "people.csv"] == [expected]


def test_bad_date_reason_names_the_format(tmp_path):
    result = read_with(tmp_path, people=PEOPLE + "p1,1-5-1970,f\n" + ONE_PERSON_REST)
    assert result.problems[0].reason == "Geen geldige datum; verwacht JJJJ-MM-DD."
    assert result.problems[0].reason_en == "Not a valid date; expected YYYY-MM-DD."


@pytest.mark.parametrize(
    ("grade", "code"),
    [("zeven", "bad_number"), ("7.5", "not_integer"), ("101", "out_of_range"), ("-1", "out_of_range")],
)
def test_grade_must_be_an_integer_in_range(tmp_path, grade, code):
    jobs = f"job_id,title,job_family,work_demand,grade\nvp,Verpleegkundige,zorg,mixed,{grade}\nhr,HR,staf,mental,9\n"
    result = read_with(tmp_path, jobs=jobs)
    assert located(result) == [("jobs.csv", 2, "grade", grade, code)]


def test_work_demand_enum(tmp_path):
    jobs = "job_id,title,job_family,work_demand,grade\nvp,Verpleegkundige,zorg,Fysiek,7\nhr,HR,staf,mental,\n"
    result = read_with(tmp_path, jobs=jobs)
    assert located(result) == [("jobs.csv", 2, "work_demand", "Fysiek", "bad_enum")]
    assert result.problems[0].reason_en == "Unknown value; allowed: physical | mental | mixed."


@pytest.mark.parametrize(("fte", "code"), [("0", "fte_out_of_range"), ("1.21", "fte_out_of_range"),
                                           ("-0.5", "fte_out_of_range"), ('"0,8"', "bad_number"), ("nan", "bad_number")])
def test_fte_bounds(tmp_path, fte, code):
    text = A_HEADER + f"p1,2010-01-01,,zorg,vp,{fte},permanent,\np2,2018-03-01,,zorg,vp,1.2,,\np3,2019-06-01,,staf,hr,0.5,,\n"
    result = read_with(tmp_path, assignments=text)
    assert located(result) == [("assignments.csv", 2, "fte", fte.strip('"'), code)]


def test_missing_required_column(tmp_path):
    result = read_with(tmp_path, people="person_id,sex\np1,f\np2,m\np3,\n")
    assert located(result) == [("people.csv", 1, "birth_date", None, "missing_column")]


def test_end_before_start(tmp_path):
    text = A_HEADER + "p1,2010-01-01,2009-12-31,zorg,vp,1,,voluntary\np2,2018-03-01,,zorg,vp,1,,\np3,2019-06-01,,staf,hr,1,,\n"
    result = read_with(tmp_path, assignments=text)
    assert located(result) == [("assignments.csv", 2, "end_date", "2009-12-31", "end_before_start")]


def test_duplicate_natural_key(tmp_path):
    result = read_with(tmp_path, people=PEOPLE + "p1,1970-05-01,f\n" + ONE_PERSON_REST + "p1,1971-01-01,m\n")
    assert located(result) == [("people.csv", 5, "person_id", "p1", "duplicate_key")]
    surveys = "person_id,date,instrument,item,value\np1,2023-05-01,wai,q1,8\np1,2023-05-01,wai,q1,9\n"
    result = read_with(tmp_path / "s", surveys=surveys)
    assert located(result) == [("surveys.csv", 3, "person_id, date, instrument, item", "p1 / 2023-05-01 / wai / q1",
                                "duplicate_key")]


def test_unknown_references(tmp_path):
    text = A_HEADER + "p1,2010-01-01,,zorg,vp,1,,\np2,2018-03-01,,kantine,vp,1,,\np4,2019-06-01,,staf,kok,1,,\n"
    result = read_with(tmp_path, assignments=text)
    assert located(result) == [
        ("assignments.csv", 3, "unit_id", "kantine", "unknown_reference"),
        ("assignments.csv", 4, "job_id", "kok", "unknown_reference"),
        ("assignments.csv", 4, "person_id", "p4", "unknown_reference"),
    ]
    assert result.problems[0].reason == "Onbekende verwijzing: deze waarde staat niet in units.csv."


def test_unit_tree_cycle(tmp_path):
    units = "unit_id,name,parent_id\norg,Organisatie,\nzorg,Zorg,staf\nstaf,Staf,zorg\nwijk,Wijk,wijk\n"
    result = read_with(tmp_path, units=units)
    assert located(result) == [
        ("units.csv", 3, "parent_id", "staf", "unit_cycle"),
        ("units.csv", 4, "parent_id", "zorg", "unit_cycle"),
        ("units.csv", 5, "parent_id", "wijk", "unit_cycle"),
    ]


def test_overlapping_assignments_in_the_same_job(tmp_path):
    text = A_HEADER + (
        "p1,2010-01-01,2012-12-31,zorg,vp,0.5,,\n"
        "p1,2012-06-01,,staf,vp,0.5,,\n"          # same job, starts before row 2 ends: overlap
        "p2,2018-01-01,,zorg,vp,0.5,,\n"
        "p2,2018-01-01,,zorg,hr,0.5,,\n"          # concurrent, other job: allowed
        "p3,2019-06-01,,staf,hr,1,,\n"
    )
    result = read_with(tmp_path, assignments=text)
    assert located(result) == [("assignments.csv", 3, "start_date", "2012-06-01", "overlapping_assignment")]
    assert result.problems[0].reason_en.endswith("(row 2).")


def test_end_reason_rules(tmp_path):
    text = A_HEADER + (
        "p1,2010-01-01,2015-12-31,zorg,vp,1,,voluntary\n"   # followed directly by row 3: internal move
        "p1,2016-01-01,2017-06-30,staf,hr,1,,\n"            # ends the spell without a reason
        "p2,2018-03-01,,zorg,vp,1,,retirement\n"            # open assignment with a reason
        "p3,2019-06-01,2020-05-31,staf,hr,0.5,,\n"          # concurrent job ends, the other continues: fine
        "p3,2019-06-01,,zorg,vp,0.5,,\n"
    )
    result = read_with(tmp_path, assignments=text)
    assert located(result) == [
        ("assignments.csv", 2, "end_reason", "voluntary", "end_reason_on_internal_move"),
        ("assignments.csv", 3, "end_reason", None, "missing_end_reason"),
        ("assignments.csv", 4, "end_reason", "retirement", "end_reason_on_open"),
    ]


@pytest.mark.parametrize(
    ("instrument", "item", "value", "ok"),
    [("wai", "q1", "10", True), ("wai", "q1", "11", False), ("wai", "q2_physical", "0", False),
     ("wai", "q3_diseases", "12", True), ("wai", "q3_diseases", "-1", False), ("wai", "q4", "7", False),
     ("wai", "q5_sick_days", "366", False), ("wai", "q6", "4", True), ("wai", "q6", "5", False),
     ("wai", "q7_3", "4", True), ("wai", "q7_3", "5", False), ("was", "score", "10.5", False),
     ("uwes9", "9", "6", True), ("uwes9", "9", "7", False), ("uwes17", "17", "-1", False),
     ("uwes9", "free_text_item", "99", True)],
)
def test_survey_instrument_ranges(tmp_path, instrument, item, value, ok):
    surveys = f"person_id,date,instrument,item,value\np1,2023-05-01,{instrument},{item},{value}\n"
    result = read_with(tmp_path, surveys=surveys)
    assert result.ok is ok
    if not ok:
        assert located(result) == [("surveys.csv", 2, "value", value, "out_of_range")]


def test_multi_error_file_reports_every_error_and_returns_nothing_ok(tmp_path):
    people = PEOPLE + "p1,1970-05-01,q\n,1990-11-15,m\np3,15-02-1985,\np3,1985-02-28,f\n"
    result = read_with(tmp_path, people=people)
    assert not result.ok
    assert [(p.row, p.column, p.code) for p in result.problems if p.file == "people.csv"] == [
        (2, "sex", "bad_enum"), (3, "person_id", "missing_value"), (4, "birth_date", "bad_date"),
        (5, "person_id", "duplicate_key"),
    ]
    # p2 is gone from people, so its assignments and survey are unknown references, reported too
    others = {(p.file, p.row, p.code) for p in result.problems if p.file != "people.csv"}
    assert others == {("assignments.csv", 4, "unknown_reference"), ("assignments.csv", 5, "unknown_reference"),
                      ("surveys.csv", 4, "unknown_reference")}


def test_validate_tables_on_typed_frames():
    tables = {
        "people": pl.DataFrame({"person_id": ["a", "b"], "birth_date": [date(1980, 1, 1), date(1990, 1, 1)]}),
        "units": pl.DataFrame({"unit_id": ["u"], "name": ["U"]}),
        "jobs": pl.DataFrame({"job_id": ["j"], "title": ["J"], "job_family": ["f"], "work_demand": ["mixed"]}),
        "assignments": pl.DataFrame({
            "person_id": ["a", "b"], "start_date": [date(2020, 1, 1)] * 2, "end_date": [None, date(2021, 1, 1)],
            "unit_id": ["u", "u"], "job_id": ["j", "j"], "fte": [1.0, 1.5],
        }),
    }
    problems = validate_tables(tables)
    assert [(p.file, p.row, p.column, p.code) for p in problems] == [
        ("assignments.csv", 3, "end_reason", "missing_end_reason"),
        ("assignments.csv", 3, "fte", "fte_out_of_range"),
    ]
