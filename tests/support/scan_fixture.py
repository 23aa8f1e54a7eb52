"""Scan answers in the exchange shape for tests (web and browser): a frame built from
(unit, role, round date) → one value per respondent, and two rounds over the hand-made organisation."""

from __future__ import annotations

from datetime import date

from levensfase.scan.instrument import load_instrument
from support.scan_answers import answers


def response_frame(groups: dict[tuple[str, str, date], list[int]]):
    """Answer sets in the exchange shape: (unit, role, round date) → one value per respondent, every
    item of that respondent answered with it (so each dimension score is that value)."""
    instrument = load_instrument()
    rows = [(f"{unit_id}-{role}-{day.isoformat()}-{n}", unit_id, role, day,
             dict.fromkeys(instrument.dimension_codes, float(value)))
            for (unit_id, role, day), values in groups.items() for n, value in enumerate(values)]
    return answers(instrument, rows)


ROUND_1, ROUND_2 = date(2025, 3, 1), date(2026, 3, 1)
# Two rounds. TA1 6 and TA2 5 respondents each round; TB1 2 (fewer than k = 5): its answers, 1 and 5,
# must never be derivable. The programme runs in TA1; TA2 is the comparison.
GROUPS = {
    ("TA1", "employee", ROUND_1): [2, 2, 3, 3, 2, 3], ("TA1", "employee", ROUND_2): [4, 4, 4, 3, 4, 5],
    ("TA2", "employee", ROUND_1): [3, 3, 3, 4, 2], ("TA2", "employee", ROUND_2): [3, 3, 4, 4, 2],
    ("TB1", "employee", ROUND_1): [1, 5], ("TB1", "employee", ROUND_2): [1, 5],
}
