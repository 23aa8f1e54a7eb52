"""The absence outcome (`outcomes.absence_outcome`) on integer arrays built once per workforce.

Evaluating 24 arrangements and bundles joined the four arms' rows with every employment spell and
then with every absence of the same person in Polars, group by group (millions of joined rows at
100.000 employees). Here the spells and the sick spells are sorted by person once
(`absence_index`); a follow row finds its running spell by one sorted search on (person, day) and
its person's absences as a run of the sorted sick spells. The numbers are the same: day counts are
integers, summed exactly, and each row's Vernet parts are the same products
(min(sick days, employed days) × FTE and employed days × FTE). Employment spells do not overlap
(`derive_spells` joins overlapping assignments), so at most one spell runs on a day.
`tests/evaluation/test_absence_days.py` compares it with `absence_outcome`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from levensfase.evaluation.outcomes import ABSENCE_DAYS, sick_spells
from levensfase.evaluation.risk_index import spans
from levensfase.model.workforce import OPEN_END, Workforce

__all__ = ["AbsenceIndex", "absence_days", "absence_index"]

_DAY_SPAN = 1 << 23  # day numbers (1970-01-01 = 0) from −2²² (about 9500 BC) to OPEN_END (≈ 2,9 million) …
_DAY_SHIFT = 1 << 22  # … shifted to 0 … 2²³: person × span + day + shift sorts by (person, day), also before 1970


def _key(person: np.ndarray, day: np.ndarray) -> np.ndarray:
    return person * _DAY_SPAN + (day + _DAY_SHIFT)


@dataclass(frozen=True)
class AbsenceIndex:
    """Persons (person_id → number, sorted ids), spells sorted by (person, start) with their keys
    and ends, sick spells sorted by person with each person's run (`sick_first`)."""

    ids: pl.Series
    spell_key: np.ndarray
    spell_person: np.ndarray
    spell_end: np.ndarray
    sick_start: np.ndarray
    sick_end: np.ndarray
    sick_first: np.ndarray


def _day(value: pl.Series) -> np.ndarray:
    return value.cast(pl.Int64).to_numpy()


def absence_index(workforce: Workforce, *, sick: pl.DataFrame | None = None) -> AbsenceIndex:
    """The workforce's spells and sick spells (`outcomes.sick_spells`, unless given) as arrays."""
    sick = sick_spells(workforce) if sick is None else sick
    spells = workforce.spells.select("person_id", "start_date", end=pl.col("end_date").fill_null(OPEN_END))
    ids = pl.concat([spells.get_column("person_id"), sick.get_column("person_id")]).unique().sort()
    number = {"old": ids, "new": pl.int_range(ids.len(), eager=True), "return_dtype": pl.Int64}
    spells = spells.with_columns(person=pl.col("person_id").replace_strict(**number)).sort("person", "start_date")
    sick = sick.with_columns(person=pl.col("person_id").replace_strict(**number)).sort("person")
    person = spells.get_column("person").to_numpy()
    sick_person = sick.get_column("person").to_numpy()
    return AbsenceIndex(
        ids=ids, spell_key=_key(person, _day(spells.get_column("start_date"))), spell_person=person,
        spell_end=_day(spells.get_column("end")), sick_start=_day(sick.get_column("a_start")),
        sick_end=_day(sick.get_column("a_end")),
        sick_first=np.searchsorted(sick_person, np.arange(ids.len() + 1)))


def absence_days(index: AbsenceIndex, follow: pl.DataFrame, *, as_of: date) -> pl.DataFrame:
    """`outcomes.absence_outcome(workforce, follow, as_of=as_of)` for the workforce of `index`:
    follow: id, person_id, start, stop, fte → id, sick_fte, employed_fte, by id."""
    person = follow.select(pl.col("person_id").replace_strict(index.ids, pl.int_range(index.ids.len(), eager=True),
                                                              default=-1, return_dtype=pl.Int64)).to_series().to_numpy()
    d = _day(follow.get_column("start"))
    stop = follow.get_column("stop").cast(pl.Int64).fill_null(_day(pl.Series([OPEN_END]))[0] + 1).to_numpy()
    # the running spell: the last one of the person starting on or before d, if it has not ended before d
    at = np.searchsorted(index.spell_key, _key(np.maximum(person, 0), d), side="right") - 1
    safe = np.maximum(at, 0)
    running = (person >= 0) & (at >= 0) & (index.spell_person[safe] == person) & (index.spell_end[safe] >= d)
    as_of_day = _day(pl.Series([as_of]))[0]
    hi = np.minimum(np.minimum(d + (ABSENCE_DAYS - 1), as_of_day), np.minimum(index.spell_end[safe], stop - 1))
    keep = np.flatnonzero(running & (hi >= d))
    d, hi, person = d[keep], hi[keep], person[keep]
    lo_sick, hi_sick = index.sick_first[person], index.sick_first[person + 1]
    owner = np.repeat(np.arange(keep.size), hi_sick - lo_sick)
    which = spans(lo_sick, hi_sick)
    days = np.minimum(index.sick_end[which], hi[owner]) - np.maximum(index.sick_start[which], d[owner]) + 1
    positive = days > 0
    sick = np.bincount(owner[positive], weights=days[positive], minlength=keep.size).astype(np.int64)  # exact: integers
    employed = hi - d + 1
    fte = follow.get_column("fte").to_numpy()[keep]
    ids = follow.get_column("id").to_numpy()[keep]
    order = np.argsort(ids, kind="stable")
    return pl.DataFrame({"id": pl.Series(ids[order], dtype=follow.schema["id"]),
                         "sick_fte": np.minimum(sick, employed)[order].astype(np.float64) * fte[order],
                         "employed_fte": employed[order].astype(np.float64) * fte[order]})
