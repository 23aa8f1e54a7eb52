"""A profile made by the mapping builder's code, written by the one TOML writer, works on the
command line: `levensfase import EXPORT --mapping file.toml` stores exactly the organisation the
Dutch export was made from (its metrics equal those of the original exchange files)."""

from __future__ import annotations

import json
from datetime import date

from levensfase.ingest.generator import generate
from levensfase.ingest.mapping_toml import profile_to_toml
from levensfase.ingest.writer import write_exchange
from levensfase.web.mappings.builder import complete_values, initial_choices, load_source, to_profile

from support.dutch_export import dutch_export, with_accented_unit

PERIOD = ("--from", "2023-01-01", "--to", "2024-12-31", "--format", "json")


def test_the_builders_profile_imports_the_export_on_the_command_line(cli, tmp_path):
    tables = with_accented_unit(generate(employees=40, years=3, seed=5, as_of=date(2024, 12, 31)))
    master = {name: tables[name] for name in ("people", "units", "jobs", "assignments")}
    original = tmp_path / "origineel"
    write_exchange(master, original)
    export = tmp_path / "dienstverbanden.csv"
    export.write_bytes(dutch_export(master))

    choices = initial_choices(export, name=export.name)  # what the builder proposes on opening
    choices.tables["jobs"].columns["job_family"] = "Soort functie"  # the one choice the user makes
    assert [t for t, c in choices.tables.items() if c.use] == ["people", "units", "jobs", "assignments"]
    complete_values(choices, load_source(export, choices))
    profile_file = tmp_path / "youforce.toml"
    profile_file.write_text(profile_to_toml(to_profile(choices, name="Youforce")), encoding="utf-8")

    ran = cli("import", str(export), "--mapping", str(profile_file))
    assert ran.code == 0, ran.err
    stored = cli("metrics", *PERIOD)
    from_files = cli("metrics", *PERIOD, "--data", str(original))
    assert stored.code == 0 and from_files.code == 0, stored.err + from_files.err
    assert json.loads(stored.out) == json.loads(from_files.out)
    assert json.loads(stored.out)["headcount_end"] == 40
