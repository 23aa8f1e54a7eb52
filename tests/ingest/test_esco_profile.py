"""The example ESCO mapping profile reads an ESCO-shaped skills download plus the organisation's own files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from levensfase.ingest.mapping import PROFILES_DIR
from levensfase.ingest.reader import read_exchange

WONDZORG = "http://data.europa.eu/esco/skill/0a1b2c3d-0000-4000-8000-000000000001"
FARMACOLOGIE = "http://data.europa.eu/esco/skill/0a1b2c3d-0000-4000-8000-000000000002"


def _export(folder: Path) -> Path:
    folder.mkdir()
    (folder / "skills_nl.csv").write_text(
        "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels\n"
        f"KnowledgeSkillCompetence,{WONDZORG},skill/competence,sector-specific,wonden verzorgen,wondzorg\n"
        f'KnowledgeSkillCompetence,{FARMACOLOGIE},knowledge,sector-specific,farmacologie,"geneesmiddelenleer, farmaco"\n',
        encoding="utf-8")
    (folder / "functiecompetenties.csv").write_text(
        f"Functiecode;Competentie;Niveau\nJ1;{WONDZORG};3\nJ1;{FARMACOLOGIE};2\n", encoding="utf-8")
    (folder / "competentiescores.csv").write_text(
        "Personeelsnummer;Competentie;Niveau;Bron;Datum\n"
        f"P1;{WONDZORG};4;Zelf;01-03-2025\nP1;{WONDZORG};3;Leidinggevende;15-03-2025\n", encoding="utf-8")
    return folder


def test_esco_download_and_own_files_become_v1_1_tables(tmp_path):
    existing = {
        "people": pl.DataFrame({"person_id": ["P1"], "birth_date": [date(1980, 1, 1)], "sex": ["f"]}),
        "jobs": pl.DataFrame({"job_id": ["J1"], "title": ["Verpleegkundige"], "job_family": ["zorg"],
                              "work_demand": ["physical"], "grade": [7]}),
    }
    result = read_exchange(_export(tmp_path / "esco"), mapping=PROFILES_DIR / "esco_skills.toml", existing=existing)
    assert result.ok, result.problems
    assert result.tables["skills"].sort("name").rows() == [
        (FARMACOLOGIE, "farmacologie", "knowledge", FARMACOLOGIE), (WONDZORG, "wonden verzorgen", "skill", WONDZORG)]
    assert result.tables["job_skills"].sort("level_required").rows() == [("J1", FARMACOLOGIE, 2), ("J1", WONDZORG, 3)]
    assert result.tables["person_skills"].rows() == [("P1", WONDZORG, 4, "self", date(2025, 3, 1)),
                                                     ("P1", WONDZORG, 3, "manager", date(2025, 3, 15))]


def test_an_unknown_source_word_is_reported_not_guessed(tmp_path):
    folder = _export(tmp_path / "esco")
    (folder / "competentiescores.csv").write_text(
        f"Personeelsnummer;Competentie;Niveau;Bron;Datum\nP1;{WONDZORG};4;Collega;01-03-2025\n", encoding="utf-8")
    existing = {"people": pl.DataFrame({"person_id": ["P1"], "birth_date": [date(1980, 1, 1)]}),
                "jobs": pl.DataFrame({"job_id": ["J1"], "title": ["V"], "job_family": ["zorg"],
                                      "work_demand": ["physical"]})}
    result = read_exchange(folder, mapping=PROFILES_DIR / "esco_skills.toml", existing=existing)
    assert not result.ok
    assert [(p.file, p.row, p.value) for p in result.problems] == [("competentiescores.csv", 2, "Collega")]
