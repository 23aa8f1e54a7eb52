"""Work Ability Index (WAI, werkvermogen) and its one-question short form, the Work Ability Score (WAS).

Scoring follows Tuomi et al. (1998) with the tables in `data/instruments.toml`. Item 2 weighs
the physical and mental demand ratings by the main nature of the job (physical 1.5/0.5, mental
0.5/1.5, mixed 1/1), so it can end in a half point (4×1.5 + 3×0.5 = 7.5). The **total is
the exact sum** (36.5 stays 36.5) and its band comes from that exact total: the categories are
thresholds on the total (poor < 28 ≤ moderate < 37 ≤ good < 44 ≤ excellent), so 36.5 is
*moderate*. Rounding it first would move a borderline person up a band (36.5 → 37, *good*).
`total_exact` is kept as the same number for readers of the older output.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from levensfase.model.instruments._base import (
    MISSING,
    as_whole_number,
    Errors,
    InvalidAnswers,
    ScoreResult,
    band_of,
    check_mapping,
    show,
    whole_number,
)
from levensfase.model.instruments.reference import InstrumentReference, ReferenceDataError, load_reference
from levensfase.model.schema import WORK_DEMANDS

WAI_FIELDS = ("work_demand", "q1", "q2_physical", "q2_mental", "q3_diseases", "q4", "q5_sick_days", "q6", "q7")
WAS_FIELDS = ("score",)
_Q6_CHOICES = {1: "unlikely", 4: "not certain", 7: "relatively certain"}
_Q7_EXPECTED = "a list of three whole numbers from 0 to 4 (the mental-resources answers)"


def score_wai(answers: Mapping[str, Any], *, reference: InstrumentReference | None = None) -> ScoreResult:
    """Score a WAI questionnaire given as the JSON answer object (see module docstring for rounding)."""
    errors = Errors()
    mapping = check_mapping(answers, allowed=WAI_FIELDS, errors=errors)
    if mapping is None:
        errors.raise_if_any()
    q7 = mapping.get("q7", MISSING)
    q7_answers: list[Any] | None = None
    if q7 is MISSING:
        errors.add("q7", f"missing; expected {_Q7_EXPECTED}")
    elif not isinstance(q7, (list, tuple)):
        errors.add("q7", f"must be {_Q7_EXPECTED}, got {show(q7)}")
    elif len(q7) != 3:
        errors.add("q7", f"must have exactly 3 answers, got {len(q7)}; expected {_Q7_EXPECTED}")
    else:
        q7_answers = list(q7)
    fields = {name: mapping.get(name, MISSING) for name in WAI_FIELDS if name != "q7"}
    return score_wai_fields(
        fields, q7=q7_answers, q7_names=("q7[0]", "q7[1]", "q7[2]"), errors=errors, reference=reference
    )


def score_wai_fields(
    fields: Mapping[str, Any],
    *,
    q7: list[Any] | None,
    q7_names: tuple[str, str, str],
    errors: Errors,
    reference: InstrumentReference | None = None,
) -> ScoreResult:
    """Check and score WAI answers whose fields may carry other names (e.g. survey item codes)."""
    ref = (reference or load_reference()).wai
    demand = fields["work_demand"]
    if demand is MISSING or demand is None:
        errors.add("work_demand", f"missing; the main nature of the job ({', '.join(WORK_DEMANDS)}) decides the item 2 weighting")
    elif not isinstance(demand, str) or demand not in WORK_DEMANDS:
        errors.add("work_demand", f"must be one of {', '.join(WORK_DEMANDS)}, got {show(demand)}")
    q1 = whole_number(fields["q1"], name="q1", low=0, high=10, errors=errors, what="current work ability")
    physical = whole_number(fields["q2_physical"], name="q2_physical", low=1, high=5, errors=errors,
                            what="physical demands, 5 = very good")
    mental = whole_number(fields["q2_mental"], name="q2_mental", low=1, high=5, errors=errors,
                          what="mental demands, 5 = very good")
    diseases = whole_number(fields["q3_diseases"], name="q3_diseases", low=0, high=None, errors=errors,
                            what="number of physician-diagnosed diseases")
    q4 = whole_number(fields["q4"], name="q4", low=1, high=6, errors=errors, what="work impairment, 6 = none")
    sick_days = whole_number(fields["q5_sick_days"], name="q5_sick_days", low=0, high=365, errors=errors,
                             what="sick days in the past 12 months")
    q6 = _prognosis(fields["q6"], errors=errors)
    resources: list[int | None] = []
    if q7 is not None:
        resources = [
            whole_number(value, name=name, low=0, high=4, errors=errors, what="mental resources")
            for value, name in zip(q7, q7_names)
        ]
    errors.raise_if_any()

    weight_physical, weight_mental = ref.item2_weights[demand]
    items: dict[str, Fraction | int] = {
        "1": q1,
        "2": physical * weight_physical + mental * weight_mental,
        "3": _points(diseases, ref.item3_points),
        "4": q4,
        "5": _points(sick_days, ref.item5_points),
        "6": q6,
        "7": _points(sum(resources), ref.item7_points),
    }
    total_exact = sum(Fraction(points) for points in items.values())
    total: int | float = int(total_exact) if total_exact.denominator == 1 else float(total_exact)
    band = band_of(total_exact, ref.bands)
    if band is None:
        raise ReferenceDataError(f"WAI total {total} falls outside the categories; check the item scoring tables")
    footnotes = _notes(ref.scoring, ref.categories)
    data = {
        "total": total,
        "total_exact": float(total_exact),
        "band": band,
        "items": {key: (float(value) if key == "2" else int(value)) for key, value in items.items()},
    }
    return ScoreResult(instrument="wai", data=data, footnotes=footnotes)


def wai_band(total: float, *, reference: InstrumentReference | None = None) -> str:
    """The WAI category (poor / moderate / good / excellent) of a total 7–49 in whole or half points.

    The bands are thresholds on the exact total: 36.5 is moderate, 37 is good.
    """
    ref = (reference or load_reference()).wai
    doubled = as_whole_number(total * 2) if isinstance(total, numbers.Real) and not isinstance(total, bool) else None
    if doubled is None or not ref.total_min * 2 <= doubled <= ref.total_max * 2:
        raise InvalidAnswers({"total": f"must be a number from {ref.total_min} to {ref.total_max} in whole or "
                                       f"half points (WAI total), got {show(total)}"})
    return band_of(Fraction(doubled, 2), ref.bands)


def score_was(answers: Mapping[str, Any], *, reference: InstrumentReference | None = None) -> ScoreResult:
    """Score the Work Ability Score: WAI item 1 alone (0–10), banded poor / moderate / good."""
    ref = (reference or load_reference()).was
    errors = Errors()
    mapping = check_mapping(answers, allowed=WAS_FIELDS, errors=errors)
    if mapping is None:
        errors.raise_if_any()
    value = whole_number(mapping.get("score", MISSING), name="score", low=ref.score_min, high=ref.score_max,
                         errors=errors, what="current work ability compared with lifetime best")
    errors.raise_if_any()
    return ScoreResult(
        instrument="was",
        data={"score": value, "band": band_of(value, ref.bands)},
        footnotes=_notes(ref.categories),
    )


def was_band(score: int, *, reference: InstrumentReference | None = None) -> str:
    """The WAS category (poor 0–5, moderate 6–7, good 8–10 by default) of a score."""
    ref = (reference or load_reference()).was
    errors = Errors()
    value = whole_number(score, name="score", low=ref.score_min, high=ref.score_max, errors=errors, what="WAS")
    errors.raise_if_any()
    return band_of(value, ref.bands)


def _prognosis(value: Any, *, errors: Errors) -> int | None:
    """Item 6 has three answers only, scored 1, 4 and 7."""
    choices = ", ".join(f"{points} ({label})" for points, label in _Q6_CHOICES.items())
    if value is MISSING:
        errors.add("q6", f"missing; expected one of {choices}")
        return None
    number = whole_number(value, name="q6", low=1, high=7, errors=Errors())
    if number not in _Q6_CHOICES:
        errors.add("q6", f"must be one of {choices}, got {show(value)}")
        return None
    return number


def _points(value: int, table: tuple[tuple[int, int], ...]) -> int:
    """Points of the row with the largest `from` not above `value` (tables start at 0)."""
    points = table[0][1]
    for start, row_points in table:
        if value >= start:
            points = row_points
    return points


def _notes(*groups) -> list[str]:
    return [group.note for group in groups if not group.verified]


__all__ = ["InvalidAnswers", "score_wai", "score_was", "wai_band", "was_band"]
