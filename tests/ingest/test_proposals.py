"""Proposed column and value mappings for Dutch and English export names."""

from __future__ import annotations

from levensfase.ingest.proposals import normalise, propose_column, propose_columns, propose_values, value_choices
from levensfase.model.schema import CONTRACTS, END_REASONS, SEXES

DUTCH_HEADER = ["Personeelsnummer", "Geboortedatum", "Geslacht", "Afdelingscode", "Afdeling", "Functie",
                "Datum in dienst", "Datum uit dienst", "Contractsoort", "Deeltijdfactor", "Reden uit dienst"]


def test_normalise_drops_case_accents_and_punctuation():
    assert normalise(" Datum in-dienst ") == "datumindienst"
    assert normalise("Coördinatie") == "coordinatie"
    assert normalise("M/V") == "mv"


def test_a_dutch_assignment_export_maps_every_column():
    assert propose_columns("assignments", DUTCH_HEADER) == {
        "person_id": "Personeelsnummer", "start_date": "Datum in dienst", "end_date": "Datum uit dienst",
        "unit_id": "Afdelingscode", "job_id": "Functie", "fte": "Deeltijdfactor", "contract": "Contractsoort",
        "end_reason": "Reden uit dienst"}
    assert propose_columns("people", DUTCH_HEADER) == {
        "person_id": "Personeelsnummer", "birth_date": "Geboortedatum", "sex": "Geslacht"}
    # the code column names the unit, the name column its label
    assert propose_columns("units", DUTCH_HEADER) == {"unit_id": "Afdelingscode", "name": "Afdeling"}


def test_spelling_variants_and_english_names():
    assert propose_column("people", "person_id", ["Personeelsnr.", "Naam"]) == "Personeelsnr."
    assert propose_column("people", "birth_date", ["Geboorte datum"]) == "Geboorte datum"
    assert propose_column("assignments", "fte", ["FTE"]) == "FTE"
    assert propose_column("people", "person_id", ["EmployeeNumber", "Age"]) == "EmployeeNumber"
    assert propose_column("people", "person_id", ["Naam", "Adres"]) is None


def test_a_close_name_never_takes_a_column_that_is_exactly_another():
    # "Datum uit dienst" is a near-spelling of "Datum in dienst", but it is the end date
    assert propose_column("assignments", "start_date", ["Datum uit dienst"]) is None


def test_values_translate_dutch_words_and_leave_valid_values_alone():
    assert propose_values("contract", ["Vast", "tijdelijk", "Bepaalde tijd", "permanent", "Raar"], CONTRACTS) == {
        "Vast": "permanent", "tijdelijk": "fixed_term", "Bepaalde tijd": "fixed_term"}
    assert propose_values("sex", ["M", "V", "Onbekend", "f"], SEXES) == {"M": "m", "V": "f", "Onbekend": ""}
    assert propose_values("end_reason", ["Eigen verzoek", "Pensioen", "Einde contract", "Overleden"],
                          END_REASONS) == {"Eigen verzoek": "voluntary", "Pensioen": "retirement",
                                           "Einde contract": "involuntary", "Overleden": "death"}


def test_value_choices_are_the_enum_or_true_false():
    assert value_choices("assignments", "contract") == CONTRACTS
    assert value_choices("absences", "pregnancy") == ("true", "false")
    assert value_choices("people", "birth_date") == ()
