"""The Polars fast path for regular CSV text gives exactly what the line-splitting path gives."""

from __future__ import annotations

import pytest
from polars.testing import assert_frame_equal

from levensfase.ingest import sources

REGULAR = [
    "a,b\n1,2\n3,4\n",
    "a,b\r\n1,2\r\n3, 4 \r\n",  # Windows line ends, spaces around a value
    "a , b\n1,\n,2",  # empty cells, no final line end
    "a,a\n1,2\n",  # a repeated column name (reported, first one wins)
    "a,b\n",  # a header only
]
IRREGULAR = [
    "a,b\n1,2,3\n4\n",  # too many and too few fields, same total
    "a,b\n1,2\n\n3,4\n",  # a blank line: row numbers must skip it
    "a,b\n1,2\n  \n",  # a line of spaces
    "a\n1\n2\n",  # one column: nothing to count
]


def _line_split(text: str, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(sources, "_parse_regular", lambda *args, **kwargs: None)
        return sources.parse_csv_text(text, file="f.csv")


@pytest.mark.parametrize("text", REGULAR)
def test_regular_text_takes_the_fast_path_with_the_same_result(text, monkeypatch):
    fast = sources._parse_regular(text, file="f.csv", delimiter=",")
    assert fast is not None
    slow = _line_split(text, monkeypatch)
    assert_frame_equal(fast[0].frame, slow[0].frame)
    assert fast[1] == slow[1]


@pytest.mark.parametrize("text", IRREGULAR)
def test_irregular_text_falls_back(text):
    assert sources._parse_regular(text, file="f.csv", delimiter=",") is None


def test_row_numbers_and_values_on_the_fast_path():
    raw, problems = sources.parse_csv_text("id,name\r\nP1, Ann \r\nP2,\r\n", file="f.csv")
    assert problems == []
    assert raw.frame.rows() == [(2, "P1", "Ann"), (3, "P2", None)]


BYTES = [text.encode() for text in REGULAR + IRREGULAR] + [
    "\ufeffa,b\n1,2\n".encode(),  # a byte-order mark
    b"a,b\n\xff1,2\n",  # not UTF-8
    b"a,b\n1,\x002\n",  # a NUL
    b'a,b\n"1,5",2\n',  # quoted
    "a;b\n1;2\n".encode(),  # another delimiter: one column
    "naam,plaats\nZoë,Één\n".encode(),  # UTF-8 beyond ASCII
    b"",
    b"  \n",
]


@pytest.mark.parametrize("data", BYTES)
def test_a_file_read_from_its_bytes_gives_what_the_text_path_gives(data, tmp_path, monkeypatch):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    raw, problems = sources.read_csv_file(path)
    with monkeypatch.context() as patch:
        patch.setattr(sources, "_regular_bytes", lambda *args, **kwargs: None)
        slow_raw, slow_problems = sources.read_csv_file(path)
    assert problems == slow_problems
    assert (raw is None) == (slow_raw is None)
    if raw is not None:
        assert_frame_equal(raw.frame, slow_raw.frame)


def test_plain_utf8_is_read_from_its_bytes():
    data = "naam,plaats\r\nZoë, Één \r\n".encode()
    raw, problems = sources._regular_bytes(data, file="f.csv", delimiter=",", encoding="utf-8")
    assert problems == []
    assert raw.frame.rows() == [(2, "Zoë", "Één")]
    assert sources._regular_bytes(b'a,b\n"1",2\n', file="f.csv", delimiter=",", encoding="utf-8") is None


ABSENCES = [
    "person_id,start_date,end_date,pregnancy\nP1,2024-01-02,2024-01-05,false\nP2,2024-02-01,,true\n",  # clean
    "person_id,start_date,end_date,pregnancy\nP1, 2024-01-02,2024-01-05 ,false\nP2,2024-02-01,  , TRUE\n",
    "person_id,start_date,end_date,pregnancy\n P1 ,2024-01-02,2024-13-05,nee\nP2,2024-2-1,,\n",  # bad values
]


@pytest.mark.parametrize("text", ABSENCES)
def test_typed_columns_read_as_they_stand_give_what_stripped_columns_give(text, tmp_path, monkeypatch):
    from levensfase.ingest import reader
    from levensfase.ingest.validation import parse_table

    path = tmp_path / "absences.csv"
    path.write_text(text)

    def parsed():
        raw, problems = reader._read_table_file(path, reader._Notes())
        table, found = parse_table(raw)
        return table.frame, problems + found

    fast_frame, fast_problems = parsed()
    with monkeypatch.context() as patch:
        patch.setattr(reader, "_TYPED", ())  # every column stripped on reading, as before
        slow_frame, slow_problems = parsed()
    assert_frame_equal(fast_frame, slow_frame)
    assert fast_problems == slow_problems
