"""Programme definitions from TOML: read, written back, and refused with the field named."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.scan.errors import ScanError
from levensfase.scan.programme_file import load_programmes, parse_programmes, programmes_toml
from levensfase.scan.programmes import Programme

TEXT = """version = 1
[[programme]]
name = "Zelfroosteren"
start = 2025-03-01
units = ["U1", "U2"]
comparison = ["U3"]
rounds = [2025-01-15, 2026-01-15]
targets = { flexibel_organiseren = 3.5 }
"""


def test_read_and_written_back():
    [p] = parse_programmes(TEXT, unit_ids={"U1", "U2", "U3"}, measures={"flexibel_organiseren"})
    assert p == Programme("Zelfroosteren", date(2025, 3, 1), ("U1", "U2"), ("U3",), (date(2025, 1, 15),
                          date(2026, 1, 15)), {"flexibel_organiseren": 3.5})
    assert parse_programmes(programmes_toml([p])) == [p]
    rest = Programme('Het "grote" traject', date(2025, 3, 1), ("U1",), None, p.rounds, {})
    assert parse_programmes(programmes_toml([rest])) == [rest]  # quotes survive, comparison None = the rest


@pytest.mark.parametrize(("change", "needle"), [
    (lambda t: t.replace('"U2"', '"U9"'), "units: onbekende afdeling(en) U9"),
    (lambda t: t.replace('["U3"]', '["U1"]'), "in het programma én in de vergelijking"),
    (lambda t: t.replace("[2025-01-15, 2026-01-15]", "[2026-01-15, 2025-01-15]"), "rounds: twee datums nodig"),
    (lambda t: t.replace("flexibel_organiseren = 3.5", "snelheid = 3.5"), "onbekende dimensie(s) snelheid"),
    (lambda t: t.replace("start = 2025-03-01", "start = \"maart\""), "start: moet een datum zijn"),
    (lambda t: t.replace("name = ", "naam = "), "naam: onbekend veld"),
])
def test_refused_with_programme_and_field(change, needle):
    with pytest.raises(ScanError) as refused:
        parse_programmes(change(TEXT), source="p.toml", unit_ids={"U1", "U2", "U3"},
                         measures={"flexibel_organiseren"})
    assert needle in str(refused.value) and str(refused.value).startswith("p.toml: programma 1: ")


def test_unreadable_and_empty_files(tmp_path):
    with pytest.raises(ScanError, match="kan niet worden gelezen"):
        load_programmes(tmp_path / "none.toml")
    with pytest.raises(ScanError, match="minstens één"):
        parse_programmes("version = 1\n")
