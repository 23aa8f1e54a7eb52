"""Survey results from other tools: long and wide exports through the example mapping profiles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from levensfase.ingest.mapping import PROFILES_DIR
from levensfase.ingest.reader import read_exchange
from levensfase.model.instruments import score_survey_items

PEOPLE = {"people": pl.DataFrame({"person_id": ["1001", "1002"], "birth_date": [date(1970, 1, 1)] * 2,
                                  "sex": [None, None]}, schema_overrides={"sex": pl.String})}
WAI_CODES = ["q1", "q2_physical", "q2_mental", "q3_diseases", "q4", "q5_sick_days", "q6", "q7_1", "q7_2", "q7_3"]


def _rows(result) -> list[tuple]:
    return result.tables["surveys"].sort("person_id", "date", "instrument", "item").rows()


def test_long_export(tmp_path: Path):
    (tmp_path / "antwoorden.csv").write_text(
        "Medewerker;Datum;Vragenlijst;Vraag;Antwoord\n"
        "1001;01-10-2024;Werkvermogen kort;WAS;7\n"
        "1002;02-10-2024;Bevlogenheid;3;4,0\n"
        "1002;02-10-2024;Werkvermogen;WAI 5;12\n", encoding="utf-8")
    result = read_exchange(tmp_path / "antwoorden.csv", mapping=PROFILES_DIR / "survey_long.toml", existing=PEOPLE)
    assert result.ok, result.problems
    assert _rows(result) == [("1001", date(2024, 10, 1), "was", "score", 7.0),
                             ("1002", date(2024, 10, 2), "uwes9", "3", 4.0),
                             ("1002", date(2024, 10, 2), "wai", "q5_sick_days", 12.0)]


def test_wide_export_melts_to_items_and_scores(tmp_path: Path):
    header = "Personeelsnummer;Invuldatum;V1;V2a;V2b;V3;V4;V5;V6;V7a;V7b;V7c\n"
    (tmp_path / "wai.csv").write_text(
        header + "1001;01-10-2024;8;4;3;2;5;12;4;3;3;2\n"
                 "1002;01-10-2024;9;5;5;0;6;;7;4;4;4\n", encoding="utf-8")  # 1002 left V5 empty
    result = read_exchange(tmp_path / "wai.csv", mapping=PROFILES_DIR / "survey_wide.toml", existing=PEOPLE)
    assert result.ok, result.problems
    first = [r for r in _rows(result) if r[0] == "1001"]
    by_item = {r[3]: r[4] for r in first}
    assert by_item == dict(zip(WAI_CODES, [8.0, 4.0, 3.0, 2.0, 5.0, 12.0, 4.0, 3.0, 3.0, 2.0]))
    assert {r[2] for r in first} == {"wai"}
    second = {r[3] for r in _rows(result) if r[0] == "1002"}
    assert second == set(WAI_CODES) - {"q5_sick_days"}
    # 8 + (4 + 3) + 4 (two diseases) + 5 + 3 (12 days) + 4 + 3 (3+3+2) = 34 with a mixed job
    assert score_survey_items("wai", by_item, work_demand="mixed").data["total"] == 34


def test_wide_errors_name_the_source_row(tmp_path: Path):
    header = "Personeelsnummer;Invuldatum;V1;V2a;V2b;V3;V4;V5;V6;V7a;V7b;V7c\n"
    (tmp_path / "wai.csv").write_text(header + "1001;31-02-2024;acht;4;3;2;5;12;4;3;3;2\n", encoding="utf-8")
    result = read_exchange(tmp_path / "wai.csv", mapping=PROFILES_DIR / "survey_wide.toml", existing=PEOPLE)
    assert not result.ok
    assert {(p.row, p.column) for p in result.problems} >= {(2, "Invuldatum"), (2, "value")}


def test_wide_only_for_surveys(tmp_path: Path):
    profile = tmp_path / "bad.toml"
    profile.write_text('[tables.people]\nsource = "x.csv"\nwide = { q1 = "V1" }\n', encoding="utf-8")
    (tmp_path / "x.csv").write_text("a\n1\n", encoding="utf-8")
    result = read_exchange(tmp_path / "x.csv", mapping=profile)
    assert [p.code for p in result.problems] == ["bad_profile"]
    assert "only surveys" in result.problems[0].reason_en
