"""`states.snapshots` (every day at once, on integer keys) gives exactly the tables of `snapshot`
taken one day at a time, on both axes and on a 29 February."""

from __future__ import annotations

from datetime import date

import pytest

from levensfase.planning.estimate import years_before
from levensfase.planning.states import StateSpace, snapshot, snapshots

from .conftest import AS_OF


@pytest.mark.parametrize("axis", ["life_phase", "age_band"])
def test_snapshots_of_all_days_equal_one_day_at_a_time(org, axis):
    space = StateSpace(axis=axis)
    days = [years_before(AS_OF, j) for j in range(5, -1, -1)] + [date(2024, 2, 29)]
    plain, planned = snapshots(org, days=days, space=space, planned=(AS_OF,))
    assert sorted(plain) == sorted(days)
    for day in days:
        one = snapshot(org, on=day, space=space)
        assert one.height > 2000 and plain[day].equals(one), day
    assert planned[AS_OF].equals(snapshot(org, on=AS_OF, space=space, planned=True))


def test_a_day_before_the_records_gives_an_empty_snapshot(org):
    plain, _ = snapshots(org, days=[date(1900, 1, 1), AS_OF], space=StateSpace(axis="age_band"))
    assert plain[date(1900, 1, 1)].height == 0
    assert plain[date(1900, 1, 1)].schema == snapshot(org, on=AS_OF, space=StateSpace(axis="age_band")).schema
