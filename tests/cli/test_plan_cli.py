"""`levensfase plan` through the real command line: JSON with every effect flagged gemeten / aanname,
evaluation rows, whole places, and plain refusals for bad input."""

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


def _plan(cli, org_dir, *extra):
    return cli("plan", "--data", str(org_dir), "--as-of", "2025-06-30", "--budget", "40000", *extra)


def test_json_flags_every_effect_and_explains_every_category(cli, org_dir):
    ran = _plan(cli, org_dir, "--by", "primary_phase")
    assert ran.code == 0, ran.err
    doc = json.loads(ran.out)
    assert doc["by"] == "primary_phase" and doc["policy"]["whole_places"] is True
    assert {e["status"] for e in doc["effects"]} == {"aanname"}
    assert [e["retirement_delay_status"] for e in doc["effects"] if e["retirement_delay_years"]] == ["aanname"]
    assert all(float(a["places"]).is_integer() for a in doc["allocation"])
    shown = [c for c in doc["categories"] if not c["suppressed"]]
    assert shown and all(c["reason"] for c in shown)
    assert sum(c["population"] for c in doc["categories"]) == pytest.approx(doc["spend"] / doc["average_per_head"])
    texts = [f["text_nl"] for f in doc["findings"]]
    assert texts[1] == "Alle effecten zijn aannames (literatuur), niet gemeten in deze organisatie."
    assert len([f for f in doc["findings"] if "value" in f["numbers"]]) == len(shown)


def test_evaluation_rows_make_an_effect_measured(cli, org_dir, tmp_path):
    evaluation = tmp_path / "evaluate.json"
    evaluation.write_text(json.dumps({"as_of": "2025-06-30", "k": 5, "outcomes": ["influenceable_exit"], "rows": [
        {"arrangement": None, "bundle": "development", "outcome": "influenceable_exit", "verdict": "effect",
         "effect": -0.04, "ratio": 0.75, "ci_low": 0.6, "ci_high": 0.93, "n_treated": 80, "n_matched": 76,
         "max_smd": 0.06, "naive_effect": -0.08, "suppressed": False}]}), encoding="utf-8")
    ran = _plan(cli, org_dir, "--evaluation", str(evaluation))
    assert ran.code == 0, ran.err
    effects = {e["code"]: e for e in json.loads(ran.out)["effects"]}
    assert effects["ontwikkeling"]["status"] == "gemeten" and effects["ontwikkeling"]["reduction"] == 0.25
    assert (effects["ontwikkeling"]["ci_low"], effects["ontwikkeling"]["ci_high"]) == (0.6, 0.93)
    assert effects["behoud"]["status"] == "aanname"


def test_bad_input_is_refused_plainly(cli, org_dir, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    ran = _plan(cli, org_dir, "--evaluation", str(broken))
    assert ran.code != 0 and "geen leesbaar JSON-bestand" in ran.err
    ran = _plan(cli, org_dir, "--min-category-share", "60")
    assert ran.code != 0 and "Geen plan mogelijk" in ran.err
