"""Questionnaire instruments: WAI and WAS (werkvermogen, work ability) and UWES (bevlogenheid, engagement).

Three doors onto one scoring: `score` for the JSON answer objects of forms and the CLI,
`score_survey_items` for the long-format item codes of the exchange file surveys.csv, and
`score_cli` for `levensfase score …`. Every door reports all wrong fields at once through
`InvalidAnswers` and never raises anything else for any JSON value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from levensfase.model.instruments._base import MISSING, Errors, InvalidAnswers, ScoreResult, check_mapping, show
from levensfase.model.instruments.reference import (
    UWES_VERSIONS,
    InstrumentReference,
    ReferenceDataError,
    load_reference,
)
from levensfase.model.instruments.uwes import score_uwes, score_uwes_items, uwes_band
from levensfase.model.instruments.wai import WAI_FIELDS, score_wai, score_wai_fields, score_was, wai_band, was_band
from levensfase.model.schema import INSTRUMENTS

_DISPLAY_NAMES = {"wai": "WAI", "was": "WAS", "uwes9": "UWES-9", "uwes17": "UWES-17"}
_WAI_ITEM_CODES = tuple(name for name in WAI_FIELDS if name not in ("work_demand", "q7")) + ("q7_1", "q7_2", "q7_3")


def score(instrument: str, answers: Mapping[str, Any], *, reference: InstrumentReference | None = None) -> ScoreResult:
    """Score the answers of one questionnaire: instrument is wai, was, uwes9 or uwes17."""
    _check_instrument(instrument)
    if instrument == "wai":
        return score_wai(answers, reference=reference)
    if instrument == "was":
        return score_was(answers, reference=reference)
    return score_uwes(answers, version=instrument, reference=reference)


def score_survey_items(
    instrument: str,
    items: Mapping[str, float],
    *,
    work_demand: str | None = None,
    reference: InstrumentReference | None = None,
) -> ScoreResult:
    """Score one person's answers from surveys.csv (item code → value) for one instrument and date.

    Item codes: WAI q1, q2_physical, q2_mental, q3_diseases, q4, q5_sick_days, q6, q7_1..q7_3
    (plus `work_demand` of the person's job, which is not a survey item); WAS score; UWES "1".."9"
    or "1".."17". Whole-number floats (4.0) are accepted, as surveys.csv stores values as floats.
    """
    _check_instrument(instrument)
    errors = Errors()
    ref = reference or load_reference()
    if instrument == "wai":
        mapping = check_mapping(items, allowed=_WAI_ITEM_CODES, errors=errors)
        if mapping is None:
            errors.raise_if_any()
        fields = {name: mapping.get(name, MISSING) for name in WAI_FIELDS if name not in ("work_demand", "q7")}
        fields["work_demand"] = MISSING if work_demand is None else work_demand
        codes = ("q7_1", "q7_2", "q7_3")
        return score_wai_fields(
            fields, q7=[mapping.get(code, MISSING) for code in codes], q7_names=codes, errors=errors, reference=ref
        )
    if instrument == "was":
        return score_was(items, reference=ref)
    codes = tuple(str(number) for number in range(1, UWES_VERSIONS[instrument] + 1))
    mapping = check_mapping(items, allowed=codes, errors=errors)
    if mapping is None:
        errors.raise_if_any()
    values = [mapping.get(code, MISSING) for code in codes]
    return score_uwes_items(values, names=codes, ref=ref.uwes[instrument], errors=errors)


def score_cli(instrument: str, text: str) -> tuple[int, str]:
    """`levensfase score INSTRUMENT --answers FILE`: (0, result JSON) or (2, a plain message)."""
    if not isinstance(text, str):
        return 2, "No answers given: expected JSON text."
    body = text.removeprefix("\ufeff")
    if not body.strip():
        return 2, "No answers given: the input is empty; expected a JSON object with the answers."
    try:
        answers = json.loads(body)
    except json.JSONDecodeError as exc:
        return 2, f"The answers are not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
    except RecursionError:
        return 2, "The answers could not be read: the JSON is nested too deeply."
    except ValueError as exc:
        reason = "a number has too many digits" if "digits" in str(exc) else str(exc)
        return 2, f"The answers could not be read as JSON: {reason}."
    try:
        result = score(instrument, answers)
    except InvalidAnswers as exc:
        return 2, describe_errors(instrument, exc)
    return 0, json.dumps(result.to_dict(), ensure_ascii=False, indent=2)


def describe_errors(instrument: Any, error: InvalidAnswers) -> str:
    """A plain message listing every wrong field, one per line."""
    name = _DISPLAY_NAMES.get(instrument, "the questionnaire") if isinstance(instrument, str) else "the questionnaire"
    count = len(error.errors)
    lines = [f"Cannot score {name}: {count} problem{'s' if count != 1 else ''} with the answers."]
    lines += [f"  - {field}: {reason}" for field, reason in error.errors.items()]
    return "\n".join(lines)


def _check_instrument(instrument: Any) -> None:
    if not isinstance(instrument, str) or instrument not in INSTRUMENTS:
        raise InvalidAnswers({"instrument": f"must be one of {', '.join(INSTRUMENTS)}; got {show(instrument)}"})


__all__ = [
    "InstrumentReference",
    "InvalidAnswers",
    "ReferenceDataError",
    "ScoreResult",
    "describe_errors",
    "load_reference",
    "score",
    "score_cli",
    "score_survey_items",
    "score_uwes",
    "score_was",
    "score_wai",
    "uwes_band",
    "wai_band",
    "was_band",
]
