"""Scan answers in the exchange shape for tests (web and browser): a frame built from
(unit, role, round date) → one value per respondent, and two rounds over the hand-made organisation."""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.scan.instrument import load_instrument


def response_frame(groups: dict[tuple[str, str, date], list[int]]):
    """Answer sets in the exchange shape: (unit, role, round date) → one value per respondent, every
    item of that respondent answered with it (so each dimension score is that value)."""
    items = list(load_instrument().items)
    rows = []
    for (unit_id, role, day), values in groups.items():
        for n, value in enumerate(values):
            response_id = f"{unit_id}-{role}-{day.isoformat()}-{n}"
            rows += [(response_id, unit_id, role, day, item, float(value)) for item in items]
    return pl.DataFrame(rows, schema={"response_id": pl.String, "unit_id": pl.String, "role": pl.String,
                                      "date": pl.Date, "item": pl.String, "value": pl.Float64}, orient="row")


ROUND_1, ROUND_2 = date(2025, 3, 1), date(2026, 3, 1)
# Two rounds. TA1 6 and TA2 5 respondents each round; TB1 2 (fewer than k = 5): its answers, 1 and 5,
# must never be derivable. The programme runs in TA1; TA2 is the comparison.
GROUPS = {
    ("TA1", "employee", ROUND_1): [2, 2, 3, 3, 2, 3], ("TA1", "employee", ROUND_2): [4, 4, 4, 3, 4, 5],
    ("TA2", "employee", ROUND_1): [3, 3, 3, 4, 2], ("TA2", "employee", ROUND_2): [3, 3, 4, 4, 2],
    ("TB1", "employee", ROUND_1): [1, 5], ("TB1", "employee", ROUND_2): [1, 5],
}
