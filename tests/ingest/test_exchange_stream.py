"""open_exchange: an import read table by table, each file only when its turn comes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from levensfase.ingest import reader
from levensfase.ingest.reader import open_exchange, read_exchange

VALID = Path(__file__).parent / "fixtures" / "valid"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(VALID, tmp_path / "import")
    (tmp_path / "import" / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return tmp_path / "import"


def test_files_are_read_one_at_a_time_in_reference_order(folder, monkeypatch):
    read = []
    real = reader.read_csv_file
    monkeypatch.setattr(reader, "read_csv_file", lambda path, **kw: read.append(path.name) or real(path, **kw))

    exchange = open_exchange(folder)
    assert read == []  # opening only lists the folder
    assert exchange.names == ["units", "jobs", "people", "assignments", "surveys"]  # READ_ORDER
    assert exchange.notes.en == ["File notes.csv is not an exchange file and is ignored."]

    tables = exchange.tables()
    first = next(tables)
    assert (first.name, first.frame.height, first.problems) == ("units", 3, [])
    assert read == ["units.csv"]
    rest = list(tables)
    assert [c.name for c in rest] == ["jobs", "people", "assignments", "surveys"]
    assert read == ["units.csv", "jobs.csv", "people.csv", "assignments.csv", "surveys.csv"]


def test_each_table_is_checked_against_the_tables_before_it(folder):
    text = (folder / "assignments.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    cells = text[1].split(",")
    cells[header.index("unit_id")] = "U404"
    (folder / "assignments.csv").write_text("\n".join([text[0], ",".join(cells), *text[2:]]) + "\n", encoding="utf-8")

    checked = {c.name: c for c in open_exchange(folder).tables()}

    assert [c.name for c in checked.values() if c.problems] == ["assignments"]
    (found,) = checked["assignments"].problems
    assert (found.row, found.column, found.value, found.code) == (2, "unit_id", "U404", "unknown_reference")
    assert "units.csv" in found.reason
    assert read_exchange(folder).problems == [found]  # reading at once finds exactly the same


def test_an_unreadable_file_arrives_without_a_frame(folder):
    (folder / "jobs.csv").write_bytes(b"\x00\x01binary")
    checked = {c.name: c for c in open_exchange(folder).tables()}
    assert checked["jobs"].frame is None
    assert [p.code for p in checked["jobs"].problems] == ["binary_file"]
    # assignments refer to jobs, which this import carries but could not read: no stored table either
    assert [p.code for p in checked["assignments"].problems] == ["missing_reference_table"]


def test_the_read_order_puts_every_referenced_table_before_the_tables_referring_to_it():
    from levensfase.model.schema import TABLE_ORDER, TABLES

    assert sorted(reader.READ_ORDER) == sorted(TABLE_ORDER)
    for name in reader.READ_ORDER:
        for _, target in TABLES[name].references:
            assert reader.READ_ORDER.index(target) <= reader.READ_ORDER.index(name), (name, target)
