"""The "Welke categorieën?" page's 2-year retention read with the retention page.

That column is a cut of the retention page's cohort: per group of every category (and the whole
cohort, in the average row) the people on the period's first day and their share still employed
at the second anniversary, so the leavers by then. The attacker holds, for every subtree, the
retention page of the cohort of 1 January 2022 followed to 31 December 2025 (both tables, their
yearly steps, "why people left" per reason and year, the day's headcounts:
`test_attacks_retention_ends`) and the categories page of 2022–2025 for every category, and asks
which hidden small groups' numbers — of either page — they determine beyond what the retention
and day pages alone give. On these organisations the column is nearly always withheld with its
flows row (periods of several years), so the column adds nothing, before its protection
(`protected_retention_two_years`) and after; on the 600-person organisation it showed 3 of its 17
values for groups the retention page hides (docs/privacy.md). The second test is a gap: with the
attacker's knowledge of empty cross-classes, the retention page's generation and life-phase groups
with the day's headcounts determine a few small numbers of other categories (age bands, sex), which
no set holds together.
"""

from __future__ import annotations

from functools import cache

import pytest

from attacks.orgs import DAY, ORGS, organisation, orgs_marked
from attacks.test_attacks_retention import K, attack
from attacks.test_attacks_retention_ends import START, _numbers as retention_numbers
from levensfase.analytics.categories import CATEGORIES, UNKNOWN
from levensfase.analytics.dashboard import unit_workforce
from levensfase.web.dashboards.selectors.categories import category_table
from levensfase.web.dashboards.selectors.retention import cohort


@cache
def _numbers_of(employees: int, seed: int) -> tuple[dict, dict, set]:
    """Both tests read the same pages (computed once per organisation)."""
    return _numbers(organisation(employees=employees, seed=seed))


def _numbers(org) -> tuple[dict, dict, set]:
    members, shown, small = retention_numbers(org)
    for unit in [None, *org.units["unit_id"].to_list()]:
        sub = unit_workforce(org, unit)
        for by in CATEGORIES:
            frame = cohort(sub, start=START, end=DAY, by=by)
            for person, value, year in frame.select("person_id", "value", "year").iter_rows():
                members[(unit, by, value, "people")].add(person)
                if year is not None and year <= 2:
                    members[(unit, by, value, "left", 2)].add(person)
                    members[(unit, "all", "left", 2)].add(person)
            table, average = category_table(org, start=START, end=DAY, by=by, k=K, unit=unit)
            for r in table.iter_rows(named=True):
                value = None if r["value"] == UNKNOWN else r["value"]
                people, left = (unit, by, value, "people"), (unit, by, value, "left", 2)
                if not members[people]:
                    continue
                for key in (people, left):
                    if 0 < len(members[people]) < K:
                        small.add(key)
                    shown.setdefault(key, None)
                if r["retention_2y"] is not None:  # the cohort and its share still employed
                    shown[people] = len(members[people])
                    n = round(len(members[people]) * (1 - r["retention_2y"] / 100))
                    assert n == len(members[left])
                    shown[left] = n
            if average is not None and average.retention_2y is not None:
                shown[(unit, "all", "left", 2)] = len(members[(unit, "all", "left", 2)])
    for key in shown:
        members.setdefault(key, set())
    return members, shown, small


def _without_the_column(shown: dict) -> dict:
    """The same numbers with the categories page's 2-year retention (its groups and average) left out."""
    column = lambda key: (key[0] != "day" and key[1] not in ("generation", "life_phase", "all")) or key[1:3] == (  # noqa: E731
        "all", "left")
    return {key: None if column(key) else value for key, value in shown.items()}


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_two_year_retention_per_category_reveals_no_small_group(employees, seed):
    members, shown, small = _numbers_of(employees, seed)
    hidden, found = attack(members, shown, small)
    _hidden, without = attack(members, _without_the_column(shown), small)
    print(f"ATTACK retention two years: small hidden={hidden} recovered={len(found)} without the column={len(without)}")
    assert hidden, "the organisations are small enough that something is hidden"
    assert set(found) <= set(without), "the 2-year retention column gives a small group away"


_LEAKS = {(90, 23): "recovers 5 of 334 hidden small numbers on the 90-person organisation (age bands and sex "
                    "of one subtree) from the retention page's groups and the day's headcounts alone"}


@pytest.mark.parametrize("employees,seed", orgs_marked(_LEAKS), ids=lambda p: str(p))
def test_retention_groups_reveal_no_small_group_of_another_category(employees, seed):
    members, shown, small = _numbers_of(employees, seed)
    _hidden, without = attack(members, _without_the_column(shown), small)
    assert without == []
