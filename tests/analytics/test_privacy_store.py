"""Suppression patterns kept on disk between processes (analytics.privacy.store): the same data
in another process (here: another Workforce object of the same tables) finds the pattern without
auditing; changed data never meets the old pattern."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.analytics import protected_day, protected_flows, protected_year
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

TABLES = generate(employees=60, years=3, seed=5, as_of=date(2025, 1, 1))
DAY = date(2024, 12, 31)


def _fresh() -> Workforce:
    return Workforce.from_tables(TABLES)  # a new object: nothing cached on it in memory


def _no_audit(*args, **kwargs):
    raise AssertionError("audited again")


def test_a_second_process_reads_the_patterns_instead_of_auditing(tmp_path, monkeypatch):
    monkeypatch.setenv("LEVENSFASE_PATTERN_CACHE", str(tmp_path / "patterns"))
    first_day = protected_day.day_pattern(_fresh(), day=DAY, k=5)
    first_year = protected_flows.flow_year(_fresh(), by="age_band", year=2024, end=DAY, k=5)
    assert first_day.hidden and first_year.hidden  # something is withheld, so equality can fail
    monkeypatch.setattr(protected_day, "withheld", _no_audit)
    monkeypatch.setattr(protected_year, "withheld", _no_audit)
    assert protected_day.day_pattern(_fresh(), day=DAY, k=5) == first_day
    assert protected_flows.flow_year(_fresh(), by="age_band", year=2024, end=DAY, k=5) == first_year


def test_changed_data_is_audited_again(tmp_path, monkeypatch):
    monkeypatch.setenv("LEVENSFASE_PATTERN_CACHE", str(tmp_path / "patterns"))
    protected_day.day_pattern(_fresh(), day=DAY, k=5)
    people = TABLES["people"]
    older = people.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.col("birth_date") - pl.duration(days=3650))
                                .otherwise(pl.col("birth_date")).alias("birth_date"))
    changed = Workforce.from_tables({**TABLES, "people": older})
    monkeypatch.setattr(protected_day, "withheld", _no_audit)
    with pytest.raises(AssertionError, match="audited again"):
        protected_day.day_pattern(changed, day=DAY, k=5)


def test_data_the_audits_do_not_read_leaves_the_patterns_valid(tmp_path, monkeypatch):
    """A conversation, an arrangement or a self-assessment entered in the app: the same pattern,
    not audited again. Every table the audits read (`AUDITED`) is what their inputs come from:
    a person's life events and survey bands set their life phase."""
    from levensfase.analytics.privacy.store import AUDITED
    from levensfase.model.schema import TABLES as SCHEMA

    monkeypatch.setenv("LEVENSFASE_PATTERN_CACHE", str(tmp_path / "patterns"))
    first = protected_day.day_pattern(_fresh(), day=DAY, k=5)
    person = TABLES["people"]["person_id"][0]
    talked = pl.DataFrame({"person_id": [person], "date": [DAY], "topic": ["ambition"], "value": ["leadership"]})
    more = Workforce.from_tables({**TABLES, "conversations": pl.concat(
        [TABLES["conversations"], talked.select(TABLES["conversations"].columns)], how="vertical_relaxed")})
    monkeypatch.setattr(protected_day, "withheld", _no_audit)
    assert protected_day.day_pattern(more, day=DAY, k=5) == first
    assert set(AUDITED) < set(SCHEMA) and {"conversations", "arrangements", "person_skills", "absences"}.isdisjoint(AUDITED)


def test_without_a_folder_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv("LEVENSFASE_PATTERN_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    protected_day.day_pattern(_fresh(), day=DAY, k=5)
    assert list(tmp_path.iterdir()) == []


def test_a_key_being_computed_is_waited_for_not_computed_again(tmp_path, monkeypatch):
    """Two threads ask for the same pattern at once (a page during the warm-up): one audits, the
    other gets its result."""
    import threading
    import time

    from levensfase.analytics.privacy.store import remembered

    monkeypatch.setenv("LEVENSFASE_PATTERN_CACHE", str(tmp_path / "patterns"))
    workforce, calls, results = _fresh(), [], []

    def compute():
        calls.append(threading.get_ident())
        time.sleep(0.3)  # long enough that the second thread asks while the first computes
        return len(calls)

    threads = [threading.Thread(target=lambda: results.append(remembered(workforce, ("k",), compute)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and results == [1, 1]
