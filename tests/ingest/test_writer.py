"""Writing the exchange format: exact CSV text, round trips through CSV and XLSX, nothing half-written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from levensfase.ingest.generator import generate
from levensfase.ingest.writer import WORKBOOK_NAME, ExchangeWriteError, write_exchange
from levensfase.model.schema import TABLES


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return generate(employees=120, years=3, seed=2, as_of=date(2025, 12, 31))


def small() -> dict[str, pl.DataFrame]:
    """Hand-made rows covering null, bool, date and a float with binary noise (0.1 * 8)."""
    return {
        "people": pl.DataFrame({"person_id": ["P000001", "P000002"], "birth_date": [date(1970, 1, 31), date(2001, 12, 1)],
                                "sex": ["f", None]}),
        "assignments": pl.DataFrame({
            "person_id": ["P000001", "P000002"], "start_date": [date(2020, 1, 1), date(2024, 2, 29)],
            "end_date": [date(2023, 6, 30), None], "unit_id": ["U002", "U002"], "job_id": ["J01", "J01"],
            "fte": [0.1 * 8, 1.0], "contract": ["permanent", "fixed_term"], "end_reason": ["voluntary", None]}),
        "absences": pl.DataFrame({"person_id": ["P000001", "P000001"], "start_date": [date(2021, 3, 1), date(2022, 5, 2)],
                                  "end_date": [date(2021, 3, 4), None], "pregnancy": [True, False]}),
    }


def test_csv_text_is_exactly_the_documented_format(tmp_path: Path):
    paths = write_exchange(small(), tmp_path)
    assert [p.name for p in paths] == ["people.csv", "assignments.csv", "absences.csv"]
    assert (tmp_path / "people.csv").read_bytes() == (
        b"person_id,birth_date,sex,display_name\nP000001,1970-01-31,f,\nP000002,2001-12-01,,\n")
    assert (tmp_path / "assignments.csv").read_text(encoding="utf-8").splitlines() == [
        "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason,assignment_id",  # v1.2: optional id
        "P000001,2020-01-01,2023-06-30,U002,J01,0.8,permanent,voluntary,",
        "P000002,2024-02-29,,U002,J01,1.0,fixed_term,,",
    ]
    assert (tmp_path / "absences.csv").read_text().splitlines()[1:] == [
        "P000001,2021-03-01,2021-03-04,true", "P000001,2022-05-02,,false"]


def test_non_ascii_text_is_utf8(tmp_path: Path, tables):
    write_exchange({"jobs": tables["jobs"]}, tmp_path)
    assert "financiën" in (tmp_path / "jobs.csv").read_bytes().decode("utf-8")


def test_csv_round_trip_gives_equal_frames(tmp_path: Path, tables):
    paths = write_exchange(tables, tmp_path)
    assert [p.name for p in paths] == [t.filename for t in TABLES.values()]
    for name, table in TABLES.items():
        back = pl.read_csv(tmp_path / table.filename, schema=table.polars_schema)
        assert back.equals(tables[name]), name


def test_xlsx_round_trip_gives_equal_frames(tmp_path: Path, tables):
    paths = write_exchange(tables, tmp_path, format="xlsx")
    assert paths == [tmp_path / WORKBOOK_NAME]
    for name, table in TABLES.items():
        back = pl.read_excel(paths[0], sheet_name=name, schema_overrides=table.polars_schema)
        assert back.equals(tables[name]), name
    empty = write_exchange({"absences": TABLES["absences"].empty()}, tmp_path / "empty", format="xlsx")
    back = pl.read_excel(empty[0], sheet_name="absences", schema_overrides=TABLES["absences"].polars_schema)
    assert back.height == 0 and back.schema == pl.Schema(TABLES["absences"].polars_schema)


def test_a_file_in_the_way_is_reported_and_left_alone(tmp_path: Path):
    target = tmp_path / "export"
    target.write_text("not a folder")
    with pytest.raises(ExchangeWriteError, match="is a file"):
        write_exchange(small(), target)
    assert target.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]


def test_failure_while_writing_leaves_nothing_behind(tmp_path: Path, monkeypatch):
    out = tmp_path / "new" / "export"
    calls = {"n": 0}
    original = pl.DataFrame.write_csv

    def failing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_csv", failing)
    with pytest.raises(ExchangeWriteError, match="No space left"):
        write_exchange(small(), out)
    assert list(tmp_path.iterdir()) == []  # not even the folders it created


def test_failure_keeps_the_previous_export_intact(tmp_path: Path, monkeypatch):
    write_exchange(small(), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    changed = small()
    changed["people"] = changed["people"].with_columns(sex=pl.lit("m"))
    original = pl.DataFrame.write_csv
    calls = {"n": 0}

    def failing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(13, "Permission denied")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_csv", failing)
    with pytest.raises(ExchangeWriteError):
        write_exchange(changed, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_bad_input_gets_a_clear_message_and_writes_nothing(tmp_path: Path):
    with pytest.raises(ExchangeWriteError, match="unknown exchange table"):
        write_exchange({"employees": pl.DataFrame({"a": [1]})}, tmp_path / "a")
    with pytest.raises(ExchangeWriteError, match="format"):
        write_exchange(small(), tmp_path / "b", format="json")  # type: ignore[arg-type]
    bad = small()
    bad["assignments"] = bad["assignments"].with_columns(fte=pl.lit("a lot"))
    with pytest.raises(ExchangeWriteError, match="assignments"):
        write_exchange(bad, tmp_path / "c")
    assert list(tmp_path.iterdir()) == []


def test_rewriting_replaces_the_files(tmp_path: Path):
    write_exchange(small(), tmp_path)
    changed = small()
    changed["people"] = changed["people"].with_columns(sex=pl.lit("m"))
    write_exchange(changed, tmp_path)
    assert (tmp_path / "people.csv").read_text().splitlines()[1:] == ["P000001,1970-01-31,m,", "P000002,2001-12-01,m,"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["absences.csv", "assignments.csv", "people.csv"]
