"""The retention page's yearly steps (analytics.retention_years), checked by hand on the hand-built
organisation (tests/support/handbuilt.py) and against Kaplan–Meier as an independent method.

The cohort of 1 January 2022 is everyone whose spell runs that day: A (Y, born 1990), B (X, 1975),
C (Y, 1985; leaves 31 December 2023, voluntary), F (Y, 1980; moves in 2024 and leaves 31 December
2024, voluntary), H (X, 1966). D, E and G start later.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from levensfase.analytics.protected_retention import cohort
from levensfase.analytics.retention import kaplan_meier_by
from levensfase.analytics.retention_years import (
    Steps, anniversary, in_whole_years, reason_steps, whole_years, year_left, yearly_steps,
)

START = date(2022, 1, 1)


@pytest.mark.parametrize("start,end,years", [
    (START, date(2025, 12, 31), 4),   # the day before the fourth anniversary: four whole years
    (START, date(2025, 12, 30), 3),   # one day short of the fourth
    (START, date(2022, 12, 30), 0),   # not one whole year
    (START, date(2022, 12, 31), 1),
    (date(2022, 3, 15), date(2023, 3, 14), 1),
    (date(2020, 2, 29), date(2021, 2, 28), 1),  # the anniversary of 29 February is 1 March
    (date(2020, 2, 29), date(2021, 2, 27), 0),
])
def test_whole_years_counts_the_anniversaries_reached(start, end, years):
    assert whole_years(start, end) == years


def test_anniversary_of_29_february():
    assert anniversary(date(2020, 2, 29), 1) == date(2021, 3, 1)
    assert anniversary(date(2020, 2, 29), 4) == date(2024, 2, 29)


def test_year_left_is_the_cohort_year_of_the_last_day():
    ends = pl.DataFrame({"end": [date(2022, 1, 1), date(2022, 12, 31), date(2023, 1, 1), date(2024, 12, 31)]})
    assert ends.select(year_left(START, pl.col("end")))["end"].to_list() == [1, 1, 2, 3]
    march = pl.DataFrame({"end": [date(2023, 3, 14), date(2023, 3, 15), date(2022, 10, 31)]})
    assert march.select(year_left(date(2022, 3, 15), pl.col("end")))["end"].to_list() == [1, 2, 1]


def test_yearly_steps_by_hand(hand_built):
    frame = cohort(hand_built, start=START, end=date(2024, 12, 31), by="generation")
    steps = yearly_steps(frame, start=START, end=date(2024, 12, 31))
    # Y: A, C, F; C gone by the second anniversary, F by the third. X: B and H, nobody leaves.
    assert steps == {"Y": Steps(population=3, left=(0, 1, 2)), "X": Steps(population=2, left=(0, 0, 0))}
    y = steps["Y"]
    assert y.curve == pytest.approx([1.0, 1.0, 2 / 3, 1 / 3])
    assert (y.median_years, y.events, y.survival(4)) == (3, 2, None)
    assert steps["X"].median_years is None
    assert reason_steps(frame, start=START, end=date(2024, 12, 31)) == {"voluntary": (0, 1, 2)}


def test_a_period_short_of_an_anniversary_shows_only_the_whole_years(hand_built):
    end = date(2024, 12, 30)  # F is still employed; the third year is not whole
    frame = cohort(hand_built, start=START, end=end, by="generation")
    assert yearly_steps(frame, start=START, end=end)["Y"] == Steps(population=3, left=(0, 1))
    end = date(2023, 12, 30)  # C leaves a day later: one whole year, nobody gone
    frame = cohort(hand_built, start=START, end=end, by="generation")
    assert yearly_steps(frame, start=START, end=end)["Y"] == Steps(population=3, left=(0,))
    assert reason_steps(frame, start=START, end=end) == {}


def test_kaplan_meier_in_whole_years_reads_the_same_values(hand_built):
    end = date(2024, 12, 31)
    frame = cohort(hand_built, start=START, end=end, by="generation")
    steps = yearly_steps(frame, start=START, end=end)
    yearly = kaplan_meier_by(in_whole_years(frame, years=3), by="value")
    daily = kaplan_meier_by(frame, by="value")
    for value, s in steps.items():
        for j in range(4):
            assert yearly[value].survival_at(float(j)) == pytest.approx(s.survival(j))
    # Read by day, F's last day (31 December 2024, after the leap day: 1,096 days = 3.0007 years)
    # falls after 3.0 years; the anniversaries count F in year 3, as the audit does.
    assert daily["Y"].survival_at(2.0) == pytest.approx(2 / 3)
    assert daily["Y"].survival_at(3.0) == pytest.approx(2 / 3)
    assert steps["Y"].survival(3) == pytest.approx(1 / 3)
