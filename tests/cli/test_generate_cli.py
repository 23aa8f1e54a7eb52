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
