"""A hand-built organisation whose 2024 metrics are worked out by hand (tests/analytics/test_metrics.py)."""

from __future__ import annotations

from datetime import date

import polars as pl
from levensfase.model.workforce import Workforce

D = date


def _assignments(rows: list[tuple]) -> pl.DataFrame:
    cols = ["person_id", "start_date", "end_date", "unit_id", "job_id", "fte", "contract", "end_reason"]
    return pl.DataFrame([dict(zip(cols, r)) for r in rows], schema_overrides={"end_date": pl.Date, "end_reason": pl.String})


def hand_built_workforce() -> Workforce:
    """Eight people, each showing one rule of DESIGN §3–4 (see the comments)."""
    assignments = _assignments(
        [
            # A: promotion J1 (grade 5) -> J2 (grade 7) on 2024-04-01
            ("A", D(2020, 1, 1), D(2024, 3, 31), "U1", "J1", 1.0, "permanent", None),
            ("A", D(2024, 4, 1), None, "U1", "J2", 1.0, "permanent", None),
            # B: 0.5 FTE, plus a concurrent 0.3 FTE second job from 2024-06-01 (not a move)
            ("B", D(2018, 1, 1), None, "U1", "J1", 0.5, "permanent", None),
            ("B", D(2024, 6, 1), None, "U2", "J3", 0.3, "fixed_term", None),
            # C: left 2023-12-31, re-hired after a gap on 2024-03-01 (a new spell)
            ("C", D(2019, 1, 1), D(2023, 12, 31), "U1", "J1", 0.9, "permanent", "voluntary"),
            ("C", D(2024, 3, 1), None, "U2", "J1", 0.9, "permanent", None),
            # D: retires 2024-08-31
            ("D", D(2022, 5, 1), D(2024, 8, 31), "U2", "J3", 0.6, "permanent", "retirement"),
            # E: hired and let go within the year
            ("E", D(2024, 2, 1), D(2024, 2, 29), "U1", "J1", 1.0, "temporary", "involuntary"),
            # F: lateral move U1/J1 -> U2/J3 (same grade) on 2024-07-01, then leaves on the last day
            ("F", D(2021, 1, 1), D(2024, 6, 30), "U1", "J1", 1.0, "permanent", None),
            ("F", D(2024, 7, 1), D(2024, 12, 31), "U2", "J3", 1.0, "permanent", "voluntary"),
            # G: hired on the last day of the year
            ("G", D(2024, 12, 31), None, "U1", "J2", 1.0, "fixed_term", None),
            # H: contract renewed in the same unit and job with fewer hours (not a move)
            ("H", D(2015, 1, 1), D(2024, 5, 31), "U1", "J1", 1.0, "permanent", None),
            ("H", D(2024, 6, 1), None, "U1", "J1", 0.8, "permanent", None),
        ]
    )
    people = pl.DataFrame(
        {
            "person_id": list("ABCDEFGH"),
            "birth_date": [D(1990, 5, 1), D(1975, 2, 3), D(1985, 7, 7), D(1957, 6, 1),
                           D(2000, 1, 1), D(1980, 3, 3), D(1999, 9, 9), D(1966, 6, 6)],
            "sex": ["f", "f", "m", "f", "x", "m", "f", None],
        }
    )
    units = pl.DataFrame({"unit_id": ["ORG", "U1", "U2"], "name": ["Org", "Zorg", "Staf"], "parent_id": [None, "ORG", "ORG"]})
    jobs = pl.DataFrame(
        {
            "job_id": ["J1", "J2", "J3"],
            "title": ["Verzorgende", "Verpleegkundige", "Medewerker facilitair"],
            "job_family": ["zorg", "zorg", "facilitair"],
            "work_demand": ["physical", "mixed", "physical"],
            "grade": [5, 7, 5],
        }
    )
    return Workforce.from_tables({"units": units, "jobs": jobs, "people": people, "assignments": assignments})
