"""The TOML writer: every profile written and read back is the same profile."""

from __future__ import annotations

import tomllib
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from levensfase.ingest.mapping import (
    PROFILES_DIR,
    Formats,
    Profile,
    Snapshot,
    TableMapping,
    load_profile,
    parse_profile,
)
from levensfase.ingest.mapping_toml import profile_to_toml, toml_string


def _round_trip(profile: Profile) -> Profile:
    return parse_profile(tomllib.loads(profile_to_toml(profile)))


def test_every_shipped_profile_round_trips():
    shipped = sorted(PROFILES_DIR.glob("*.toml"))
    assert len(shipped) >= 5
    for path in shipped:
        profile = load_profile(path)
        assert _round_trip(profile) == profile, path.name


def test_the_written_text_reads_like_the_docs():
    profile = Profile(
        "AFAS export", Formats(source="export.csv", delimiter=";", encoding="cp1252", decimal_comma=True,
                               date_format="%d-%m-%Y"),
        {"people": TableMapping("people", Formats(source="export.csv", delimiter=";", encoding="cp1252",
                                                  decimal_comma=True, date_format="%d-%m-%Y"),
                                columns={"person_id": "Personeelsnummer", "sex": "Geslacht"},
                                values={"sex": {"V": "f", "Onbekend": ""}}, distinct=True)})
    assert profile_to_toml(profile) == (
        '[profile]\nname = "AFAS export"\nsource = "export.csv"\ndelimiter = ";"\nencoding = "cp1252"\n'
        'decimal_comma = true\ndate_format = "%d-%m-%Y"\n\n[tables.people]\ndistinct = true\n\n'
        '[tables.people.columns]\nperson_id = "Personeelsnummer"\nsex = "Geslacht"\n\n'
        '[tables.people.values.sex]\nV = "f"\nOnbekend = ""\n')
    assert _round_trip(profile) == profile


def test_a_table_keeps_only_the_formats_where_it_differs():
    base = Formats(delimiter=";")
    profile = Profile("", base, {"units": TableMapping("units", Formats(source="units.csv", delimiter=";",
                                                                        encoding="cp1252"),
                                                       columns={"unit_id": "Code", "name": "Naam"})},
                      snapshot=Snapshot(date(2017, 3, 31), "Leeftijd", "Dienstjaren", "Weg", ("Ja",), "voluntary"))
    text = profile_to_toml(profile)
    assert '[tables.units]\nsource = "units.csv"\nencoding = "cp1252"\n' in text
    assert "reference_date = 2017-03-31\n" in text
    assert _round_trip(profile) == profile


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=150, deadline=None)
@given(name=_text, column=_text, source=_text, translations=st.dictionaries(_text, _text, max_size=4))
def test_any_text_survives_the_round_trip(name, column, source, translations):
    """Quotes, backslashes, newlines, control characters and DEL in names and values."""
    formats = Formats()
    table = TableMapping("people", formats, columns={"person_id": source}, constants={"sex": column},
                         values={"sex": translations})
    profile = Profile(name, formats, {"people": table}, source_values={column: translations})
    assert _round_trip(profile) == profile
    assert tomllib.loads(f"x = {toml_string(name)}")["x"] == name
