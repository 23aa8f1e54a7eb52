"""`levensfase metrics` against hand-computed values and an independent plain-Python implementation."""

from __future__ import annotations

import json
from datetime import date

import polars as pl

from support.handbuilt import hand_built_workforce
from support.reference_metrics import period


def _write(tables: dict[str, pl.DataFrame], folder) -> None:
    folder.mkdir()
    for name, frame in tables.items():
        if frame.height:
            frame.write_csv(folder / f"{name}.csv")


def test_metrics_json_from_files_equals_the_hand_computation(cli, tmp_path):
    data = tmp_path / "org"
    _write(hand_built_workforce().tables(), data)
    ran = cli("metrics", "--data", str(data), "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json")
    assert ran.code == 0, ran.err
    result = json.loads(ran.out)
    assert (result["headcount_start"], result["headcount_end"], result["average_headcount"]) == (5, 6, 5.5)
    assert result["outflow"] == {"total": 3, "voluntary": 1, "involuntary": 1, "retirement": 1,
                                 "disability": 0, "death": 0, "other": 0}
    assert (result["turnover_rate"], result["internal_mobility"], result["promotions"]) == (54.55, 2, 1)


def test_metrics_on_generated_data_equal_the_plain_definitions(cli, tmp_path):
    data = tmp_path / "generated"
    ran = cli("generate", "--employees", "250", "--years", "4", "--seed", "7", "--as-of", "2025-06-30",
              "--out", str(data))
    assert ran.code == 0, ran.err
    assignments = pl.read_csv(data / "assignments.csv", try_parse_dates=True,
                              schema_overrides={"end_reason": pl.String, "contract": pl.String}).to_dicts()
    jobs = pl.read_csv(data / "jobs.csv").to_dicts()
    for start, end in [(date(2022, 1, 1), date(2022, 12, 31)), (date(2023, 7, 1), date(2024, 6, 30)),
                       (date(2025, 1, 1), date(2025, 6, 30))]:
        ran = cli("metrics", "--data", str(data), "--from", start.isoformat(), "--to", end.isoformat(),
                  "--format", "json")
        assert ran.code == 0, ran.err
        assert json.loads(ran.out) == period(assignments, jobs, start, end)
    assert period(assignments, jobs, date(2025, 6, 30), date(2025, 6, 30))["headcount_end"] == 250


def test_table_output_is_dutch_by_default(cli, tmp_path):
    data = tmp_path / "org"
    _write(hand_built_workforce().tables(), data)
    ran = cli("metrics", "--data", str(data), "--from", "2024-01-01", "--to", "2024-12-31")
    assert ran.code == 0
    assert "verlooppercentage" in ran.out and "54,55" in ran.out


def test_bad_arguments_get_one_clear_message(cli, tmp_path):
    assert "geen datum" in cli("metrics", "--from", "2024-13-01", "--to", "2024-12-31").err
    reversed_ = cli("metrics", "--from", "2024-12-31", "--to", "2024-01-01")
    assert reversed_.code == 2 and "vóór" in reversed_.err
    missing = cli("metrics", "--from", "2024-01-01", "--to", "2024-12-31", "--data", str(tmp_path / "nope"))
    assert missing.code == 2 and "bestaat niet" in missing.err
    alone = cli("metrics", "--from", "2024-01-01", "--to", "2024-12-31", "--mapping", "x.toml")
    assert alone.code == 2 and "--data" in alone.err


def test_english_messages_on_request(cli):
    ran = cli("metrics", "--from", "x", "--to", "2024-12-31", env={"LEVENSFASE_LANG": "en"})
    assert ran.code == 2 and "is not a date" in ran.err
