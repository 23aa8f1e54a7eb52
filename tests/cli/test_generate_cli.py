"""`levensfase generate --format`: csv and parquet give the same data; a bad format is refused plainly."""

from __future__ import annotations

from levensfase.ingest.reader import read_exchange

ORG = ("--employees", "60", "--years", "2", "--seed", "5", "--as-of", "2024-12-31")


def test_parquet_and_csv_from_the_command_line_hold_the_same_tables(cli, tmp_path):
    for fmt in ("csv", "parquet"):
        ran = cli("generate", *ORG, "--out", str(tmp_path / fmt), "--format", fmt)
        assert ran.code == 0, ran.err
    assert sorted(p.suffix for p in (tmp_path / "parquet").iterdir()) == [".parquet"] * 12
    csv, parquet = read_exchange(tmp_path / "csv"), read_exchange(tmp_path / "parquet")
    assert csv.ok and parquet.ok
    assert all(frame.equals(parquet.tables[name]) for name, frame in csv.tables.items())


def test_a_bad_format_gets_a_clear_message_and_writes_nothing(cli, tmp_path):
    ran = cli("generate", *ORG, "--out", str(tmp_path / "x"), "--format", "json")
    assert ran.code == 2
    assert "onbekend formaat 'json'; kies csv, parquet of xlsx" in ran.err
    assert "Traceback" not in ran.err and not (tmp_path / "x").exists()
    english = cli("generate", *ORG, "--out", str(tmp_path / "x"), "--format", "json", env={"LEVENSFASE_LANG": "en"})
    assert "unknown format 'json'; choose csv, parquet or xlsx" in english.err


def test_the_scan_of_a_chunked_folder_equals_the_scan_of_the_whole_tables_and_stops_above_its_limit(tmp_path, monkeypatch):
    """`generate` writes CSV chunk by chunk and then reads back units, assignments and jobs for the
    scan: that must give the scan of the organisation held whole; above the limit no scan is drawn."""
    from datetime import date

    import polars as pl

    from levensfase import cli_scan
    from levensfase.ingest.generator import generate, generate_chunks, generate_scan
    from levensfase.ingest.writer import write_exchange_chunks

    org = {"employees": 60, "years": 2, "seed": 5, "as_of": date(2024, 12, 31)}
    write_exchange_chunks(generate_chunks(**org), tmp_path / "a", format="csv")
    written = cli_scan.write_generated(None, tmp_path / "a", seed=5, as_of=org["as_of"], plant=None, format="csv")
    assert {p.name for p in written} == {"scan_responses.csv", "unit_kpis.csv", "programmes.toml"}
    whole = generate_scan(generate(**org), seed=5, as_of=org["as_of"])
    read = pl.read_csv(tmp_path / "a" / "scan_responses.csv", schema=whole.responses.schema)
    assert read.equals(whole.responses)

    write_exchange_chunks(generate_chunks(**org), tmp_path / "b", format="csv")
    monkeypatch.setattr(cli_scan, "SCAN_MAX_EMPLOYEES", 10)
    assert cli_scan.write_generated(None, tmp_path / "b", seed=5, as_of=org["as_of"], plant=None, format="csv") == []
    assert not (tmp_path / "b" / "scan_responses.csv").exists()
