"""Which imported rows may be shown to an HR admin: health data never (DESIGN §6).

Survey answers and absences are health data as a whole; of the life events only
`health_limitation` is. Wherever an import lists rows (the check page, conflicts, refusals), a
health table is given as a count only.
"""

from __future__ import annotations

import polars as pl

HEALTH_TABLES = frozenset({"surveys", "absences"})
HEALTH_EVENTS = ("health_limitation",)


def shareable(name: str, frame: pl.DataFrame) -> pl.DataFrame | None:
    """The rows of `frame` that may be listed, or None when the table is health data as a whole."""
    if name in HEALTH_TABLES:
        return None
    if name == "life_events" and "event" in frame.columns:
        return frame.filter(~pl.col("event").is_in(HEALTH_EVENTS))
    return frame


HEALTH_FILES = ("surveys", "absences", "life_events")  # a problem does not say which event its row holds


def problem_shareable(problem: dict) -> dict:
    """A file problem as it may be listed: in a health file (or life events, which may hold a
    health limitation) the offending value is withheld; file, row, column and reason stay."""
    file = str(problem.get("file") or "")
    if problem.get("value") is not None and problem.get("code") != "more_problems" and any(
            name in file for name in HEALTH_FILES):
        return {**problem, "value": "(niet getoond: gezondheidsgegevens)", "withheld": True}
    return problem
