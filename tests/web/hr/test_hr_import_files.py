"""import_files: files read, checked and stored table by table, the next read while one is stored."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.db import connection
from polars.testing import assert_frame_equal

from levensfase.ingest import reader
from levensfase.ingest.reader import READ_ORDER, read_exchange
from levensfase.ingest.writer import write_exchange
from levensfase.model.schema import TABLE_ORDER, TABLES
from levensfase.web.hr import bulk, writing
from levensfase.web.hr.models import ImportRun
from levensfase.web.hr.selectors import load_tables
from levensfase.web.hr.services import ImportRefused, TableChange, import_files
from levensfase.web.hr.tables import DB_TABLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(small_tables, tmp_path) -> Path:
    write_exchange(small_tables, tmp_path / "import", format="csv")
    return tmp_path / "import"


def _replace_cell(path: Path, *, row: int, column: str, value: str) -> None:
    """Set one cell of a written CSV (row: the spreadsheet row, header = 1)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[row - 1].split(",")
    cells[header.index(column)] = value
    lines[row - 1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _all_empty() -> bool:
    with connection.cursor() as cursor:
        return bulk.all_empty(cursor, [DB_TABLES[n].db_table for n in TABLE_ORDER])


def _index_sql() -> dict[str, list[tuple[str, str]]]:
    with connection.cursor() as cursor:
        return {name: bulk.secondary_indexes(cursor, DB_TABLES[name].db_table) for name in TABLE_ORDER}


def test_stores_exactly_what_the_reader_reads(folder):
    want = read_exchange(folder).tables

    outcome = import_files(folder, source="files")

    assert outcome.ok and outcome.problems == []
    assert outcome.summary.tables == {n: TableChange(want[n].height, 0, 0) for n in TABLE_ORDER}
    stored = load_tables()
    for name in TABLE_ORDER:
        key = list(TABLES[name].key)
        assert_frame_equal(stored[name].sort(key), want[name].sort(key), check_exact=True)
    again = import_files(folder, source="again")  # the same files again: nothing changes
    assert again.summary.changed is False
    assert ImportRun.objects.filter(changed=False).count() == 1


@pytest.mark.django_db(transaction=True)  # real commits: the rollback, DDL included, is the database's own
def test_problems_in_the_first_and_a_late_table_are_all_reported_and_nothing_is_kept(folder):
    indexes = _index_sql()
    _replace_cell(folder / "units.csv", row=3, column="parent_id", value="NOPE")
    _replace_cell(folder / "absences.csv", row=2, column="start_date", value="2022-13-01")
    _replace_cell(folder / "person_skills.csv", row=3, column="level", value="9")

    outcome = import_files(folder, source="bad")

    assert outcome.summary is None
    found = [(p.file, p.row, p.column, p.code) for p in outcome.problems]
    assert found == [
        ("absences.csv", 2, "start_date", "bad_date"),
        ("person_skills.csv", 3, "level", "out_of_range"),
        ("units.csv", 3, "parent_id", "unknown_reference"),
    ]
    assert _all_empty() and ImportRun.objects.count() == 0
    assert _index_sql() == indexes


@pytest.mark.django_db(transaction=True)
def test_a_late_problem_undoes_the_tables_already_stored(folder, monkeypatch):
    stored = []
    real = writing.write_plan
    monkeypatch.setattr(writing, "write_plan", lambda cursor, plan, **kw: stored.append(plan.name) or real(cursor, plan, **kw))
    _replace_cell(folder / "surveys.csv", row=2, column="date", value="gisteren")

    outcome = import_files(folder, source="late")

    assert [(p.file, p.code) for p in outcome.problems] == [("surveys.csv", "bad_date")]
    assert stored == list(READ_ORDER[:-1])  # every table read before surveys had been written …
    assert _all_empty() and ImportRun.objects.count() == 0  # … and was rolled back


def test_storing_begins_before_the_last_file_is_read(folder, monkeypatch):
    """person_skills.csv can only be read once units are stored: that needs reading and storing
    to overlap (reading every file first would wait here in vain)."""
    units_stored = threading.Event()
    real_read, real_write = reader._read_table_file, writing.write_plan
    waited = []

    def read(file, notes):
        if file.stem == "person_skills":
            waited.append(units_stored.wait(timeout=30))
        return real_read(file, notes)

    def write(cursor, plan, **kwargs):
        indexes = real_write(cursor, plan, **kwargs)
        if plan.name == "units":
            units_stored.set()
        return indexes

    monkeypatch.setattr(reader, "_read_table_file", read)
    monkeypatch.setattr(writing, "write_plan", write)
    assert import_files(folder, source="overlap").ok
    assert waited == [True]


def test_a_dry_run_reports_the_change_and_keeps_nothing(folder, small_tables):
    outcome = import_files(folder, source="dry", dry_run=True)

    assert outcome.summary.tables["assignments"] == TableChange(small_tables["assignments"].height, 0, 0)
    assert _all_empty() and ImportRun.objects.count() == 0


def test_text_too_long_for_the_database_is_a_problem_of_its_row_like_any_other(folder):
    _replace_cell(folder / "units.csv", row=2, column="name", value="x" * 201)
    _replace_cell(folder / "absences.csv", row=2, column="start_date", value="nooit")

    outcome = import_files(folder, source="long and bad")

    assert [(p.file, p.row, p.column, p.value, p.code) for p in outcome.problems] == [
        ("absences.csv", 2, "start_date", "nooit", "bad_date"),
        ("units.csv", 2, "name", "x" * 40 + "…", "too_long"),
    ]
    assert outcome.problems[1].reason == "Tekst langer dan 200 tekens; zoveel kan de database niet bewaren."
    assert _all_empty()


def test_a_refused_import_keeps_the_notes_about_its_files(folder, tmp_path):
    assert import_files(folder, source="all").ok
    people = load_tables(names=["people"])["people"]
    only = tmp_path / "only"
    only.mkdir()
    (only / "assignments.csv").write_text((folder / "assignments.csv").read_text(encoding="utf-8"), encoding="utf-8")
    # P2's assignment in another unit: a correction an update cannot make without an assignment_id
    _replace_cell(only / "assignments.csv", row=4, column="unit_id", value="U2")
    (only / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")

    with pytest.raises(ImportRefused) as refused:
        import_files(only, source="a corrected unit")

    # What was noticed about the files goes with the refusal: the user fixes everything in one round.
    assert refused.value.notes == ["Bestand extra.csv is geen uitwisselbestand en wordt genegeerd."]
    assert refused.value.notes_en == ["File extra.csv is not an exchange file and is ignored."]
    assert_frame_equal(load_tables(names=["people"])["people"], people)


@pytest.mark.django_db(transaction=True)
def test_a_crash_while_reading_rolls_back_and_reaches_the_caller(folder, monkeypatch):
    real_parse = reader.parse_table

    def parse(raw):
        if raw.name == "surveys":
            raise RuntimeError("reader bug")
        return real_parse(raw)

    monkeypatch.setattr(reader, "parse_table", parse)
    with pytest.raises(RuntimeError, match="reader bug"):
        import_files(folder, source="crash")
    assert _all_empty() and ImportRun.objects.count() == 0
    monkeypatch.setattr(reader, "parse_table", real_parse)
    assert import_files(folder, source="again").ok  # no thread or lock left behind


def test_references_to_tables_outside_the_import_resolve_against_the_stored_ones(folder, tmp_path):
    assert import_files(folder, source="all").ok
    only = tmp_path / "only"
    only.mkdir()
    (only / "absences.csv").write_text("person_id,start_date,end_date,pregnancy\nP2,2024-01-08,,\nP9,2024-01-09,,\n")

    outcome = import_files(only, source="absences")

    assert [(p.row, p.column, p.value, p.code) for p in outcome.problems] == [(3, "person_id", "P9", "unknown_reference")]
    assert "P9" not in load_tables(names=["absences"])["absences"]["person_id"].to_list()


def test_an_empty_folder_reports_no_tables(tmp_path):
    outcome = import_files(tmp_path, source="empty")
    assert [p.code for p in outcome.problems] == ["no_tables"]
    assert outcome.summary is None


def test_a_reference_into_an_empty_database_names_the_stored_table(tmp_path):
    (tmp_path / "absences.csv").write_text("person_id,start_date,end_date,pregnancy\nP1,2024-01-08,,\n")
    outcome = import_files(tmp_path, source="no people")
    assert [(p.file, p.row, p.code) for p in outcome.problems] == [("absences.csv", 2, "unknown_reference")]
    assert "people (opgeslagen/stored)" in outcome.problems[0].reason
    assert _all_empty()


def test_a_partial_update_may_refer_to_stored_keys_of_a_table_it_also_carries(folder, tmp_path):
    assert import_files(folder, source="all").ok
    part = tmp_path / "part"
    part.mkdir()
    (part / "units.csv").write_text("unit_id,name,parent_id\nU3,Projecten,ORG\n", encoding="utf-8")
    (part / "assignments.csv").write_text(  # U1 and J1 are stored, not in this file
        "person_id,start_date,end_date,unit_id,job_id,fte\nP2,2024-01-01,,U1,J1,0.5\n", encoding="utf-8")

    outcome = import_files(part, source="new unit and a re-hire")

    assert outcome.ok, outcome.problems
    assert outcome.summary.tables == {"units": TableChange(1, 0, 0), "assignments": TableChange(1, 0, 0)}
    assert sorted(load_tables(names=["units"])["units"]["unit_id"]) == ["ORG", "U1", "U2", "U3"]


def test_a_column_the_file_does_not_carry_keeps_its_stored_values(folder, tmp_path):
    assert import_files(folder, source="all").ok
    part = tmp_path / "part"
    part.mkdir()  # P1 without the sex column (stored: f); P4 is new
    (part / "people.csv").write_text("person_id,birth_date\nP1,1970-01-31\nP4,2001-01-01\n", encoding="utf-8")

    outcome = import_files(part, source="no sex column")

    assert outcome.summary.tables == {"people": TableChange(1, 0, 0)}
    people = load_tables(names=["people"])["people"]
    assert dict(zip(people["person_id"], people["sex"], strict=True)) == {"P1": "f", "P2": None, "P3": "x", "P4": None}
    (part / "people.csv").write_text("person_id,birth_date,sex\nP1,1970-01-31,\n", encoding="utf-8")  # emptied
    assert import_files(part, source="sex emptied").summary.tables == {"people": TableChange(0, 1, 0)}
