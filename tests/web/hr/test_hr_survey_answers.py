"""surveys_from_raw reads stored answers however the JSON was spaced, and exactly."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from levensfase.model.schema import TABLES
from levensfase.web.hr.tables import surveys_from_raw


def _raw(rows: list[tuple[str, str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["person_id", "date", "instrument", "answers"], orient="row")


def _long(rows: list[tuple[str, date, str, str, float]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=TABLES["surveys"].polars_schema, orient="row")


@pytest.mark.parametrize("dumps", [
    lambda d: json.dumps(d),  # ", " and ": " between items
    lambda d: json.dumps(d, separators=(",", ":")),  # what the import writes
    lambda d: json.dumps(d, indent=2),  # new lines and indentation
], ids=["spaced", "compact", "indented"])
def test_answers_in_any_json_spacing_give_the_same_rows(dumps):
    raw = _raw([
        ("P2", "2024-03-01", "wai", dumps({"q1": 8.0, "q2": 1 / 3})),
        ("P1", "2024-03-01", "was", dumps({"score": -2.5e-7})),
        ("P1", "2023-01-31", "wai", dumps({})),  # a response without items gives no rows
    ])

    got = surveys_from_raw(raw)

    assert_frame_equal(got, _long([
        ("P1", date(2024, 3, 1), "was", "score", -2.5e-7),
        ("P2", date(2024, 3, 1), "wai", "q1", 8.0),
        ("P2", date(2024, 3, 1), "wai", "q2", 1 / 3),
    ]), check_exact=True)


def test_only_empty_objects_give_an_empty_table():
    got = surveys_from_raw(_raw([("P1", "2024-03-01", "wai", "{}"), ("P2", "2024-03-01", "wai", "{ }")]))

    assert got.height == 0
    assert got.schema == TABLES["surveys"].polars_schema


def test_item_names_with_separators_and_spaces_take_the_json_aware_path():
    raw = _raw([("P1", "2024-03-01", "wai", '{"a, b": 1.5, "c:d": 2, "{e}": 0.1}')])

    got = surveys_from_raw(raw)

    assert got.select("item", "value").rows() == [("a, b", 1.5), ("c:d", 2.0), ("{e}", 0.1)]
