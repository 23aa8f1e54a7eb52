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
    "bad_parquet": ("Het Parquet-bestand kan niet worden gelezen: {detail}", "The Parquet file cannot be read: {detail}"),
    "two_sources": (
        "Deze tabel staat twee keer in de map ({detail}); laat er één staan.",
        "This table is in the folder twice ({detail}); keep one of them.",
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
    "nul_byte": (
        "Deze regel bevat een NUL-teken (byte 0); sla het bestand opnieuw op als tekst (UTF-8).",
        "This row contains a NUL character (byte 0); save the file again as text (UTF-8).",
    ),
    "stray_bom": (
        "De kopregel begint met een extra bytevolgordemarkering (BOM); sla het bestand op als UTF-8 zonder extra BOM.",
        "The header starts with an extra byte order mark (BOM); save the file as UTF-8 without an extra BOM.",
    ),
    "wrong_delimiter": (
        "De kopregel lijkt gescheiden door {detail} in plaats van komma's; sla op als CSV met komma's "
        "of lees het bestand met een mapping profile.",
        "The header seems separated by {detail} instead of commas; save as comma-separated CSV "
        "or read the file with a mapping profile.",
    ),
    "not_regular_file": (
        "Dit is geen gewoon bestand (bijvoorbeeld een snelkoppeling of symbolische link) en wordt niet gelezen.",
        "This is not a regular file (e.g. a shortcut or symbolic link) and is not read.",
    ),
    "bad_id": (
        "Ongeldige code: {detail}",
        "Invalid id: {detail}",
    ),
    "implausible_date": (
        "Onwaarschijnlijke datum; toegestaan: {detail}.",
        "Implausible date; allowed: {detail}.",
    ),
    "too_young": (
        "De eerste aanstelling begint minder dan {detail} jaar na de geboortedatum ({birth}) in {where}.",
        "The first assignment starts less than {detail} years after the birth date ({birth}) in {where}.",
    ),
    "more_problems": (
        "en nog {detail} problemen van deze soort: {kind}",
        "and {detail_en} more problems of this kind: {kind_en}",
    ),
    "end_reason_on_open": (
        "Reden uit dienst ingevuld op een aanstelling zonder einddatum.",
        "end_reason is filled on an assignment without an end date.",
    ),
}


MAX_LISTED = 100  # per file and kind; the rest is counted in one `more_problems` line
MAX_VALUE_CHARS = 80  # a quoted value longer than this is cut (a 5 MB cell must not fill a page)


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
    of: str = ""  # for `more_problems`: the code of the problems counted


def problem(code: str, *, file: str, row: int | None = None, column: str | None = None,
            value: str | None = None, **fill: object) -> Problem:
    """Build a Problem from the message catalogue, so wording stays consistent across checks."""
    nl, en = MESSAGES[code]
    fill.setdefault("detail", "")
    return Problem(file=file, row=row, column=column, value=quoted(value), code=code,
                   reason=nl.format(**fill), reason_en=en.format(**fill))


def problems_from_frame(bad: pl.DataFrame, code: str, *, file: str, column: str | None,
                        value_col: str | None = None, **fill: object) -> list[Problem]:
    """Turn the rows of a frame of failures (with `__row`) into problems, one per row: the first
    MAX_LISTED, and one `more_problems` line counting the rest (millions of rows stay fast)."""
    if bad.height == 0:
        return []
    template = problem(code, file=file, column=column, **fill)
    listed = bad.head(MAX_LISTED)
    rows = listed["__row"].to_list()
    values = listed[value_col].cast(pl.String).to_list() if value_col else [None] * len(rows)
    found = [
        Problem(file=file, row=r, column=column, value=quoted(v), code=code, reason=template.reason,
                reason_en=template.reason_en)
        for r, v in zip(rows, values, strict=True)
    ]
    return with_count(found, bad.height)


def quoted(value: str | None) -> str | None:
    """The value as a problem quotes it: at most MAX_VALUE_CHARS characters, control characters shown."""
    if value is None:
        return None
    if len(value) > MAX_VALUE_CHARS:
        value = value[:MAX_VALUE_CHARS] + "…"
    return value if value.isprintable() else value.encode("unicode_escape").decode("ascii")[:MAX_VALUE_CHARS * 4]


def more_problems(kind: Problem, count: int) -> list[Problem]:
    """One line standing for `count` further problems like `kind` (none when count is 0)."""
    if count <= 0:
        return []
    nl, en = MESSAGES["more_problems"]
    if kind.code == "more_problems":  # merging counts: the kind's own words follow the colon
        reason, reason_en = (text.partition(": ")[2] or text for text in (kind.reason, kind.reason_en))
    else:
        reason, reason_en = kind.reason, kind.reason_en
    return [Problem(file=kind.file, row=None, column=kind.column, value=str(count), code="more_problems",
                    reason=nl.format(detail=f"{count:,}".replace(",", "."), kind=reason),
                    reason_en=en.format(detail_en=f"{count:,}", kind_en=reason_en), of=kind.of or kind.code)]


def with_count(listed: list[Problem], total: int) -> list[Problem]:
    """The first MAX_LISTED of `total` problems of one kind (`listed`, already cut), and the count of the rest."""
    return listed + (more_problems(listed[0], total - len(listed)) if listed and total > len(listed) else [])


def problem_count(problems: list[Problem]) -> int:
    """How many problems a (capped) list stands for: the listed ones plus every counted one."""
    return sum(int(p.value or 0) if p.code == "more_problems" else 1 for p in problems)


def cap_problems(problems: list[Problem]) -> list[Problem]:
    """At most MAX_LISTED problems per file and kind (code), the first by row; the rest counted.

    Checks cap their own output already (`problems_from_frame`); this merges what several
    checks found of one kind, e.g. the same code on several columns."""
    listed: dict[tuple[str, str], list[Problem]] = {}
    counted: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], Problem] = {}
    for p in sort_problems(problems):
        key = (p.file, p.of or p.code)
        first.setdefault(key, p)
        if p.code == "more_problems":
            counted[key] = counted.get(key, 0) + int(p.value or 0)
        elif len(listed.setdefault(key, [])) < MAX_LISTED:
            listed[key].append(p)
        else:
            counted[key] = counted.get(key, 0) + 1
    out = [p for group in listed.values() for p in group]
    for key, count in counted.items():
        out += more_problems(first[key], count)
    return sort_problems(out)


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
    """File, then row order, so a report reads top to bottom like the file (a count of further
    problems after the listed ones of its file)."""
    def key(p: Problem) -> tuple[str, int, int, str]:
        last = p.code == "more_problems"
        return (p.file, int(last), p.row if p.row is not None else 0, p.column or "")
    return sorted(problems, key=key)
