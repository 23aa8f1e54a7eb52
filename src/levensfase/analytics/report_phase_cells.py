"""Who counts in the `analyse` document's life-phase tables and pension wave on a day (issue 16).

The phases section (`report_sections.phases_section`) publishes, on the as-of day, the named
phases with how many of each came from age, the primary phase, each axis with its from-age
counts, how many people's career or private-life state came from age, and the pension wave
(`report_outflow`). They count the same people as the composition tables of that day: suppressed
table by table, read with the day's total, age bands, sexes, generations and pyramid, they gave
7, 8 and 2 hidden numbers away on the attack organisations (the pyramid's and generations' among
them; tests/attacks/test_attacks_report_phases.py). So their rows are cells of the report's day
set (`protected_report_day`, and its plain oracle `protected_day._report_pattern`), whose members
are listed here once for both, and the section reads that set's decision.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from levensfase.analytics.outflow_kinds import wave_members
from levensfase.analytics.phase_categories import AXIS_CATEGORIES, NO_PHASE, cached_profiles
from levensfase.model.workforce import Workforce

__all__ = ["FALLBACK", "FROM_AGE", "NAMED_FROM_AGE", "PRIMARY", "TABLES", "WAVE", "axis_table", "phase_table_members"]

PRIMARY = "primary_phase"
NAMED_FROM_AGE = "life_phase:from_age"  # of a named phase's people, those whose state came from age
FALLBACK = "age_fallback"  # per axis that can fall back to age: everyone whose state came from age
WAVE = "pension_wave"  # value: the window's number, "1" … WAVE_YEARS
FROM_AGE = {"career": "career_from_age", "private_life": "private_life_from_age"}  # the axes that can


def axis_table(axis: str, *, from_age: bool = False) -> str:
    """The table name of an axis's rows (or of their from-age counts)."""
    return f"axis:{axis}:from_age" if from_age else f"axis:{axis}"


TABLES = (NAMED_FROM_AGE, PRIMARY, *(axis_table(a) for a in AXIS_CATEGORIES),
          *(axis_table(a, from_age=True) for a in FROM_AGE), FALLBACK, WAVE)


def phase_table_members(workforce: Workforce, *, day: date, named: pl.DataFrame) -> pl.DataFrame:
    """table, value, person_id: the people in each row of the phases section and the pension wave on
    `day` (`named`: person_id, value of the named phases, `phase_values`' one definition)."""
    profile = cached_profiles(workforce, on=day)
    guess = profile.select("person_id", guess=pl.col("career_from_age") | pl.col("private_life_from_age"))
    parts = [
        named.join(guess, on="person_id", how="inner").filter("guess").select(
            table=pl.lit(NAMED_FROM_AGE), value=pl.col("value").cast(pl.String), person_id="person_id").unique(),
        profile.select(table=pl.lit(PRIMARY), value=pl.col("primary_phase").fill_null(NO_PHASE).cast(pl.String),
                       person_id="person_id"),
    ]
    for axis in AXIS_CATEGORIES:
        parts.append(profile.select(table=pl.lit(axis_table(axis)), value=pl.col(axis).cast(pl.String),
                                    person_id="person_id"))
        if axis in FROM_AGE:
            guessed = profile.filter(FROM_AGE[axis])
            parts.append(guessed.select(table=pl.lit(axis_table(axis, from_age=True)),
                                        value=pl.col(axis).cast(pl.String), person_id="person_id"))
            parts.append(guessed.select(table=pl.lit(FALLBACK), value=pl.lit(axis), person_id="person_id"))
    wave = wave_members(workforce, as_of=day)
    parts.append(wave.select(table=pl.lit(WAVE), value="value", person_id="person_id"))
    return pl.concat(parts)  # an unknown state (null) is a row too
