"""Utrecht Work Engagement Scale (UWES-9 / UWES-17, bevlogenheid): scale means and norm bands.

A scale score is the mean of its items (0 = never … 6 = always), the total the mean of all items.
Norm tables are printed with two decimals, so a mean is **rounded half up to two decimals before
it is banded** and that rounded mean is what a result reports: 4.665 → 4.67 → "high" and
4.664 → 4.66 → "average" (UWES-17 total). A rounded mean belongs to the first band whose upper
bound it does not exceed, so no value ever falls "between" two printed bounds.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Literal

from levensfase.model.instruments._base import (
    MISSING,
    Errors,
    InvalidAnswers,
    ScoreResult,
    check_mapping,
    show,
    whole_number,
)
from levensfase.model.instruments.reference import (
    UWES_SCALES,
    UWES_VERSIONS,
    InstrumentReference,
    UwesReference,
    load_reference,
)

UwesVersion = Literal["uwes9", "uwes17"]
UWES_FIELDS = ("answers",)


def score_uwes(
    answers: Mapping[str, Any], *, version: UwesVersion, reference: InstrumentReference | None = None
) -> ScoreResult:
    """Score `{"answers": [...]}` with 9 (UWES-9) or 17 (UWES-17) answers, in questionnaire order."""
    ref = _version_reference(version, reference)
    errors = Errors()
    mapping = check_mapping(answers, allowed=UWES_FIELDS, errors=errors)
    if mapping is None:
        errors.raise_if_any()
    given = mapping.get("answers", MISSING)
    expected = f"a list of {ref.n_items} whole numbers from {ref.answer_min} to {ref.answer_max} (0 = never, 6 = always)"
    values: list[Any] | None = None
    if given is MISSING:
        errors.add("answers", f"missing; expected {expected}")
    elif not isinstance(given, (list, tuple)):
        errors.add("answers", f"must be {expected}, got {show(given)}")
    elif len(given) != ref.n_items:
        errors.add("answers", f"UWES-{ref.n_items} has {ref.n_items} items, got {len(given)} answers; expected {expected}")
    else:
        values = list(given)
    names = tuple(f"answers[{index}]" for index in range(ref.n_items))
    return score_uwes_items(values, names=names, ref=ref, errors=errors)


def score_uwes_items(
    values: list[Any] | None, *, names: tuple[str, ...], ref: UwesReference, errors: Errors
) -> ScoreResult:
    """Check and score UWES answers in item order; `names` are the field names used in messages."""
    checked: list[int | None] = []
    if values is not None:
        checked = [
            whole_number(value, name=name, low=ref.answer_min, high=ref.answer_max, errors=errors,
                         what=f"item {number}, 0 = never, 6 = always")
            for number, (value, name) in enumerate(zip(values, names), start=1)
        ]
    errors.raise_if_any()
    means = {scale: _mean([checked[n - 1] for n in ref.items[scale]]) for scale in UWES_SCALES}
    means["total"] = _mean(checked)
    data: dict[str, Any] = {scale: float(mean) for scale, mean in means.items()}
    data["bands"] = {scale: _band(ref, scale, mean) for scale, mean in means.items()}
    footnotes = [group.note for group in (ref.item_map, ref.norm_table) if not group.verified]
    return ScoreResult(instrument=ref.version, data=data, footnotes=footnotes)


def uwes_band(
    scale: str, mean: float, *, version: UwesVersion, reference: InstrumentReference | None = None
) -> str:
    """The norm band (very low / low / average / high / very high) of a scale mean 0–6."""
    ref = _version_reference(version, reference)
    errors = Errors()
    scales = (*UWES_SCALES, "total")
    if scale not in scales:
        errors.add("scale", f"must be one of {', '.join(scales)}, got {show(scale)}")
    ok = isinstance(mean, numbers.Real) and not isinstance(mean, bool)
    if ok:
        try:
            ok = math.isfinite(float(mean)) and ref.answer_min <= float(mean) <= ref.answer_max
        except (OverflowError, ValueError, TypeError):
            ok = False
    if not ok:
        errors.add("mean", f"must be a number from {ref.answer_min} to {ref.answer_max}, got {show(mean)}")
    errors.raise_if_any()
    exact = Fraction(mean) if isinstance(mean, numbers.Rational) else Fraction(repr(float(mean)))
    return _band(ref, scale, _round2(exact))


def _version_reference(version: Any, reference: InstrumentReference | None) -> UwesReference:
    if not isinstance(version, str) or version not in UWES_VERSIONS:
        raise InvalidAnswers({"version": f"must be one of {', '.join(UWES_VERSIONS)}, got {show(version)}"})
    return (reference or load_reference()).uwes[version]


def _mean(values: list[int]) -> Fraction:
    """Mean rounded half up to two decimals, the precision of the norm tables."""
    return _round2(Fraction(sum(values), len(values)))


def _round2(value: Fraction) -> Fraction:
    return Fraction(math.floor(value * 100 + Fraction(1, 2)), 100)


def _band(ref: UwesReference, scale: str, mean: Fraction) -> str:
    for name, upper in zip(ref.band_names, ref.norms[scale]):
        if mean <= upper:
            return name
    return ref.band_names[-1]


__all__ = ["InvalidAnswers", "score_uwes", "uwes_band"]
