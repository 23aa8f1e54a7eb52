"""Sniffing a foreign export's formats, and telling a Dutch export from the exchange format."""

from __future__ import annotations

from pathlib import Path

from levensfase.ingest.sniff import (
    DECIMAL_COMMA,
    DUTCH_COLUMNS,
    DUTCH_DATES,
    DUTCH_VALUES,
    SEMICOLON,
    WINDOWS_1252,
    SniffedFormat,
    dutch_export_signals,
    looks_like_dutch_export,
    sniff_csv,
    sniff_date_format,
    sniff_decimal_comma,
    sniff_delimiter,
    sniff_encoding,
)

HRIS_NL = Path(__file__).parent / "fixtures" / "hris_nl"
DUTCH = ("Personeelsnummer;Geboortedatum;Geslacht;FTE;Contractsoort\n"
         "1001;03-02-1968;V;0,8889;Vast\n1002;17-11-1991;M;1;Tijdelijk\n1003;29-02-1984;V;0,5;Vast\n")


def test_encoding_utf8_with_and_without_bom_else_cp1252():
    assert sniff_encoding("Coördinator".encode()) == "utf-8"
    assert sniff_encoding(b"\xef\xbb\xbf" + "Coördinator".encode()) == "utf-8"
    assert sniff_encoding("Coördinator".encode("cp1252")) == "cp1252"  # ö is one byte 0xF6 there


def test_delimiter_is_the_one_every_line_agrees_on():
    assert sniff_delimiter("a;b;c\n1;2,5;3\n4;5,5;6\n") == ";"  # the commas are decimal commas
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"
    # one quoted field hides a comma: most lines still agree on the header's two commas
    assert sniff_delimiter('a,b,c\n1,"x, y",3\n4,5,6\n7,8,9\n') == ","
    assert sniff_delimiter("only one column\nvalue\n") == ","


def test_decimal_comma_and_date_format_follow_the_majority():
    assert sniff_decimal_comma(["0,8", "1.234,50", "1", "abc"]) is True
    assert sniff_decimal_comma(["0.8", "1,5", "2.25"]) is False
    assert sniff_decimal_comma(["12", "7"]) is False
    assert sniff_date_format(["03-02-1968", "1-9-2016", "2020-01-01"]) == "%d-%m-%Y"
    assert sniff_date_format(["3/2/1968", "14/12/2001"]) == "%d/%m/%Y"
    assert sniff_date_format(["03.02.1968"]) == "%d.%m.%Y"
    assert sniff_date_format(["tekst", "12"]) == "%Y-%m-%d"


def test_sniff_csv_reads_a_dutch_export_with_what_it_found():
    sniffed, raw = sniff_csv(DUTCH.replace("Vast", "Vast für").encode("cp1252"), file="x.csv")
    assert sniffed == SniffedFormat("cp1252", ";", True, "%d-%m-%Y")
    assert raw.frame.columns[1:] == ["Personeelsnummer", "Geboortedatum", "Geslacht", "FTE", "Contractsoort"]
    assert raw.frame["Contractsoort"].to_list() == ["Vast für", "Tijdelijk", "Vast für"]


def test_sniff_csv_of_the_exchange_format_finds_its_defaults():
    sniffed, raw = sniff_csv(b"person_id,birth_date,sex\nA1,1980-05-01,f\n", file="people.csv")
    assert sniffed == SniffedFormat()
    assert raw.frame.height == 1


def test_signals_of_the_shipped_dutch_fixture(tmp_path):
    assert dutch_export_signals(HRIS_NL) == [SEMICOLON, DECIMAL_COMMA, DUTCH_DATES, WINDOWS_1252, DUTCH_COLUMNS,
                                             DUTCH_VALUES]
    assert looks_like_dutch_export(HRIS_NL / "medewerkers.csv")


def test_an_exchange_file_with_a_typo_does_not_look_dutch(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("person_id,birth_date,sex\nA1,1980-13-01,f\nA2,1990-02-03,é\n", encoding="cp1252")
    assert dutch_export_signals(people) == [WINDOWS_1252]
    assert not looks_like_dutch_export(people)
    assert not looks_like_dutch_export(tmp_path / "missing.csv")


def test_one_dutch_value_in_an_exchange_file_is_enough(tmp_path):
    (tmp_path / "assignments.csv").write_text(
        "person_id,start_date,end_date,unit_id,job_id,fte,contract,end_reason\nA1,2020-01-01,,U1,J1,0.8,vast,\n")
    assert dutch_export_signals(tmp_path) == [DUTCH_VALUES]


def test_workbook_sheets_are_sniffed_from_their_text_cells(tmp_path):
    import xlsxwriter

    path = tmp_path / "export.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet("Medewerkers")
        for r, row in enumerate([["Personeelsnummer", "Datum in dienst"], ["1", "01-02-2003"], ["2", "15-06-2010"]]):
            sheet.write_row(r, 0, row)
    assert dutch_export_signals(path) == [DUTCH_DATES, DUTCH_COLUMNS]


def test_the_head_of_a_long_file_ends_on_a_whole_line(tmp_path):
    from levensfase.ingest.sniff import read_head

    path = tmp_path / "big.csv"
    path.write_bytes(b"a;b\n" + b"12345;67890\n" * 100)
    assert read_head(path, size=30) == b"a;b\n12345;67890\n12345;67890\n"  # 28 bytes: the third line would cut
    assert read_head(path, size=10_000) == path.read_bytes()
