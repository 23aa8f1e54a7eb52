"""WAI bands come from the exact total (issue 17): the categories are thresholds on the total
(poor < 28 ≤ moderate < 37 ≤ good < 44 ≤ excellent, issue 4), so a half point below a threshold
stays in the lower band instead of being rounded up into the next one."""

from __future__ import annotations

import pytest

from levensfase.model.instruments import score_wai, wai_band


@pytest.mark.parametrize(
    ("total", "band"),
    # The bands are thresholds on the exact total (poor < 28 ≤ moderate < 37 ≤ good < 44 ≤ excellent):
    # a half point below a threshold stays in the lower band.
    [(27.5, "poor"), (28.5, "moderate"), (36.5, "moderate"), (37.5, "good"), (43.5, "good"), (48.5, "excellent")],
)
def test_wai_band_of_half_point_totals(total, band):
    assert wai_band(total) == band


def test_wai_total_of_36_5_is_moderate_not_good():
    # physical job: item 2 = 4×1.5 + 3×0.5 = 7.5; items 8 + 7.5 + 7 (no disease) + 6 + 4 (5 days) + 1 + 3 (sum 9)
    # = 36.5, below the good threshold 37 → moderate (issue 17: rounding made it 37, good).
    result = score_wai(_answers(work_demand="physical", q1=8, q2_physical=4, q2_mental=3, q3_diseases=0, q4=6,
                                q5_sick_days=5, q6=1, q7=[3, 3, 3]))
    assert result.data["items"]["2"] == 7.5
    assert (result.data["total"], result.data["band"]) == (36.5, "moderate")


def _answers(**changes):
    answers = {"work_demand": "mixed", "q1": 7, "q2_physical": 4, "q2_mental": 2, "q3_diseases": 2,
               "q4": 5, "q5_sick_days": 12, "q6": 4, "q7": [3, 2, 3]}
    return answers | changes
