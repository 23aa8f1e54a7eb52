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
