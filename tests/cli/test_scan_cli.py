"""`levensfase scan` (adviser mode) and `generate`'s scan files through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GENERATE = ("generate", "--employees", "200", "--years", "2", "--seed", "4", "--as-of", "2025-12-31")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """The organisation `generate` writes (built in-process once: the command itself is tested below)."""
    from datetime import date

    from levensfase.ingest.generator import generate, generate_scan
    from levensfase.ingest.scan_files import write_scan_files
    from levensfase.ingest.writer import write_exchange
    from levensfase.scan.programme_file import programmes_toml

    folder = tmp_path_factory.mktemp("scan") / "org"
    tables = generate(employees=200, years=2, seed=4, as_of=date(2025, 12, 31))
    write_exchange(tables, folder, format="csv")
    made = generate_scan(tables, seed=4, as_of=date(2025, 12, 31), plant=0.5)
    write_scan_files(folder, responses=made.responses, kpis=made.kpis, programmes_toml=programmes_toml([made.programme]))
    return folder


@pytest.fixture
def data(generated: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(generated, tmp_path / "org"))


def test_generate_writes_two_rounds_kpis_and_a_programme_without_changing_the_rest(cli, tmp_path):
    plain, data = tmp_path / "plain", tmp_path / "planted"
    assert cli(*GENERATE, "--out", str(plain)).code == 0
    assert cli(*GENERATE, "--out", str(data), "--plant-programme", "0,5").code != 0  # a number, with a dot
    ran = cli(*GENERATE, "--out", str(data), "--plant-programme", "0.5")
    assert ran.code == 0 and "15 bestand(en) geschreven" in ran.out, ran.err
    for name in ("people.csv", "assignments.csv", "surveys.csv", "arrangements.csv"):
        assert (plain / name).read_bytes() == (data / name).read_bytes()  # the organisation is the same
    assert (plain / "scan_responses.csv").read_bytes() != (data / "scan_responses.csv").read_bytes()  # the plant
    lines = (data / "scan_responses.csv").read_text().splitlines()
    assert lines[0] == "response_id,unit_id,role,date,item,value"
    assert {line.split(",")[3] for line in lines[1:]} == {"2024-12-31", "2025-12-31"}
    assert (data / "unit_kpis.csv").read_text().startswith("unit_id,period_end,kpi,value\n")
    assert 'name = "Zelfroosterende teams"' in (data / "programmes.toml").read_text()


def test_json_html_and_pdf(cli, tmp_path, data):
    out = tmp_path / "scan.json"
    ran = cli("scan", "--data", str(data), "--as-of", "2025-12-31", "--programmes", str(data / "programmes.toml"),
              "--out", str(out))
    assert ran.code == 0, ran.err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["k"] == 5 and doc["round"] == "2025-12-31" and len(doc["dimensions"]) == 6
    assert doc["programmes"][0]["rows"][0]["verdict"] in ("improved", "no_clear_difference")
    assert any(u["kpis"] for u in doc["units"]) and doc["organisation"]["hr"]
    page = tmp_path / "scan.html"
    assert cli("scan", "--data", str(data), "--as-of", "2025-12-31", "--format", "html", "--out", str(page),
               "--k", "6").code == 0
    assert "<h1>Sociale-innovatiescan</h1>" in page.read_text(encoding="utf-8")
    pdf = tmp_path / "scan.pdf"
    assert cli("scan", "--data", str(data), "--as-of", "2025-12-31", "--format", "pdf", "--out", str(pdf),
               "--lang", "en").code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_survey_export_through_a_mapping_profile(cli, tmp_path, data):
    rows = [line.split(",") for line in (data / "scan_responses.csv").read_text().splitlines()[1:]]
    export = tmp_path / "export.csv"
    export.write_text("Nr;Team;Rol;Datum;Vraag;Antwoord\n" + "".join(
        f"{r[0]};{r[1]};{'Leiding' if r[2] == 'manager' else 'Medewerker'};{r[3][8:10]}-{r[3][5:7]}-{r[3][:4]};{r[4]};"
        f"{r[5].replace('.0', '')}\n" for r in rows), encoding="utf-8")
    profile = tmp_path / "profiel.toml"
    profile.write_text('[profile]\nname = "Scan"\ndelimiter = ";"\ndate_format = "%d-%m-%Y"\n\n'
                       '[tables.scan_responses]\nsource = "export.csv"\ncolumns = { response_id = "Nr", unit_id = "Team", '
                       'role = "Rol", date = "Datum", item = "Vraag", value = "Antwoord" }\n'
                       'values.role = { "Medewerker" = "employee", "Leiding" = "manager" }\n', encoding="utf-8")
    via_survey, direct = tmp_path / "a.json", tmp_path / "b.json"
    ran = cli("scan", "--data", str(data), "--survey", str(export), "--survey-mapping", str(profile),
              "--as-of", "2025-12-31", "--out", str(via_survey))
    assert ran.code == 0, ran.err
    assert cli("scan", "--data", str(data), "--as-of", "2025-12-31", "--out", str(direct)).code == 0
    a, b = json.loads(via_survey.read_text()), json.loads(direct.read_text())
    assert a["units"] == b["units"] and a["organisation"] == b["organisation"]
    results = tmp_path / "resultaten.csv"  # any file name: --kpis is read as unit_kpis
    results.write_text("unit_id,period_end,kpi,value\nU008,2025-12-31,nps,31\n", encoding="utf-8")
    with_kpis = tmp_path / "c.json"
    assert cli("scan", "--data", str(data), "--kpis", str(results), "--as-of", "2025-12-31", "--out",
               str(with_kpis)).code == 0
    unit = next(u for u in json.loads(with_kpis.read_text())["units"] if u["unit"] == "U008")
    assert unit["kpis"] == {"nps": {"period_end": "2025-12-31", "value": 31.0, "previous_value": None, "change": None}}


def test_bad_input_is_refused_in_dutch_and_writes_nothing(cli, tmp_path, data):
    out = tmp_path / "scan.json"
    base = ("scan", "--data", str(data), "--as-of", "2025-12-31", "--out", str(out))
    (data / "scan_responses.csv").write_text((data / "scan_responses.csv").read_text().replace(",dm1,3.0", ",dm1,9.0"))
    off_scale = cli(*base)
    assert off_scale.code != 0 and "geen geheel getal van 1 tot 5" in off_scale.err and "Er is niets geschreven" in \
        off_scale.err
    bad_programmes = tmp_path / "p.toml"
    bad_programmes.write_text("version = 1\n[[programme]]\nname = 'x'\n")
    assert "programma 1: start" in cli(*base, "--programmes", str(bad_programmes)).err
    bad_instrument = tmp_path / "i.toml"
    bad_instrument.write_text("version = 1\n")
    assert "eigen" not in cli(*base, "--instrument", str(bad_instrument)).err
    assert cli(*base, "--instrument", str(bad_instrument)).code != 0
    assert "--survey-mapping hoort bij --survey" in cli(*base, "--survey-mapping", str(bad_programmes)).err
    (data / "scan_responses.csv").unlink()
    missing = cli(*base)
    assert missing.code != 0 and "Geen scanantwoorden gevonden" in missing.err
    assert cli("scan", "--data", str(data), "--as-of", "2025-02-30", "--out", str(out)).code != 0
    broken = tmp_path / "broken.csv"
    broken.write_text("response_id,unit_id\nR1\n")
    bad_file = cli(*base, "--survey", str(broken))
    assert bad_file.code != 0 and "gevonden; er is niets ingelezen" in bad_file.err
    assert not out.exists()
