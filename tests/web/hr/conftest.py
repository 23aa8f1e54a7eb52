"""A small hand-built organisation touching every exchange table and every awkward value.

Awkward on purpose: nulls in every optional column, floats that are not short decimals (1/3,
0.1 + 0.2), a unit whose parent comes after it, survey items needing JSON escaping.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.model.schema import TABLES

D = date


def _frame(name: str, rows: list[tuple]) -> pl.DataFrame:
    """Rows may leave out trailing optional columns added by later format versions (v1.2 display_name)."""
    table = TABLES[name]
    width = len(table.columns)  # optional columns added later (v1.2) are left empty
    return pl.DataFrame([(*row, *[None] * (width - len(row))) for row in rows], schema=table.polars_schema, orient="row")


def build_tables() -> dict[str, pl.DataFrame]:
    return {
        "units": _frame("units", [("U1", "Zorg", "ORG"), ("ORG", "Organisatie", None), ("U2", "Staf", "ORG")]),
        "jobs": _frame("jobs", [("J1", "Verzorgende", "zorg", "physical", 5), ("J2", "Adviseur", "staf", "mental", None)]),
        "people": _frame("people", [("P1", D(1970, 1, 31), "f"), ("P2", D(1995, 6, 15), None), ("P3", D(1960, 2, 29), "x")]),
        "assignments": _frame("assignments", [
            ("P1", D(2015, 1, 1), D(2019, 12, 31), "U1", "J1", 1.0, "permanent", None),
            ("P1", D(2020, 1, 1), None, "U2", "J2", 0.8, "permanent", None),
            ("P2", D(2021, 3, 1), D(2023, 2, 28), "U1", "J1", 1 / 3, None, "voluntary"),
            ("P3", D(2010, 1, 1), None, "U1", "J1", 0.1 + 0.2, "fixed_term", None),
            ("P3", D(2018, 5, 1), None, "U2", "J2", 0.2, "temporary", None),
        ]),
        "life_events": _frame("life_events", [("P1", "child", D(2016, 4, 1), None), ("P3", "caregiving", D(2019, 1, 1), D(2021, 1, 1))]),
        "absences": _frame("absences", [("P1", D(2022, 1, 10), D(2022, 1, 14), False), ("P2", D(2022, 2, 1), None, None),
                                        ("P1", D(2023, 3, 1), D(2023, 6, 30), True)]),
        "surveys": _frame("surveys", [
            ("P1", D(2023, 5, 1), "wai", "wai_1", 8.0),
            ("P1", D(2023, 5, 1), "wai", "wai_2", 2 / 3),
            ("P1", D(2023, 5, 1), "uwes9", "vi1", 5.0),
            ("P3", D(2023, 5, 2), "wai", "wai_1", 6.5),
            ("P3", D(2023, 5, 2), "wai", 'odd "item"\\', 1e-7),
        ]),
        "conversations": _frame("conversations", [("P1", D(2023, 9, 1), "ambition", "teamleider worden"),
                                                  ("P3", D(2023, 9, 2), "intended_retirement_age", "67")]),
        "arrangements": _frame("arrangements", [("P1", "study_budget", D(2023, 1, 1), None, 40.0, 1250.5),
                                                ("P3", "reduced_hours", D(2022, 1, 1), D(2024, 1, 1), None, None)]),
        "skills": _frame("skills", [("S1", "Tillen", "skill", None), ("S2", "Coachen", "attitude", "http://data.europa.eu/esco/skill/x")]),
        "job_skills": _frame("job_skills", [("J1", "S1", 3), ("J2", "S2", 2)]),
        "person_skills": _frame("person_skills", [("P1", "S2", 2, "self", D(2023, 1, 1)), ("P1", "S2", 3, "manager", D(2023, 1, 1))]),
    }


@pytest.fixture
def small_tables() -> dict[str, pl.DataFrame]:
    return build_tables()
