"""Twelve people whose exits in 2025 are classified by hand (tests/analytics/test_outflow_kinds.py).

AOW dates (model.pension, statutory table): born 1958-03-15 → 2025-03-15; born 1957-06-01 →
2024-06-01; born 1960-02-20 → 2027-02-20; born 1962-01-10 → 2029-04-10 (67 years 3 months).
"""

from __future__ import annotations

from datetime import date

import polars as pl
from levensfase.model.workforce import Workforce

D = date
AS_OF = D(2025, 12, 31)
START = D(2015, 1, 1)

# person, birth date, end date, end reason, expected kind
PEOPLE = [
    ("P01", D(1958, 3, 15), D(2025, 3, 14), "retirement", "pension"),  # last day the day before AOW: at AOW
    ("P02", D(1958, 3, 15), D(2025, 3, 13), "retirement", "influenceable"),  # one day earlier: early retirement
    ("P03", D(1962, 1, 10), D(2025, 6, 30), "retirement", "influenceable"),  # RVU years before AOW
    ("P04", D(1990, 4, 4), D(2025, 5, 31), "voluntary", "influenceable"),
    ("P05", D(1970, 7, 7), D(2025, 9, 30), "disability", "influenceable"),
    ("P06", D(1985, 1, 1), D(2025, 4, 30), "involuntary", "involuntary"),
    ("P07", D(1980, 8, 8), D(2025, 7, 31), "death", "death"),
    ("P08", D(1957, 6, 1), D(2025, 10, 31), "retirement", "pension"),  # worked on after AOW (age 68)
    ("P09", D(1990, 1, 1), None, None, None),
    ("P10", D(1975, 5, 5), None, None, None),
    ("P11", D(1960, 2, 20), None, None, None),  # reaches AOW on 2027-02-20: year 2 of the wave
    ("P12", D(1995, 9, 9), None, None, None),
]


def findings_workforce() -> Workforce:
    assignments = pl.DataFrame(
        [{"person_id": p, "start_date": START, "end_date": end, "unit_id": "U1", "job_id": "J1", "fte": 1.0,
          "contract": "permanent", "end_reason": reason} for p, _b, end, reason, _k in PEOPLE],
        schema_overrides={"end_date": pl.Date, "end_reason": pl.String})
    people = pl.DataFrame({"person_id": [p[0] for p in PEOPLE], "birth_date": [p[1] for p in PEOPLE],
                           "sex": ["f"] * len(PEOPLE)})
    units = pl.DataFrame({"unit_id": ["U1"], "name": ["Zorg"], "parent_id": [None]}, schema_overrides={"parent_id": pl.String})
    jobs = pl.DataFrame({"job_id": ["J1"], "title": ["Verzorgende"], "job_family": ["zorg"],
                         "work_demand": ["physical"], "grade": [5]})
    return Workforce.from_tables({"units": units, "jobs": jobs, "people": people, "assignments": assignments})
