"""Result and error types shared by all instruments, and the answer checks behind them.

Answers arrive as JSON-like values from forms, files and the survey table, so every check
turns *any* value into either a clean Python number or one plain-language reason; a caller
then sees every wrong field at once instead of the first traceback.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ScoreResult:
    """One scored questionnaire: `data` is JSON-ready; `footnotes` say which numbers are unverified."""

    instrument: str
    data: dict[str, Any]
    footnotes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form used by the CLI and the REST API: the result keys at the top level."""
        return {"instrument": self.instrument, **self.data, "footnotes": list(self.footnotes)}


class InvalidAnswers(ValueError):
    """Answers that cannot be scored; `errors` maps every wrong field to a plain-language reason."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors: dict[str, str] = dict(errors)
        listed = "; ".join(f"{name}: {reason}" for name, reason in self.errors.items())
        super().__init__(f"invalid answers: {listed}")


class _Missing:
    """Marks an absent field, so 'missing' is reported by the same check as a wrong value."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()


def show(value: Any) -> str:
    """A short, safe description of a user's value for an error message (never raises)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        as_int = int(value)
        return str(as_int) if abs(as_int) < 10**15 else "a very large number"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, str):
        text = value if len(value) <= 30 else value[:27] + "..."
        return f'the text "{text}"'
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} value{'s' if len(value) != 1 else ''}"
    return f"a value of type {type(value).__name__}"


class Errors:
    """Collects every wrong field of one questionnaire before raising once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, name: str, reason: str) -> None:
        self.errors.setdefault(name, reason)

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidAnswers(self.errors)


def as_whole_number(value: Any) -> int | None:
    """The integer a JSON-like value stands for (3 or 3.0), or None (bools, text, 3.5, NaN...)."""
    if isinstance(value, bool) or value is MISSING:
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        try:
            as_float = float(value)
        except (OverflowError, ValueError, TypeError):
            return None
        if math.isfinite(as_float) and as_float.is_integer():
            return int(as_float)
    return None


def whole_number(
    value: Any,
    *,
    name: str,
    low: int,
    high: int | None,
    errors: Errors,
    what: str = "",
) -> int | None:
    """Check one answer is a whole number in [low, high]; record the reason and return None if not."""
    expected = f"a whole number from {low} to {high}" if high is not None else f"a whole number of at least {low}"
    if what:
        expected = f"{expected} ({what})"
    if value is MISSING:
        errors.add(name, f"missing; expected {expected}")
        return None
    number = as_whole_number(value)
    if number is None:
        kind = " (a yes/no value is not a number)" if isinstance(value, bool) else ""
        errors.add(name, f"must be {expected}, got {show(value)}{kind}")
        return None
    if number < low or (high is not None and number > high):
        errors.add(name, f"must be {expected}, got {show(number)}")
        return None
    return number


def check_mapping(answers: Any, *, allowed: tuple[str, ...], errors: Errors) -> Mapping[str, Any] | None:
    """The answers as a mapping with only known text keys; unknown keys are recorded as errors."""
    if not isinstance(answers, Mapping):
        errors.add("input", f"must be an object with the fields {', '.join(allowed)}; got {show(answers)}")
        return None
    for key in answers:
        if not isinstance(key, str):
            errors.add(show(key), f"field names must be text; expected one of {', '.join(allowed)}")
        elif key not in allowed:
            errors.add(key, f"unknown field; expected one of {', '.join(allowed)}")
    return answers


def band_of(value: numbers.Real, bands: tuple[tuple[str, int, int], ...]) -> str | None:
    """The band of `value`: the last band whose lowest point is at or below it, or None outside the
    whole range. Bands are thresholds (poor < 28 ≤ moderate < 37 …), so a half point between two
    bands (36.5) belongs to the lower one; for whole numbers this is the [lowest, highest] row."""
    if not bands or not bands[0][1] <= value <= bands[-1][2]:
        return None
    found = None
    for name, lowest, _highest in bands:
        if lowest <= value:
            found = name
    return found
