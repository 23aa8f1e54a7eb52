"""A clean Parquet file read at its own dtypes gives exactly what the text round trip gives (the same
typed tables, problems and notes); any odd dtype, header or value sends it through the whole-file path."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from levensfase.ingest import parquet_typed, reader
from levensfase.ingest.generator import generate
from levensfase.ingest.reader import _Notes, _read_table_file, read_exchange
from levensfase.ingest.slices import Sliced
from levensfase.ingest.writer import write_exchange


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("org")
    write_exchange(generate(employees=40, years=3, seed=7, as_of=date(2026, 6, 30)), out, format="parquet")
    return out


def _both(path: Path, monkeypatch):
    """(typed, whole) reads of the same folder: the whole read is the text round trip of before."""
    typed = read_exchange(path)
    with monkeypatch.context() as patch:
        patch.setattr(reader, "read_parquet_typed", lambda *_: None)
        whole = read_exchange(path)
    return typed, whole


def _same(typed, whole) -> None:
    assert typed.tables.keys() == whole.tables.keys()
    for name, frame in whole.tables.items():
        assert_frame_equal(typed.tables[name], frame)
    assert typed.problems == whole.problems
    assert (typed.notes, typed.notes_en) == (whole.notes, whole.notes_en)


def _edited(folder: Path, tmp_path: Path, name: str, edit) -> Path:
    copy = tmp_path / "edited"
    shutil.copytree(folder, copy)
    edit(pl.read_parquet(folder / f"{name}.parquet")).write_parquet(copy / f"{name}.parquet")
    return copy


def _set(column: str, row: int, value, dtype=None):
    """Row `row` (0-based) of `column` replaced by `value`."""
    def edit(frame: pl.DataFrame) -> pl.DataFrame:
        new = pl.when(pl.int_range(pl.len()) == row).then(pl.lit(value, dtype=dtype or frame.schema[column]))
        return frame.with_columns(new.otherwise(pl.col(column)).alias(column))
    return edit


def test_a_clean_file_is_typed_without_text(folder):
    read, problems = _read_table_file(folder / "surveys.parquet", _Notes())
    assert isinstance(read, Sliced) and problems == []
    assert read.parsed.raw is None
    assert read.parsed.frame["__row"].to_list() == list(range(2, read.parsed.frame.height + 2))


def test_a_clean_folder_reads_the_same_typed_and_through_text(folder, monkeypatch):
    typed, whole = _both(folder, monkeypatch)
    assert whole.problems == [] and whole.tables["surveys"].height > 500
    _same(typed, whole)


@pytest.mark.parametrize(("name", "edit", "code"), [
    ("people", _set("birth_date", 3, date(1850, 1, 1)), "implausible_date"),
    ("people", _set("sex", 2, "q"), "bad_enum"),
    ("people", _set("sex", 2, " f"), None),  # a choice with a space: stripped on the second look, no problem
    ("people", _set("person_id", 4, "P/1"), "bad_id"),
    ("people", _set("display_name", 4, "   "), None),  # blank text is null
    ("assignments", _set("fte", 5, float("nan")), "bad_number"),
    ("assignments", _set("fte", 5, 2.5), "fte_out_of_range"),  # check_values, on the typed frame
    ("assignments", _set("end_date", 5, date(9999, 12, 31)), None),  # the open-end mark: no end
    ("assignments", _set("unit_id", 1, None, pl.String), "missing_value"),
    ("surveys", _set("value", 7, 99.0), "out_of_range"),
    ("surveys", _set("person_id", 7, " P1 "), None),  # an id with spaces around it: stripped
    ("person_skills", _set("level", 0, 2.5, pl.Float64), "not_integer"),
    ("person_skills", lambda f: f.with_columns(pl.col("level").cast(pl.Int32)), None),
    ("person_skills", lambda f: f.with_columns(pl.col("level").cast(pl.Float32)), None),  # read through text
    ("absences", lambda f: f.with_columns(pl.col("start_date").cast(pl.Datetime)), None),
    ("absences", lambda f: f.with_columns(pl.col("pregnancy").cast(pl.String)), None),
    ("units", lambda f: f.with_columns(pl.lit("x").alias("remark")), None),  # an unknown column: a note
    ("units", lambda f: f.rename({"name": " name"}), None),
    ("jobs", lambda f: f.drop("title"), "missing_column"),
    ("jobs", _set("grade", 0, 1e12, pl.Float64), "out_of_range"),
])
def test_odd_files_read_as_through_text(folder, tmp_path, monkeypatch, name, edit, code):
    typed, whole = _both(_edited(folder, tmp_path, name, edit), monkeypatch)
    if code is not None:
        assert code in {p.code for p in whole.problems}
    _same(typed, whole)


def test_any_flag_sends_the_file_the_whole_way(folder, tmp_path):
    edited = _edited(folder, tmp_path, "people", _set("birth_date", 3, date(1850, 1, 1)))
    assert parquet_typed.read_parquet_typed(edited / "people.parquet", "people") is None
    assert parquet_typed.read_parquet_typed(folder / "people.parquet", "people") is not None


def test_only_text_columns_that_need_it_are_stripped(folder, tmp_path):
    edited = _edited(folder, tmp_path, "people", _set("display_name", 1, "  Ans "))
    assert parquet_typed._padded(edited / "people.parquet", ["person_id", "display_name"]) == ["display_name"]
    parsed, _ = parquet_typed.read_parquet_typed(edited / "people.parquet", "people")
    assert parsed.frame["display_name"][1] == "Ans"
    assert parquet_typed._padded(folder / "people.parquet", ["person_id", "display_name"]) == []
