"""`levensfase retention` and `levensfase erase`: dry run by default, nothing without --yes.

One organisation, few subprocesses (each costs a Django start-up); retention after an import is
tested through `import_files` in tests/web/privacy/test_retention_after_import.py."""

from __future__ import annotations

import json
from datetime import date

import polars as pl

PAST = ("--from", f"{date.today().year - 5}-01-01", "--to", f"{date.today().year - 4}-12-31", "--format", "json")


def _json(ran) -> dict:
    assert ran.code == 0, ran.err
    return json.loads(ran.out)


def test_retention_and_erase_from_the_command_line(cli, tmp_path):
    data = tmp_path / "org"
    assert cli("generate", "--employees", "120", "--years", "6", "--seed", "5", "--out", str(data)).code == 0
    assert cli("import", str(data)).code == 0  # the suite switches retention after import off

    dry = _json(cli("retention", "--format", "json", env={"LEVENSFASE_RETENTION_YEARS": "2"}))
    assert dry["retention_years"] == 2 and dry["applied"] is False and len(dry["persons"]) > 10
    bad = cli("retention", "--apply", "--yes", env={"LEVENSFASE_RETENTION_YEARS": "twee"})
    assert bad.code == 2 and "LEVENSFASE_RETENTION_YEARS moet een heel getal" in bad.err
    refused = cli("retention", "--apply")
    assert refused.code == 2 and "--yes" in refused.err and "niets gewijzigd" in refused.err
    before = _json(cli("metrics", *PAST))

    applied = _json(cli("retention", "--apply", "--yes", "--format", "json"))
    assert applied["applied"] and applied["anonymised"] == len(dry["persons"])  # the refusal wrote nothing
    assert applied["removed"]["lf_life_event"] > 0
    assert _json(cli("metrics", *PAST)) == before
    assert _json(cli("retention", "--format", "json"))["persons"] == []

    working = pl.read_csv(data / "assignments.csv").filter(pl.col("end_date").is_null())["person_id"].min()
    preview = cli("erase", working)
    assert preview.code == 2 and "--yes" in preview.err and "lf_person" in preview.out
    erased = _json(cli("erase", working, "--yes", "--format", "json"))
    assert erased["erased"] and erased["removed"]["lf_person"] == 1 and erased["removed"]["lf_assignment"] >= 1
    assert "bestaat niet" in cli("erase", working, "--yes").err
