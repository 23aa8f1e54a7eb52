"""Issue 16's joiner/leaver attack on the team survey results: a round's team result is computed on
who answered *in the team* on the response date, so it is the same before and after a person joins
or leaves, and comparing the two gives nothing away."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import polars as pl

from levensfase.web.surveys.selectors import answered_in_team

D = date


def _workforce(rows):
    return SimpleNamespace(assignments=pl.DataFrame(
        rows, schema={"person_id": pl.String, "unit_id": pl.String, "start_date": pl.Date, "end_date": pl.Date},
        orient="row"))


SCORES = pl.DataFrame({
    "person_id": ["A", "B", "C", "J", "L"],
    "date": [D(2024, 5, 1)] * 5,
    "instrument": ["wai"] * 5,
    "score": [40.0, 35.0, 44.0, 42.0, 30.0],
})


def _team_mean(workforce) -> tuple[int, float]:
    mine = answered_in_team(SCORES, workforce, units={"T"})
    return mine.height, mine["score"].mean()


def test_joiner_and_leaver_leave_a_closed_round_unchanged():
    before = _workforce([("A", "T", D(2020, 1, 1), None), ("B", "T", D(2020, 1, 1), None),
                         ("C", "T", D(2020, 1, 1), None), ("L", "T", D(2020, 1, 1), None),
                         ("J", "X", D(2020, 1, 1), None)])
    # J moves into the team in 2025 and L leaves it: the 2024 round is the same set of answers
    after = _workforce([("A", "T", D(2020, 1, 1), None), ("B", "T", D(2020, 1, 1), None),
                        ("C", "T", D(2020, 1, 1), None), ("L", "T", D(2020, 1, 1), D(2025, 1, 31)),
                        ("J", "X", D(2020, 1, 1), D(2025, 1, 31)), ("J", "T", D(2025, 2, 1), None)])
    assert _team_mean(before) == _team_mean(after) == (4, (40 + 35 + 44 + 30) / 4)
