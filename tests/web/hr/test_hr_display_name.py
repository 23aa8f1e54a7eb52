"""people.display_name (exchange format v1.2) through the database: stored, read back exactly,
and a name change is an ordinary update of the person."""

from __future__ import annotations

import polars as pl
import pytest

from levensfase.web.hr.models import Person
from levensfase.web.hr.selectors import load_tables
from levensfase.web.hr.services import TableChange, import_tables

NAMES = ["Sanne de Vries", "Esther van 't Hof", None]


@pytest.mark.django_db(transaction=True)
def test_names_round_trip_and_change(small_tables):
    people = small_tables["people"].with_columns(display_name=pl.Series(NAMES, dtype=pl.String()))
    import_tables(tables={**small_tables, "people": people}, source="first")
    assert dict(Person.objects.values_list("person_id", "display_name")) == {
        "P1": "Sanne de Vries", "P2": "Esther van 't Hof", "P3": ""}  # none is stored as blank text
    assert load_tables(names=["people"])["people"].sort("person_id")["display_name"].to_list() == NAMES

    renamed = people.with_columns(display_name=pl.Series(["Sanne Bakker-de Vries", *NAMES[1:]], dtype=pl.String()))
    summary = import_tables(tables={"people": renamed}, source="second")
    assert summary.tables["people"] == TableChange(0, 1, 0)
    assert Person.objects.get(person_id="P1").display_name == "Sanne Bakker-de Vries"
