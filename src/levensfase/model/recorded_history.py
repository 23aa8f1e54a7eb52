"""The first year of recorded history: the first calendar year whose leavers are all in the data.

An HR export (and the demo's generator) holds the people employed when the records begin with
their real start dates, years back, but nobody who left before that day. Years before it show
the people who stayed on joining and nobody leaving: their flows mislead, and auditing them
(the year audits are chained, `analytics.protected_year`) costs minutes for nothing. So the
pages, the API and the chain begin at the first recorded year.

Definition. The records begin at the latest on the day of the first recorded leaver (the earliest
end of an employment spell; the end of a side job or a move says nothing, since the generator and
exports keep the side jobs of the people who stayed on). That day's year is the first recorded
year when a quiet start of that year is plausible: at the rate of leavers in the twelve months
from that day, no leaver between 1 January and that day has a chance of at least 1 in 100
(expected leavers in the gap at most ln 100 ≈ 4.6). Otherwise the records began during that year,
which is then incomplete, and the first recorded year is the next one. Without any leaver, the
year of the earliest start.
"""

from __future__ import annotations

import math
import weakref
from datetime import date, timedelta

from levensfase.model.workforce import Workforce

__all__ = ["first_recorded_year", "first_year_from_leavers", "inherit_history"]

QUIET_CHANCE = 0.01  # a quiet 1 January → first leaver gap less likely than this: not recorded
_INHERITED: weakref.WeakKeyDictionary[Workforce, int | None] = weakref.WeakKeyDictionary()


def inherit_history(part: Workforce, *, whole: Workforce) -> Workforce:
    """`part` (cut from `whole`), whose history begins when the whole's does."""
    _INHERITED[part] = first_recorded_year(whole)
    return part


def first_recorded_year(workforce: Workforce) -> int | None:
    """The first year with recorded history (module docstring); None without assignments."""
    if workforce in _INHERITED:
        return _INHERITED[workforce]
    spells = workforce.spells
    first_start = spells.get_column("start_date").min() if spells.height else None
    ends = spells.get_column("end_date").drop_nulls()
    first_end = ends.min()
    if first_end is None:
        return first_year_from_leavers(first_start=first_start, first_end=None, leavers_in_year_after=0)
    window = ends.filter((ends >= first_end) & (ends < first_end + timedelta(days=365)))
    return first_year_from_leavers(first_start=first_start, first_end=first_end, leavers_in_year_after=window.len())


def first_year_from_leavers(*, first_start: date | None, first_end: date | None, leavers_in_year_after: int) -> int | None:
    """The rule on its facts: the earliest start, the first leaver's day and the number of leavers
    in the 365 days from it (that day included)."""
    if first_end is None:
        return None if first_start is None else first_start.year
    gap = (first_end - date(first_end.year, 1, 1)).days
    expected = leavers_in_year_after * gap / 365
    return first_end.year if expected <= -math.log(QUIET_CHANCE) else first_end.year + 1

