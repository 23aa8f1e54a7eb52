"""load_tables reads any stored text back exactly, by the packed SQLite path and by the plain fetch."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from django.db import connection
from polars.testing import assert_frame_equal

from levensfase.model.schema import TABLES
from levensfase.web.hr import selectors
from levensfase.web.hr.models import Conversation, Unit
from levensfase.web.hr.selectors import load_tables, reference_counts
from levensfase.web.hr.services import import_tables

pytestmark = pytest.mark.django_db

AWKWARD = [
    "comma, \"quotes\" and 'apostrophes'",
    "line\nbreak and\r\nwindows break\r",
    "  spaces kept  ",
    "één, café, 日本",
    "unit\x1fseparator",
    "record\x1eseparator",
]


def _conversations(values: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {"person_id": ["P1"] * len(values), "date": [date(2024, 1, d + 1) for d in range(len(values))],
         "topic": ["ambition"] * len(values), "value": values},
        schema=TABLES["conversations"].polars_schema,
    )


@pytest.mark.parametrize("values", [AWKWARD[:4], AWKWARD], ids=["packed-safe", "with-separators"])
def test_awkward_text_round_trips_exactly(small_tables, values):
    conversations = _conversations(values)
    import_tables(tables={"people": small_tables["people"], "conversations": conversations}, source="t")

    got = load_tables(names=["conversations"])["conversations"]

    assert_frame_equal(got.sort("date"), conversations, check_exact=True)


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_uses_the_packed_read_unless_text_holds_a_separator(small_tables):
    import_tables(tables=small_tables, source="t")
    with connection.cursor() as cursor:
        assert all(selectors._packed(cursor, name) is not None for name in small_tables)
    Conversation.objects.filter(topic="ambition").update(value="a\x1fb")
    with connection.cursor() as cursor:
        assert selectors._packed(cursor, "conversations") is None
        assert selectors._packed(cursor, "people") is not None


def test_empty_text_in_a_required_column_stays_empty_not_null(small_tables):
    import_tables(tables={"units": small_tables["units"]}, source="t")
    Unit.objects.filter(unit_id="U2").update(name="")

    units = load_tables(names=["units"])["units"]

    assert units.filter(pl.col("unit_id") == "U2").rows() == [("U2", "", "ORG")]


def test_chunked_packed_read_gives_the_same_rows(small_tables, monkeypatch):
    import_tables(tables=small_tables, source="t")
    whole = load_tables()
    monkeypatch.setattr(selectors, "PACKED_ROWS", 2)  # forces several chunks per table
    chunked = load_tables()
    for name, frame in whole.items():
        assert_frame_equal(chunked[name], frame, check_exact=True)


def test_reference_counts_count_rows_per_key(small_tables):
    import_tables(tables=small_tables, source="t")
    # by hand from conftest: P1 has 2 assignments, P2 1, P3 2; survey items P1 3, P3 2
    assert dict(reference_counts(name="assignments", column="person_id").rows()) == {"P1": 2, "P2": 1, "P3": 2}
    assert dict(reference_counts(name="surveys", column="person_id").rows()) == {"P1": 3, "P3": 2}
    assert dict(reference_counts(name="units", column="parent_id").rows()) == {"ORG": 2}


def test_unknown_table_name_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown exchange tables"):
        load_tables(names=["staff"])


def test_item_names_with_commas_and_colons_round_trip(small_tables):
    """Such names defeat the fast split of the stored JSON; the regex path must read them."""
    surveys = pl.DataFrame(
        {"person_id": ["P1", "P1", "P1"], "date": [date(2024, 3, 1)] * 3, "instrument": ["was"] * 3,
         "item": ["plain", "a,b", 'c:"d"'], "value": [1.0, 0.1, -2.5e-5]},
        schema=TABLES["surveys"].polars_schema,
    )
    import_tables(tables={"people": small_tables["people"], "surveys": surveys}, source="t")

    got = load_tables(names=["surveys"])["surveys"]

    assert_frame_equal(got.sort("item"), surveys.sort("item"), check_exact=True)
