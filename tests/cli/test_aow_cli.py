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
