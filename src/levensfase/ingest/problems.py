"""Problems found while reading an exchange import, and the result of a read.

A problem always names the place a spreadsheet user can find it (file, row, column, value) and
says what is wrong in Dutch (the default UI language) and in English. Codes are stable so the web
app, the CLI and tests can match on them without parsing text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

# code -> (Dutch reason, English reason). `{...}` fields are filled per problem.
MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("Het pad bestaat niet.", "The path does not exist."),
    "no_tables": (
        "Geen bekend uitwisselbestand gevonden (verwacht bijvoorbeeld people.csv en assignments.csv).",
        "No known exchange file found (expected e.g. people.csv and assignments.csv).",
    ),
    "needs_mapping": (
        "Een los CSV-bestand dat geen uitwisselbestand is, kan alleen met een mapping profile worden gelezen.",
        "A single CSV that is not an exchange file can only be read with a mapping profile.",
    ),
    "bad_profile": ("Het mapping profile is ongeldig: {detail}", "The mapping profile is invalid: {detail}"),
    "missing_source": (
        "Het bronbestand of tabblad {detail} uit het mapping profile is niet gevonden.",
        "The source file or sheet {detail} named in the mapping profile was not found.",
    ),
    "empty_file": ("Het bestand is leeg.", "The file is empty."),
    "binary_file": (
        "Dit is geen tekstbestand (binaire inhoud).",
        "This is not a text file (binary content).",
    ),
    "bad_workbook": ("De Excel-werkmap kan niet worden gelezen: {detail}", "The Excel workbook cannot be read: {detail}"),
    "bad_encoding": (
        "Tekens die geen geldige {detail} zijn; sla het bestand op als UTF-8 of geef de encoding op in een mapping profile.",
        "Characters that are not valid {detail}; save the file as UTF-8 or set the encoding in a mapping profile.",
    ),
    "bad_quoting": (
        "Aanhalingstekens kloppen niet (een veld wordt niet afgesloten).",
        "Quotes do not match (a field is never closed).",
    ),
    "wrong_field_count": (
        "Deze regel heeft {detail} velden; de kopregel heeft er {expected}.",
        "This row has {detail} fields; the header has {expected}.",
    ),
    "duplicate_column": ("De kolom komt twee keer voor in de kopregel.", "The column appears twice in the header."),
    "missing_column": ("De verplichte kolom ontbreekt.", "The required column is missing."),
    "missing_value": ("Verplichte waarde is leeg.", "Required value is empty."),
    "bad_date": (
        "Geen geldige datum; verwacht {detail}.",
        "Not a valid date; expected {detail}.",
    ),
    "bad_number": ("Geen geldig getal.", "Not a valid number."),
    "not_integer": ("Moet een geheel getal zijn.", "Must be a whole number."),
    "bad_bool": ("Moet true of false zijn.", "Must be true or false."),
    "bad_enum": ("Onbekende waarde; toegestaan: {detail}.", "Unknown value; allowed: {detail}."),
    "fte_out_of_range": (
        "FTE moet groter dan 0 en ten hoogste {detail} zijn.",
        "FTE must be greater than 0 and at most {detail}.",
    ),
    "out_of_range": ("Waarde buiten het toegestane bereik {detail}.", "Value outside the allowed range {detail}."),
    "negative": ("Mag niet negatief zijn.", "Must not be negative."),
    "too_long": (
        "Tekst langer dan {detail} tekens; zoveel kan de database niet bewaren.",
        "Text longer than {detail} characters; the database cannot store that much.",
    ),
    "end_before_start": ("De einddatum ligt voor de begindatum.", "The end date is before the start date."),
    "duplicate_key": (
        "Deze sleutel ({detail}) komt al eerder voor in het bestand.",
        "This key ({detail}) already occurs earlier in the file.",
    ),
    "unknown_reference": (
        "Onbekende verwijzing: deze waarde staat niet in {detail}.",
        "Unknown reference: this value is not in {detail}.",
    ),
    "missing_reference_table": (
        "{detail} ontbreekt, dus deze verwijzingen kunnen niet worden gecontroleerd.",
        "{detail} is missing, so these references cannot be checked.",
    ),
    "unit_cycle": (
        "De eenheden verwijzen in een kring naar elkaar als bovenliggende eenheid.",
        "The units refer to each other as parent in a cycle.",
    ),
    "overlapping_assignment": (
        "Overlapt met een andere aanstelling van dezelfde persoon in dezelfde functie (regel {detail}).",
        "Overlaps another assignment of the same person in the same job (row {detail}).",
    ),
    "missing_end_reason": (
        "Laatste aanstelling van een beëindigd dienstverband heeft geen reden uit dienst (end_reason).",
        "Last assignment of an ended employment spell has no end_reason.",
    ),
    "end_reason_on_internal_move": (
        "Reden uit dienst ingevuld, maar het dienstverband loopt door (interne overstap): laat end_reason leeg.",
        "end_reason is filled, but the employment continues (an internal move): leave end_reason empty.",
    ),
    "end_reason_on_open": (
        "Reden uit dienst ingevuld op een aanstelling zonder einddatum.",
        "end_reason is filled on an assignment without an end date.",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the input, located the way a spreadsheet user sees it (header = row 1)."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    code: str
    reason: str
    reason_en: str


def problem(code: str, *, file: str, row: int | None = None, column: str | None = None,
            value: str | None = None, **fill: object) -> Problem:
    """Build a Problem from the message catalogue, so wording stays consistent across checks."""
    nl, en = MESSAGES[code]
    fill.setdefault("detail", "")
    return Problem(file=file, row=row, column=column, value=value, code=code,
                   reason=nl.format(**fill), reason_en=en.format(**fill))


def problems_from_frame(bad: pl.DataFrame, code: str, *, file: str, column: str | None,
                        value_col: str | None = None, **fill: object) -> list[Problem]:
    """Turn the rows of a frame of failures (with `__row`) into problems, one per row."""
    if bad.height == 0:
        return []
    template = problem(code, file=file, column=column, **fill)
    rows = bad["__row"].to_list()
    values = bad[value_col].cast(pl.String).to_list() if value_col else [None] * len(rows)
    return [
        Problem(file=file, row=r, column=column, value=v, code=code, reason=template.reason,
                reason_en=template.reason_en)
        for r, v in zip(rows, values, strict=True)
    ]


@dataclass(frozen=True)
class ReadResult:
    """What an import read: the tables present (conformed to the schema) and everything wrong with them."""

    tables: dict[str, pl.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """File, then row order, so a report reads top to bottom like the file."""
    return sorted(problems, key=lambda p: (p.file, p.row if p.row is not None else 0, p.column or ""))
