"""scan_responses.csv and unit_kpis.csv (exchange format v1.2): read from a folder or through a
mapping profile (long and wide survey exports), every problem at once, and passed by the HR import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from levensfase.ingest.reader import read_exchange
from levensfase.ingest.scan_files import read_scan_files, write_scan_files


def test_folder_read_with_dtypes_and_problems(tmp_path: Path):
    (tmp_path / "scan_responses.csv").write_text(
        "response_id,unit_id,role,date,item,value\nR1,U1,employee,2025-01-15,dm1,4\nR2,U1,manager,2025-01-15,dm1,5\n")
    (tmp_path / "unit_kpis.csv").write_text("unit_id,period_end,kpi,value\nU1,2024-12-31,productiviteit,101.5\n")
    found = read_scan_files(tmp_path)
    assert found.ok
    assert found.responses.schema["date"] == pl.Date and found.responses["value"].to_list() == [4.0, 5.0]
    assert found.kpis.row(0) == ("U1", date(2024, 12, 31), "productiviteit", 101.5)
    (tmp_path / "scan_responses.csv").write_text(
        "response_id,unit_id,role,date,item,value\nR1,U1,baas,15-01-2025,dm1,vier\n")
    bad = read_scan_files(tmp_path)
    assert {(p.row, p.column, p.code) for p in bad.problems} == {(2, "role", "bad_enum"), (2, "date", "bad_date"),
                                                                 (2, "value", "bad_number")}
    assert read_scan_files(tmp_path / "nergens").problems[0].code == "not_found"


def test_a_survey_tools_export_through_a_mapping_profile(tmp_path: Path):
    (tmp_path / "export.csv").write_text(
        "Respondent;Team;Functie;Ronde;Vraag 1;Vraag 2\n7;Tiel;Medewerker;15-01-2025;4;\n8;Tiel;Leidinggevende;"
        "15-01-2025;2;3\n", encoding="utf-8")
    profile = tmp_path / "scan.toml"
    profile.write_text('''[profile]
name = "Scan-export (voorbeeld)"
delimiter = ";"
date_format = "%d-%m-%Y"

[tables.scan_responses]
source = "export.csv"
columns = { response_id = "Respondent", unit_id = "Team", role = "Functie", date = "Ronde" }
wide = { dm1 = "Vraag 1", dm2 = "Vraag 2" }
values.role = { "Medewerker" = "employee", "Leidinggevende" = "manager" }
values.unit_id = { "Tiel" = "U016" }
''', encoding="utf-8")
    found = read_scan_files(tmp_path / "export.csv", mapping=profile)
    assert found.ok, found.problems
    assert found.responses.select("response_id", "unit_id", "role", "item", "value").rows() == [
        ("7", "U016", "employee", "dm1", 4.0), ("8", "U016", "manager", "dm1", 2.0), ("8", "U016", "manager", "dm2", 3.0)]
    profile.write_text(profile.read_text().replace("wide = {", "breed = {"))
    assert read_scan_files(tmp_path / "export.csv", mapping=profile).problems[0].code == "bad_profile"


def test_the_hr_import_passes_the_scan_files_by(tmp_path: Path):
    from levensfase.ingest.generator import generate, generate_scan

    tables = generate(employees=40, years=1, seed=2, as_of=date(2025, 6, 30))
    from levensfase.ingest.writer import write_exchange

    write_exchange(tables, tmp_path, format="csv")
    made = generate_scan(tables, seed=2, as_of=date(2025, 6, 30))
    written = write_scan_files(tmp_path, responses=made.responses, kpis=made.kpis, programmes_toml="version = 1\n")
    assert [p.name for p in written] == ["scan_responses.csv", "unit_kpis.csv", "programmes.toml"]
    result = read_exchange(tmp_path)
    assert result.ok and "scan_responses" not in result.tables
    assert not any("scan_responses" in note for note in result.notes)  # not called "not an exchange file"
    again = read_scan_files(tmp_path)
    assert again.ok and again.responses.equals(made.responses) and again.kpis.equals(made.kpis)
