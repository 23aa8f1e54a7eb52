"""31 December of one year and 1 January of the next read together (docs/privacy.md, "Years
read together").

The day pages of 31 December Y are protected with year Y's joint audit, those of 1 January Y + 1
with year Y + 1's (`published_day_pattern`); the two days count nearly the same people, but those
who leave on 31 December or join on 1 January differ. Year Y + 1 is audited with what year Y
published as known constants (`protected_year`: the years are chained). The attacker reads both
days' pages — headcount, pyramid and headcount per category, for the scope and every subtree, as
published at k = 5 — as one set of equations over people (`attacks.year_numbers`) and asks which
hidden small numbers they determine (exact linear algebra; the model is checked against k = 1
first). Before the chain: 12 of 2,584 recovered on the 90-person organisation, and 12 of 2,375
with both years' category pages on the 60-person one.
"""

from __future__ import annotations

from datetime import date

import pytest

from attacks.orgs import ORGS, YEARS, organisation
from attacks.year_numbers import category_parts, day_part, together


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_31_december_and_the_next_1_january_together_reveal_no_small_group(employees, seed):
    org = organisation(employees=employees, seed=seed)
    hidden, found = 0, []
    for year in YEARS:
        parts = [day_part(org, day=date(year, 12, 31)), day_part(org, day=date(year + 1, 1, 1))]
        for part in parts:  # each day alone is audited: its own pages give nothing away
            assert together([part])[1] == []
        n, got = together(parts)
        hidden += n
        found += [(year, *g) for g in got]
    print(f"ATTACK year boundary {employees}p seed {seed}: small hidden={hidden} recovered={len(found)}")
    assert hidden, "the organisations are small enough that something is hidden"
    assert found == []


def _of_year(part: tuple, year: int) -> tuple:
    """A category part with its keys named by year, so two years' pages are different numbers."""
    adds, shown, truth, small = part
    return ({p: {(year, *key): n for key, n in numbers.items()} for p, numbers in adds.items()},
            {(year, *key): v for key, v in shown.items()}, {(year, *key): v for key, v in truth.items()},
            {(year, *key) for key in small})


def test_31_december_and_the_next_1_january_with_both_years_category_pages_reveal_no_small_group():
    """The boundary read with every category's page of both years, for every subtree: the flows and
    day headcounts of year Y and Y + 1 are sums over the same people (one boundary, one organisation,
    to keep the run short; docs/privacy.md has every boundary and organisation)."""
    org = organisation(employees=60, seed=1)
    year = 2022
    parts = [day_part(org, day=date(year, 12, 31)), day_part(org, day=date(year + 1, 1, 1))]
    for y in (year, year + 1):
        parts += [_of_year(p, y) for p in category_parts(org, start=date(y, 1, 1), end=date(y, 12, 31)).values()]
    hidden, found = together(parts)
    print(f"ATTACK year boundary with category pages 60p seed 1: small hidden={hidden} recovered={len(found)}")
    assert hidden
    assert found == []


@pytest.mark.xfail(strict=True, reason=(
    "recovers 16 of 4359 hidden small numbers on the 60-person organisation (every category page and both "
    "days' pages of 2023, 2024 and 2025): a year's audit reads the year before and the next, not years further apart"))
def test_three_years_read_together_reveal_no_small_group():
    """Gap (docs/privacy.md, "Years read together"): three consecutive years' pages at once."""
    org = organisation(employees=60, seed=1)
    parts = []
    for y in (2023, 2024, 2025):
        parts += [day_part(org, day=date(y, 1, 1)), day_part(org, day=date(y, 12, 31))]
        parts += [_of_year(p, y) for p in category_parts(org, start=date(y, 1, 1), end=date(y, 12, 31)).values()]
    hidden, found = together(parts)
    print(f"ATTACK three years 60p seed 1: small hidden={hidden} recovered={len(found)}")
    assert hidden
    assert found == []
