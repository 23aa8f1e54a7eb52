"""The retention page of one cohort followed to different ends, read together.

The page's period is chosen by the user: the cohort of 1 January 2022 followed to 31 December 2023
and the same cohort followed to 31 December 2025 are two pages over the same people. A curve's
yearly steps give a shown group's leavers by each anniversary up to its end, "why people left" the
cohort's leavers per reason by each anniversary: the longer page publishes the shorter one's
numbers of every group it shows. The attacker here holds both pages of every subtree, both
categories, with the day's headcounts, reads the numbers off the curves the page draws (checked
against the truth), and asks with exact linear algebra which hidden small groups' numbers (people,
leavers by each anniversary) they determine (like every attack test, knowing which cross-classes
of people are empty). While the curves were drawn by day and the audit held only each cohort's
total leavers, the cuts in time gave small groups away (9, 6 and 31 recovered at two ends; with
the yearly steps published and that audit, 41, 43 and 64); `protected_retention` now audits every
group's and reason's leavers in each cohort year, one decision per cohort: 0.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from attacks.orgs import DAY, ORGS, organisation
from attacks.test_attacks_retention import K, attack
from levensfase.analytics.dashboard import unit_workforce
from levensfase.analytics.protected_day import day_pattern
from levensfase.analytics.protected_retention import CATEGORIES, exits_shown
from levensfase.analytics.retention_years import reason_steps, whole_years
from levensfase.web.dashboards.selectors.retention import cohort, summary

START = date(2022, 1, 1)
ENDS = (date(2023, 12, 31), DAY)
YEARS = range(1, whole_years(START, DAY) + 1)  # the anniversaries the longer page reaches


def _numbers(org) -> tuple[dict, dict, set]:
    members: dict[tuple, set] = defaultdict(set)
    shown: dict[tuple, int | None] = {}
    small: set[tuple] = set()
    day = day_pattern(org, day=START, k=K)
    for unit in [None, *org.units["unit_id"].to_list()]:
        sub = unit_workforce(org, unit)
        for by in CATEGORIES:  # a group's leavers by each anniversary: its curve's yearly steps
            for person, value, year, reason in cohort(sub, start=START, end=DAY, by=by).select(
                    "person_id", "value", "year", "end_reason").iter_rows():
                members[(unit, by, value, "people")].add(person)
                members[(unit, "all", "people")].add(person)
                for j in YEARS if year is not None else ():
                    if year <= j:
                        members[(unit, by, value, "left", j)].add(person)
                        members[(unit, "all", reason, j)].add(person)
        for by in CATEGORIES:
            for end in ENDS:  # the page followed to `end` shows its groups' steps up to `end`
                table, curves = summary(sub, start=START, end=end, by=by, k=K, scope=org, unit=unit)
                reach = whole_years(START, end)
                for r in table.iter_rows(named=True):
                    value = r["value"]
                    people = len(members[(unit, by, value, "people")])
                    keys = [(unit, by, value, "people"), *((unit, by, value, "left", j) for j in YEARS)]
                    for key in keys:
                        if 0 < people < K:
                            small.add(key)
                        if r["suppressed"] or (len(key) == 5 and key[-1] > reach):
                            shown.setdefault(key, None)
                            continue
                        steps = curves[value]  # what the page draws, checked against the truth
                        shown[key] = steps.population if len(key) == 4 else steps.left[key[-1] - 1]
                        assert shown[key] == len(members[key]), (key, shown[key], members[key])
                if exits_shown(org, start=START, k=K, unit=unit) and len(members[(unit, "all", "people")]) >= K:
                    for reason, left in reason_steps(cohort(sub, start=START, end=end, by="generation"),
                                                     start=START, end=end).items():
                        for j, n in enumerate(left, start=1):
                            assert n == len(members[(unit, "all", reason, j)])
                            shown[(unit, "all", reason, j)] = n
        for value in {key[2] for key in members if key[:2] == (unit, "generation") and key[3] == "people"}:
            if day.shown(unit, "generation", value):  # the day's headcount per generation: the same people
                members[("day", unit, value)] = members[(unit, "generation", value, "people")]
                shown[("day", unit, value)] = day.count(unit, "generation", value)
    for key in shown:
        members.setdefault(key, set())
    return members, shown, small


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_one_cohort_followed_to_two_ends_reveals_no_small_group(employees, seed):
    org = organisation(employees=employees, seed=seed)
    hidden, found = attack(*_numbers(org))
    print(f"ATTACK retention two ends: small hidden={hidden} recovered={len(found)}")
    assert hidden, "the organisations are small enough that something is hidden"
    assert found == []
