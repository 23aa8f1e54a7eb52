"""The retention page's cohorts of both its categories read together (docs/privacy.md).

The page shows the cohort per generation and the cohort per life phase side by side (each with the
cohort's leavers per reason and the day's headcounts). A reader holding both tables of a subtree
has both sets of equations over the same people: the attacker here merges them
(the numbers of `test_attacks_retention._numbers`, a group's keys named by its category) and asks,
with exact linear algebra, which hidden small groups' numbers they determine together. The model
of every number is checked against the unsuppressed page (k = 1) first. Audited per category (until
6 Dec 2026) they recovered 6 of 422 hidden small numbers on the 60-person organisation and 14 of 294
on the 90-person one; `protected_retention.retention_pattern` now audits both as one set.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from attacks.orgs import DAY, YEARS
from attacks.test_attacks_retention import _numbers, attack
from levensfase.analytics.dashboard import unit_workforce
from levensfase.web.dashboards.selectors.retention import summary

CATEGORIES = ("generation", "life_phase")
SHARED = "all"  # the cohort's totals and its leavers per reason: the same numbers on both pages


def _named(key: tuple, by: str) -> tuple:
    """A group's key with its category (values of two categories never meet); shared keys as they are."""
    if key[0] == "day":
        return key if key[2] == SHARED else ("day", by, *key[1:])
    return key if key[1] == SHARED else (by, *key)


def _checked_at_k1(org, by: str, start: date, members: dict) -> None:
    """Every group's cohort and leavers in the model equal the unsuppressed page's."""
    for unit in [None, *org.units["unit_id"].to_list()]:
        table, _ = summary(unit_workforce(org, unit), start=start, end=DAY, by=by, k=1, scope=None, unit=unit)
        for r in table.iter_rows(named=True):
            assert r["population"] == len(members[(unit, r["value"], "people")]), (unit, r["value"])
            assert r["events"] == len(members[(unit, r["value"], "left")]), (unit, r["value"])


def _recovered(org, start: date) -> tuple[int, list]:
    members: dict[tuple, set] = defaultdict(set)
    shown: dict[tuple, int | None] = {}
    small: set = set()
    for by in CATEGORIES:
        own_members, own_shown, own_small = _numbers(org, by, start)
        _checked_at_k1(org, by, start, own_members)
        for key, people in own_members.items():
            merged = members[_named(key, by)]
            assert not merged or merged == people, f"a shared number differs between the pages: {key}"
            merged |= people
        for key, value in own_shown.items():
            shown[_named(key, by)] = value
        small |= {_named(key, by) for key in own_small}
    return attack(members, shown, small)


def test_retention_cohorts_of_all_categories_together_reveal_no_small_group(org):
    hidden, found = 0, []
    for year in YEARS:
        n, got = _recovered(org, date(year, 1, 1))
        hidden += n
        found += [(year, key) for key in got]
    print(f"ATTACK retention together: small hidden={hidden} recovered={len(found)}")
    assert hidden, "the organisations are small enough that something is hidden"
    assert found == []
