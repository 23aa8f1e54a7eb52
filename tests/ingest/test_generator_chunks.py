"""The generator at sector scale: written block by block, as CSV or Parquet, read back the same.

A small organisation is cut into blocks of 150 people so that the chunked path really runs in
several pieces; the whole and the pieces must give the same files, byte for byte.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.ingest.generator import generate, generate_chunks
from levensfase.ingest.reader import read_exchange, validate_tables
from levensfase.ingest.writer import ExchangeWriteError, write_exchange, write_exchange_chunks
from levensfase.model.schema import TABLES

AS_OF = date(2025, 6, 30)
ORG = {"employees": 300, "years": 5, "seed": 4, "as_of": AS_OF}
BLOCK = 150


@pytest.fixture(scope="module")
def whole() -> dict[str, pl.DataFrame]:
    return generate(**ORG, block_people=BLOCK)


def test_blocks_are_really_several_and_cover_every_person_once(whole):
    chunks = list(generate_chunks(**ORG, block_people=BLOCK))
    assert set(chunks[0]) == {"units", "jobs", "skills", "job_skills"}
    people = [chunk["people"]["person_id"] for chunk in chunks[1:]]
    assert len(people) == -(-whole["people"].height // BLOCK) >= 4
    assert all(p.len() == BLOCK for p in people[:-1])
    assert pl.concat(people).to_list() == whole["people"]["person_id"].to_list()
    for chunk in chunks[1:]:  # every row of a block belongs to that block's people
        mine = set(chunk["people"]["person_id"])
        for name, frame in chunk.items():
            assert set(frame["person_id"]) <= mine, name


def test_an_organisation_in_blocks_is_still_valid_and_has_the_asked_headcount(whole):
    assert validate_tables(whole) == []
    a = whole["assignments"]
    on = a.filter((pl.col("start_date") <= AS_OF) & (pl.col("end_date").is_null() | (pl.col("end_date") >= AS_OF)))
    assert on["person_id"].n_unique() == ORG["employees"]
    # each table is sorted by person as a whole, not only within a block
    for name in ("people", "assignments", "absences", "surveys", "arrangements", "person_skills"):
        ids = whole[name]["person_id"]
        assert ids.equals(ids.sort()), name


def test_blocks_change_only_the_tables_drawn_per_person():
    """Below BLOCK_PEOPLE the organisation is one block drawn from the run's own stream, as it was
    before blocks existed (any larger block gives the same); smaller blocks redraw the person
    tables (absences, surveys, …) but leave the careers, people and assignments as they are."""
    default = generate(**ORG)
    huge = generate(**ORG, block_people=10**9)
    blocked = generate(**ORG, block_people=BLOCK)
    for name, frame in default.items():
        assert frame.equals(huge[name]), name
    for name in ("units", "jobs", "people", "assignments", "life_events", "skills", "job_skills"):
        assert default[name].equals(blocked[name]), name
    for name in ("absences", "surveys", "conversations", "arrangements", "person_skills"):
        assert not default[name].equals(blocked[name]), name


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_chunked_writing_gives_the_files_of_writing_the_whole(whole, tmp_path, fmt):
    chunked = write_exchange_chunks(generate_chunks(**ORG, block_people=BLOCK), tmp_path / "chunked", format=fmt)
    at_once = write_exchange(whole, tmp_path / "whole", format=fmt)
    assert [p.name for p in chunked] == [p.name for p in at_once] == [f"{n}.{fmt}" for n in TABLES]
    for a, b in zip(chunked, at_once, strict=True):
        if fmt == "csv":
            assert a.read_bytes() == b.read_bytes(), a.name
        else:
            assert pl.read_parquet(a).equals(pl.read_parquet(b)), a.name
    assert sorted(p.name for p in (tmp_path / "chunked").iterdir()) == sorted(p.name for p in chunked)  # no parts left


def test_parquet_and_csv_of_one_seed_read_into_identical_frames(whole, tmp_path):
    write_exchange(whole, tmp_path / "csv", format="csv")
    write_exchange(whole, tmp_path / "parquet", format="parquet")
    from_csv, from_parquet = read_exchange(tmp_path / "csv"), read_exchange(tmp_path / "parquet")
    assert from_csv.ok and from_parquet.ok, (from_csv.problems[:3], from_parquet.problems[:3])
    assert list(from_csv.tables) == list(from_parquet.tables)
    for name, frame in from_csv.tables.items():
        assert frame.equals(from_parquet.tables[name]), name
    # and both are the generated frames (the CSV rounds floats to 9 decimals; these have fewer)
    for name, frame in whole.items():
        assert frame.equals(from_parquet.tables[name]), name


def test_a_bad_value_in_parquet_is_reported_as_in_csv(tmp_path):
    folder = tmp_path / "org"
    folder.mkdir()
    people = pl.DataFrame({"person_id": ["P1", "P2"], "birth_date": [date(1980, 1, 1), date(1800, 1, 1)],
                           "sex": ["f", "q"]})
    people.write_parquet(folder / "people.parquet")
    result = read_exchange(folder)
    found = {(p.file, p.row, p.column, p.code) for p in result.problems}
    assert found == {("people.parquet", 3, "birth_date", "implausible_date"), ("people.parquet", 3, "sex", "bad_enum")}


def test_a_table_both_as_csv_and_parquet_or_a_damaged_parquet_is_refused(tmp_path):
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "units.csv").write_text("unit_id,name,parent_id\nU1,Zorg,\n")
    pl.DataFrame({"unit_id": ["U1"], "name": ["Zorg"], "parent_id": [None]}).write_parquet(folder / "units.parquet")
    (folder / "jobs.parquet").write_bytes(b"PAR1 this is not really parquet")
    result = read_exchange(folder)
    codes = {(p.file, p.code) for p in result.problems}
    assert ("units", "two_sources") in codes
    assert ("jobs.parquet", "bad_parquet") in codes
    assert "units" not in result.tables and "jobs" not in result.tables


def test_a_bad_format_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ExchangeWriteError, match="unknown export format 'json'"):
        write_exchange({"units": TABLES["units"].empty()}, tmp_path / "x", format="json")
    with pytest.raises(ExchangeWriteError, match="cannot be written in chunks"):
        write_exchange_chunks([], tmp_path / "y", format="xlsx")
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def test_a_failing_chunk_leaves_nothing_behind(whole, tmp_path):
    def chunks():
        yield {"units": whole["units"], "people": whole["people"].head(5)}
        raise ValueError("stopped half-way")

    with pytest.raises(ValueError, match="half-way"):
        write_exchange_chunks(chunks(), tmp_path / "out", format="parquet")
    assert not (tmp_path / "out").exists()
