"""`levensfase project` through the real command line: JSON and HTML, scenarios, demand, refusals."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def org_dir(tmp_path_factory):
    from datetime import date

    from levensfase.ingest.generator import generate
    from levensfase.ingest.writer import write_exchange

    folder = tmp_path_factory.mktemp("org")
    write_exchange(generate(employees=400, years=7, seed=3, as_of=date(2025, 6, 30)), folder, format="csv")
    return folder


def _project(cli, org_dir, out, *extra, env=None):
    return cli("project", "--data", str(org_dir), "--as-of", "2025-06-30", "--years", "5", "--runs", "200",
               "--seed", "4", "--out", str(out), *extra, env=env)


def test_json_with_builtin_and_file_scenarios(cli, org_dir, tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('name = "vast"\nlabel_nl = "Vaste instroom"\n[hiring]\npolicy = "fixed"\nintake = 0\n',
                    encoding="utf-8")
    out = tmp_path / "p.json"
    ran = _project(cli, org_dir, out, "--builtin", "baseline", "--builtin", "work_longer", "--scenario", str(mine))
    assert ran.code == 0, ran.err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["as_of"] == "2025-06-30" and doc["years"] == list(range(2025, 2031))
    assert [s["name"] for s in doc["scenarios"]] == ["baseline", "work_longer", "vast"]
    vast = doc["scenarios"][2]
    assert vast["hires"]["p50"][1:] == [0.0] * 5  # nobody is hired, so headcount only falls
    heads = vast["headcount"]["p50"]
    assert all(a >= b for a, b in zip(heads, heads[1:]))
    assert heads[0] == 400


def test_same_seed_same_bytes(cli, org_dir, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert _project(cli, org_dir, a).code == 0
    assert _project(cli, org_dir, b).code == 0
    assert a.read_bytes() == b.read_bytes()


def test_html_is_self_contained_dutch_and_english(cli, org_dir, tmp_path):
    nl, en = tmp_path / "p.html", tmp_path / "p-en.html"
    assert _project(cli, org_dir, nl, "--format", "html", "--builtin", "baseline", "--builtin", "generatiepact").code == 0
    assert _project(cli, org_dir, en, "--format", "html", "--lang", "en").code == 0
    page = nl.read_text(encoding="utf-8")
    assert "Pensioneringsgolf" in page and "Scenario's naast elkaar" in page and "Generatiepact" in page
    assert "<script src=" not in page and "cdn" not in page.lower().split("plotly.js")[0][:100]
    assert "Retirement wave" in en.read_text(encoding="utf-8")


def test_demand_file_gives_a_gap(cli, org_dir, tmp_path):
    demand = tmp_path / "vraag.csv"
    demand.write_text("family,year,fte\nverpleging & verzorging,2026,400\n", encoding="utf-8")
    out = tmp_path / "p.json"
    ran = _project(cli, org_dir, out, "--demand", str(demand))
    assert ran.code == 0, ran.err
    gap = json.loads(out.read_text(encoding="utf-8"))["scenarios"][0]["gap"]["verpleging & verzorging"]
    assert gap["demand"][1:] == [400.0] * 5 and gap["p50"][0] is None


@pytest.mark.parametrize(("args", "message"), [
    (("--builtin", "mars"), "onbekend scenario 'mars'"),
    (("--scenario", "missing.toml"), "bestaat niet"),
    (("--demand", "missing.csv"), "bestaat niet"),
    (("--builtin", "baseline", "--builtin", "baseline"), "dezelfde naam"),
    (("--builtin", "baseline", "--builtin", "work_longer", "--builtin", "part_time", "--builtin", "hiring_mix",
      "--builtin", "generatiepact"), "hoogstens 4"),
    (("--as-of", "gisteren"), "geen datum"),
    (("--k", "100000"), "minder dan k"),
])
def test_refusals_are_plain_and_write_nothing(cli, org_dir, tmp_path, args, message):
    out = tmp_path / "p.json"
    ran = _project(cli, org_dir, out, *args)
    assert ran.code != 0
    assert message in ran.err
    assert not out.exists()


def test_bad_scenario_file_names_the_field(cli, org_dir, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[generatiepact]\ntake_up = 2\n', encoding="utf-8")
    ran = _project(cli, org_dir, tmp_path / "p.json", "--scenario", str(bad))
    assert ran.code == 2 and "generatiepact.take_up" in ran.err and "0 tot en met 1" in ran.err
    ran = _project(cli, org_dir, tmp_path / "p.json", "--scenario", str(bad), env={"LEVENSFASE_LANG": "en"})
    assert "from 0 to 1" in ran.err


def test_from_the_database_after_import(cli, org_dir, tmp_path):
    assert cli("import", str(org_dir)).code == 0
    out = tmp_path / "p.json"
    ran = cli("project", "--as-of", "2025-06-30", "--years", "3", "--runs", "100", "--seed", "4", "--out", str(out))
    assert ran.code == 0, ran.err
    from_db = json.loads(out.read_text(encoding="utf-8"))
    files = tmp_path / "f.json"
    assert cli("project", "--data", str(org_dir), "--as-of", "2025-06-30", "--years", "3", "--runs", "100",
               "--seed", "4", "--out", str(files)).code == 0
    assert from_db == json.loads(files.read_text(encoding="utf-8"))  # same data, same projection
