"""Reading a large CSV in slices of rows gives exactly what reading it whole gives: the same typed
tables, the same problems (rows, quoted text) and the same notes; any problem sends the file
through the whole-file path."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

from levensfase.ingest import slices
from levensfase.ingest.generator import generate
from levensfase.ingest.reader import _Notes, _read_table_file, read_exchange
from levensfase.ingest.writer import write_exchange

SMALL_SLICE = 2048  # bytes: the generated files below span many slices


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("org")
    write_exchange(generate(employees=40, years=3, seed=7, as_of=date(2026, 6, 30)), out)
    return out


def _both(path: Path, monkeypatch):
    """(sliced, whole) reads of the same folder."""
    with monkeypatch.context() as patch:
        patch.setattr(slices, "SLICE_BYTES", SMALL_SLICE)
        sliced = read_exchange(path)
    with monkeypatch.context() as patch:
        patch.setattr(slices, "SLICE_BYTES", 1 << 40)
        whole = read_exchange(path)
    return sliced, whole


def _same(sliced, whole) -> None:
    assert sliced.tables.keys() == whole.tables.keys()
    for name, frame in whole.tables.items():
        assert_frame_equal(sliced.tables[name], frame)
    assert sliced.problems == whole.problems
    assert (sliced.notes, sliced.notes_en) == (whole.notes, whole.notes_en)


def _edit(folder: Path, tmp_path: Path, file: str, line: int, new: str) -> Path:
    """A copy of the folder with line `line` (header = 1) of `file` replaced by `new`."""
    copy = tmp_path / "edited"
    shutil.copytree(folder, copy)
    lines = (copy / file).read_text().split("\n")
    lines[line - 1] = new
    (copy / file).write_text("\n".join(lines))
    return copy


def test_large_files_are_typed_slice_by_slice(folder, monkeypatch):
    monkeypatch.setattr(slices, "SLICE_BYTES", SMALL_SLICE)
    assert (folder / "surveys.csv").stat().st_size > 10 * SMALL_SLICE
    read, problems = _read_table_file(folder / "surveys.csv", _Notes())
    assert isinstance(read, slices.Sliced) and problems == []
    assert read.parsed.frame.n_chunks() > 1
    # row numbers run on across slices as the file's lines do (header = 1)
    assert read.parsed.frame["__row"].to_list() == list(range(2, read.parsed.frame.height + 2))
    small, _ = _read_table_file(folder / "jobs.csv", _Notes())
    assert not isinstance(small, slices.Sliced)  # a file within one slice is read whole


def test_a_clean_folder_reads_the_same_sliced_and_whole(folder, monkeypatch):
    sliced, whole = _both(folder, monkeypatch)
    assert whole.problems == [] and whole.tables["surveys"].height > 500
    _same(sliced, whole)


def test_a_bad_value_deep_in_the_file_is_reported_as_when_read_whole(folder, tmp_path, monkeypatch):
    line = len((folder / "surveys.csv").read_text().split("\n")) - 5  # in the last slice
    edited = _edit(folder, tmp_path, "surveys.csv", line, "P1,2024-13-01,wai,q1, 8")
    sliced, whole = _both(edited, monkeypatch)
    assert [(p.row, p.code) for p in whole.problems if p.code == "bad_date"] == [(line, "bad_date")]
    _same(sliced, whole)


def test_a_range_problem_quotes_the_text_as_typed(folder, tmp_path, monkeypatch):
    """check_values runs on the typed slices; its problem needs the text, so the file is read whole."""
    text = (folder / "assignments.csv").read_text().split("\n")
    fields = text[30].split(",")
    fields[5] = "2.50"  # fte: typed it would read 2.5
    edited = _edit(folder, tmp_path, "assignments.csv", 31, ",".join(fields))
    sliced, whole = _both(edited, monkeypatch)
    fte = [p for p in whole.problems if p.code == "fte_out_of_range"]
    assert [(p.row, p.value) for p in fte] == [(31, "2.50")]
    _same(sliced, whole)


@pytest.mark.parametrize("new", ["P1,2024-01-01,wai", "", "P1,2024-01-01,wai,q1,8,extra"])
def test_an_irregular_line_reads_as_when_read_whole(folder, tmp_path, monkeypatch, new):
    edited = _edit(folder, tmp_path, "surveys.csv", 400, new)
    sliced, whole = _both(edited, monkeypatch)
    _same(sliced, whole)


def test_an_unknown_column_is_noted_once(folder, tmp_path, monkeypatch):
    copy = tmp_path / "extra"
    shutil.copytree(folder, copy)
    lines = (copy / "surveys.csv").read_text().rstrip("\n").split("\n")
    (copy / "surveys.csv").write_text("\n".join([lines[0] + ",remark"] + [line + ",x" for line in lines[1:]]) + "\n")
    sliced, whole = _both(copy, monkeypatch)
    assert sum("remark" in note for note in whole.notes) == 1
    _same(sliced, whole)


@pytest.mark.parametrize("code", ["duplicate_key", "out_of_range"])
def test_a_whole_table_check_on_sliced_rows_reads_as_when_read_whole(folder, tmp_path, monkeypatch, code):
    """Duplicate keys (hashed first) and survey ranges (streamed) are found on the typed slices too."""
    lines = (folder / "surveys.csv").read_text().split("\n")
    person, day, instrument, item, _ = lines[700].split(",")
    new = lines[3] if code == "duplicate_key" else f"{person},{day},uwes9,1,7.0"
    edited = _edit(folder, tmp_path, "surveys.csv", 701, new)
    sliced, whole = _both(edited, monkeypatch)
    assert [p.row for p in whole.problems if p.code == code] == [701]
    _same(sliced, whole)
