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
values for groups the retention page hides (docs/privacy.md). The second test reads the retention
page alone against the other categories' small numbers: with the attacker's knowledge of empty
cross-classes, "why people left" per reason and cohort year equalled an age band's or sex's small
group (5 of 334 on the 90-person organisation, subtree U011) while the retention set held no other
category; since 6 Dec 2026 it holds every number of the first day's pages and the other categories'
small groups' 2-year leavers (`protected_retention`), and the third test shows the attack finds
those 5 against the set without them.
"""

from __future__ import annotations

from functools import cache

import pytest

from attacks.orgs import DAY, ORGS, organisation
from attacks.test_attacks_retention import K, attack
from attacks.test_attacks_retention_ends import START, _numbers as retention_numbers
from levensfase.analytics import protected_retention, protected_retention_two_years
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


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_retention_groups_reveal_no_small_group_of_another_category(employees, seed):
    members, shown, small = _numbers_of(employees, seed)
    _hidden, without = attack(members, _without_the_column(shown), small)
    assert without == []


def _set_without_the_days_other_categories(monkeypatch) -> None:
    """The retention set as it was before 6 Dec 2026's fix: of the first day's pages only the
    headcount and the headcount per generation, and no other category's small groups protected.
    Decided afresh, in this test's own cache (never stored: the pattern store must not keep this pattern)."""
    day_page_cells = protected_retention._day_page_cells

    def total_and_generation(workforce, **options):
        cells, published, small, other = day_page_cells(workforce, **options)
        keep = {c.key for c in cells if c.key[2] in ("total", "generation")}
        return [c for c in cells if c.key in keep], published & keep, small & keep, other & keep

    monkeypatch.setattr(protected_retention, "_day_page_cells", total_and_generation)
    monkeypatch.setattr(protected_retention, "_OTHER_CATEGORIES", ())
    decided: dict = {}  # this test's own cache

    def once(_cache, _workforce, key, compute):
        if key not in decided:
            decided[key] = compute()
        return decided[key]

    for module in (protected_retention, protected_retention_two_years):
        monkeypatch.setattr(module, "decided_once", once)


def test_the_attack_finds_what_the_set_without_the_days_other_categories_gave_away(monkeypatch):
    """The test above is not vacuous: against the set without the day's other categories the same
    attack recovers the 5 small numbers of U011 (an age band's people, age bands' and the only man's
    2-year leavers, each the cohort's leavers for one reason in one cohort year; docs/privacy.md)."""
    _set_without_the_days_other_categories(monkeypatch)
    members, shown, small = _numbers(organisation(employees=90, seed=23))
    _hidden, without = attack(members, _without_the_column(shown), small)
    assert sorted(without) == [("U011", "age_band", "30-34", "left", 2), ("U011", "age_band", "35-39", "left", 2),
                               ("U011", "age_band", "65-69", "left", 2), ("U011", "age_band", "65-69", "people"),
                               ("U011", "sex", "m", "people")]
