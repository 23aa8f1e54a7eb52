"""`move_starts` (the lean move finder the flow tables count with) gives exactly the rows of `moves`."""

from __future__ import annotations

from datetime import date

from levensfase.analytics.metrics import move_starts, moves
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

KEYS = ["person_id", "start_date", "unit_id", "job_id", "promotion"]


def test_hand_built_moves(hand_built):
    lean = move_starts(hand_built.assignments, hand_built.jobs).sort(KEYS)
    # A's promotion on 2024-04-01 and F's lateral move on 2024-07-01 (DESIGN §4, tests/support/handbuilt.py).
    assert lean.rows() == [("A", date(2024, 4, 1), "U1", "J2", True), ("F", date(2024, 7, 1), "U2", "J3", False)]


def test_same_rows_as_moves_on_a_generated_organisation():
    workforce = Workforce.from_tables(generate(employees=400, years=6, seed=5, as_of=date(2025, 6, 30)))
    full = moves(workforce.assignments, workforce.jobs).select(KEYS).sort(KEYS)
    lean = move_starts(workforce.assignments, workforce.jobs).sort(KEYS)
    assert full.height > 20 and full.equals(lean)


def test_same_rows_with_duplicates_and_rehires():
    """Duplicate assignments are one move; a re-hire after a gap and a concurrent extra job are none;
    a renewal in the same place beside a move from elsewhere makes it no move (any same-place predecessor)."""
    import polars as pl

    rows = [  # person, start, end, unit, job
        ("a", date(2020, 1, 1), date(2020, 6, 30), "U1", "J1"),
        ("a", date(2020, 7, 1), None, "U2", "J2"),  # a move, twice
        ("a", date(2020, 7, 1), None, "U2", "J2"),
        ("b", date(2020, 1, 1), date(2020, 3, 31), "U1", "J1"),
        ("b", date(2020, 5, 1), None, "U2", "J1"),  # re-hire after a gap: no move
        ("b", date(2020, 6, 1), None, "U3", "J1"),  # concurrent extra job: no predecessor
        ("c", date(2020, 1, 1), date(2020, 1, 31), "U1", "J1"),
        ("c", date(2020, 1, 1), date(2020, 1, 31), "U2", "J1"),
        ("c", date(2020, 2, 1), None, "U1", "J1"),  # U1/J1 continues: no move
    ]
    assignments = pl.DataFrame(rows, schema=["person_id", "start_date", "end_date", "unit_id", "job_id"], orient="row")
    jobs = pl.DataFrame({"job_id": ["J1", "J2"], "grade": [5, 7]})
    lean = move_starts(assignments, jobs).sort(KEYS)
    assert lean.rows() == [("a", date(2020, 7, 1), "U2", "J2", True)]
    assert moves(assignments, jobs).select(KEYS).rows() == lean.rows()
