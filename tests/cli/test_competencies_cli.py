"""Through the real command line: every category value of `levensfase metrics --by` also appears in the
`competencies` section of `levensfase analyse` (issue 7, Done-when), on generated data."""

from __future__ import annotations

import json

BY = ("age_band", "generation", "unit", "job_family", "contract", "sex", "life_phase", "career", "private_life",
      "vitality", "pension_horizon")


def test_every_metrics_by_value_appears_in_the_competencies_section(cli, tmp_path):
    data, out = tmp_path / "generated", tmp_path / "analyse.json"
    ran = cli("generate", "--employees", "200", "--years", "3", "--seed", "11", "--as-of", "2025-06-30",
              "--out", str(data))
    assert ran.code == 0, ran.err
    ran = cli("analyse", "--data", str(data), "--as-of", "2025-06-30", "--unit-depth", "9",  # every unit, as `metrics`
              "--out", str(out))
    assert ran.code == 0, ran.err
    section = json.loads(out.read_text(encoding="utf-8"))["competencies"]
    assert section["window_from"] == "2024-07-01"
    present = {(r["by"], r["value"]) for r in section["rows"]}
    assert {by for by, _ in present} == set(BY)
    for by in BY:  # the 12-month window of the training spend, the widest period the section covers
        ran = cli("metrics", "--data", str(data), "--from", "2024-07-01", "--to", "2025-06-30", "--by", by,
                  "--format", "json")
        assert ran.code == 0, ran.err
        values = {(by, r["value"]) for r in json.loads(ran.out)["rows"]}
        assert values and values <= present, sorted(values - present)
    shown = [r for r in section["rows"] if not r["suppressed"] and r["population"]]
    assert shown and all(0 <= r["untapped_share"] <= 1 for r in shown if r["untapped_share"] is not None)
