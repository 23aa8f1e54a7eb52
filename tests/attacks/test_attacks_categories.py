"""Issue 16: the flows of two categories of one year read together.

The "Welke categorieën?" page is requested per category (sex, age band, generation, life phase,
job family, contract, unit) for every unit subtree and every single year, at k = 5: per group the
people in the year, instroom, doorstroom, uitstroom and the headcounts of the first and last day,
and the subtree's totals. The tables of one year share their totals and their cross-classification
is not published, so the attacker's unknowns are the classes of person-years that add the same
to every number of the two (or more) categories — the hidden cross table, with its empty cells
known (the k = 1 truth, taken per person from the core's own counts and checked against the
unsuppressed page first). A small group's hidden number is recovered when the published numbers
determine it (exact linear algebra, `support.attacker`).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from itertools import combinations

import pytest

from attacks.orgs import ORGS, YEARS, organisation
from attacks.year_numbers import FLOW_CATEGORIES, category_parts, together as _together


@cache
def _year(employees: int, seed: int, year: int):
    """Per category: what each person-year adds to each number, the published numbers (None when
    hidden) with their truth, and the keys of the small groups' numbers."""
    return category_parts(organisation(employees=employees, seed=seed), start=date(year, 1, 1), end=date(year, 12, 31))


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_flows_of_all_categories_and_of_any_two_together_reveal_no_small_group(employees, seed):
    """Every category's page of a year read together, and every pair of them (an attacker who
    reads fewer pages can only recover less: this guards the test's own model), every year, on
    the generator's organisation and random small ones."""
    hidden = 0
    found = []
    for year in YEARS:
        per = _year(employees, seed, year)
        n, got = _together(list(per.values()))
        hidden += n
        found += [(year, "all", *g) for g in got]
        for a, b in combinations(FLOW_CATEGORIES, 2):
            found += [(year, a, b, *g) for g in _together([per[a], per[b]])[1]]
    print(f"ATTACK categories together {employees}p seed {seed}: small hidden={hidden} recovered={len(found)}")
    assert hidden, "the organisations are small enough that something is hidden"
    assert found == []


def test_flows_per_sex_and_per_age_band_together_reveal_no_small_group():
    """Issue 16's example: the pages per sex and per age band of the same year, for every subtree."""
    for year in YEARS:
        per = _year(60, 1, year)
        assert _together([per["sex"], per["age_band"]])[1] == []


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_no_category_page_shows_a_small_group_or_headcount(employees, seed):
    """The primary rule on every category page: a life phase's headcount is counted on the
    subtree's own history and may differ from the day's pages (U002's late career on 31 December
    2023 was shown as 1 on the 60-person organisation)."""
    shown_small = []
    checked = 0
    for year in YEARS:
        for by, (_adds, shown, truth, small) in _year(employees, seed, year).items():
            checked += len(small)
            shown_small += [(year, key, shown[key]) for key in small if shown[key] is not None]
    assert checked
    assert shown_small == []
