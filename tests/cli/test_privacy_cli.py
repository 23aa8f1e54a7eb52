"""`levensfase retention` and `levensfase erase`: dry run by default, nothing without --yes, and
retention after an import when LEVENSFASE_RETENTION_AFTER_IMPORT is on (the product default)."""

from __future__ import annotations

import json
from datetime import date

import polars as pl

PAST = ("--from", f"{date.today().year - 5}-01-01", "--to", f"{date.today().year - 4}-12-31", "--format", "json")
OFF = {"LEVENSFASE_RETENTION_AFTER_IMPORT": "0"}


def _json(ran) -> dict:
    assert ran.code == 0, ran.err
    return json.loads(ran.out)


def _generate(cli, tmp_path):
    data = tmp_path / "org"
    assert cli("generate", "--employees", "120", "--years", "6", "--seed", "5", "--out", str(data)).code == 0
    return data


def test_retention_dry_run_apply_needs_yes_and_past_metrics_stay(cli, tmp_path):
    data = _generate(cli, tmp_path)
    from_files = _json(cli("metrics", *PAST, "--data", str(data)))
    assert cli("import", str(data), env=OFF).code == 0

    dry = _json(cli("retention", "--format", "json"))
    assert dry["retention_years"] == 2 and len(dry["persons"]) > 10
    refused = cli("retention", "--apply", "--format", "json")
    assert refused.code == 2 and "--yes" in refused.err
    assert _json(cli("retention", "--format", "json"))["persons"] == dry["persons"]  # nothing written

    applied = _json(cli("retention", "--apply", "--yes", "--format", "json"))
    assert applied["applied"] and applied["anonymised"] == len(dry["persons"])
    assert applied["removed"]["lf_life_event"] > 0
    assert _json(cli("retention", "--format", "json"))["persons"] == []
    assert _json(cli("metrics", *PAST)) == from_files

    longer = _json(cli("retention", "--format", "json", env={"LEVENSFASE_RETENTION_YEARS": "1"}))
    assert longer["retention_years"] == 1  # read from the environment


def test_import_runs_retention_and_erase_wants_yes(cli, tmp_path):
    data = _generate(cli, tmp_path)
    from_files = _json(cli("metrics", *PAST, "--data", str(data)))
    imported = cli("import", str(data), env={"LEVENSFASE_RETENTION_AFTER_IMPORT": "1"})
    assert imported.code == 0, imported.err
    assert "Bewaartermijn:" in imported.err and "geanonimiseerd" in imported.err
    assert _json(cli("retention", "--format", "json"))["persons"] == []
    assert _json(cli("metrics", *PAST)) == from_files

    again = cli("import", str(data), env={"LEVENSFASE_RETENTION_AFTER_IMPORT": "1"})
    assert again.code == 0 and "overgeslagen" in again.err and "Geen wijzigingen" in again.out

    working = pl.read_csv(data / "assignments.csv").filter(pl.col("end_date").is_null())["person_id"].min()
    preview = cli("erase", working)
    assert preview.code == 2 and "--yes" in preview.err and "lf_person" in preview.out
    erased = _json(cli("erase", working, "--yes", "--format", "json"))
    assert erased["erased"] and erased["removed"]["lf_person"] == 1 and erased["removed"]["lf_assignment"] >= 1
    assert "bestaat niet" in cli("erase", working, "--yes").err
