"""`levensfase aow`: the JSON contract of issue 3 and clean refusals."""

from __future__ import annotations

import json


def test_aow_json_contract(cli):
    ran = cli("aow", "1957-02-28", "--format", "json")
    assert ran.code == 0
    assert json.loads(ran.out) == {"birth_date": "1957-02-28", "aow_date": "2023-12-28",
                                   "aow_age": {"years": 66, "months": 10}, "statutory": True}


def test_aow_text_says_whether_it_is_statutory(cli):
    assert "wettelijk vastgesteld" in cli("aow", "1961-01-01").out
    assert "prognose" in cli("aow", "1990-05-17").out


def test_aow_refuses_a_non_date(cli):
    ran = cli("aow", "31-12-1960")
    assert ran.code == 2 and "JJJJ-MM-DD" in ran.err


def test_score_prints_the_result_keys_of_the_contract(cli):
    answers = ('{"work_demand": "physical", "q1": 8, "q2_physical": 4, "q2_mental": 2, "q3_diseases": 1, '
               '"q4": 5, "q5_sick_days": 3, "q6": 7, "q7": [3, 3, 3]}')
    ran = cli("score", "wai", "--answers", "-", stdin=answers)
    assert ran.code == 0, ran.err
    result = json.loads(ran.out)
    # 8 + (4×1.5 + 2×0.5) + 5 (one disease) + 5 + 4 (1–9 sick days) + 7 + 3 (sum 9 → 3) = 39 → good
    assert (result["total"], result["band"], result["items"]["2"]) == (39, "good", 7.0)


def test_score_names_every_wrong_field(cli, tmp_path):
    answers = tmp_path / "uwes.json"
    answers.write_text('{"answers": [1, 2, 9]}')
    ran = cli("score", "uwes9", "--answers", str(answers))
    assert ran.code == 2 and "answers" in ran.err
    assert cli("score", "wai", "--answers", str(tmp_path / "missing.json")).code == 2
