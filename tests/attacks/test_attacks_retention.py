"""Issue 16's differencing attack on the Kaplan–Meier retention page (and its "why people left").

The retention page follows everyone employed on the period's first day (the cohort) per generation
or life phase, for the whole scope and every unit subtree: per group it publishes the cohort
size and how many left (and the curve, whose steps are those leavers over time); "why people
left" publishes the whole cohort's leavers per reason; the categories and composition pages
publish the headcount per group on that day. Every one of these is a sum over the cohort's
people, so the attacker's unknowns are the classes of people that add the same to every number
(a person leaving a unit's subtree by a move leaves that subtree's cohort only). The curves add
nothing beyond these for one end: a hidden group's curve is not drawn, and a shown group's yearly
steps split its own published leavers (the cuts in time are attacked in
test_attacks_retention_ends.py).

The contract: no hidden number of a small group (fewer than k people) is determined.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from fractions import Fraction

import pytest

from attacks.orgs import DAY, YEARS
from levensfase.analytics.dashboard import unit_workforce
from levensfase.analytics.protected_day import day_pattern
from levensfase.analytics.protected_retention import exits_shown, hidden_groups
from levensfase.analytics.protected_year import published_day_pattern
from levensfase.web.dashboards.selectors.retention import cohort, summary
from support.attacker import Attacker

K = 5


def _numbers(org, by: str, start: date) -> tuple[dict, dict, set]:
    """(key → members per person), (key → published value or None), small groups' keys."""
    members: dict[tuple, set] = defaultdict(set)
    shown: dict[tuple, int | None] = {}
    small: set[tuple] = set()
    day = day_pattern(org, day=start, k=K)
    for unit in [None, *org.units["unit_id"].to_list()]:
        sub = unit_workforce(org, unit)
        frame = cohort(sub, start=start, end=DAY, by=by)
        if not frame.height:
            continue
        for person, value, left, reason in frame.select("person_id", "value", "event", "end_reason").iter_rows():
            members[(unit, value, "people")].add(person)
            members[(unit, "all", "people")].add(person)
            if left:
                members[(unit, value, "left")].add(person)
                members[(unit, "all", "left", reason)].add(person)
        table, _curves = summary(sub, start=start, end=DAY, by=by, k=K, scope=org, unit=unit)
        for r in table.iter_rows(named=True):
            people = len(members[(unit, r["value"], "people")])
            for what, column in (("people", "population"), ("left", "events")):
                shown[(unit, r["value"], what)] = None if r["suppressed"] else r[column]
                if 0 < people < K:
                    small.add((unit, r["value"], what))
        everyone = len(members[(unit, "all", "people")])
        if everyone >= K and exits_shown(org, start=start, k=K, unit=unit):  # "why people left"
            for key in [key for key in members if key[:3] == (unit, "all", "left")]:
                shown[key] = len(members[key])
        # the day's headcount per generation counts the cohort's people (a life phase on the page
        # is the subtree's own reading of the person's career, so it is not the same sum)
        for key in [key for key in members if key[0] == unit and key[2] == "people" and key[1] != "all"
                    and by == "generation"]:
            shown[("day",) + key] = day.count(unit, by, key[1])  # the day's headcount per group
            members[("day",) + key] = members[key]
        if by == "generation" and day.shown(unit, "total", None):
            shown[("day", unit, "all", "people")] = day.count(unit, "total", None)
            members[("day", unit, "all", "people")] = members[(unit, "all", "people")]
    return members, shown, small


def attack(members: dict, shown: dict, small: set) -> tuple[int, list]:
    """(how many small groups' numbers are hidden, the keys of those the published numbers determine);
    the unknowns are the classes of people that add to the same numbers."""
    signature: dict[str, list] = defaultdict(list)
    for key, people in members.items():
        for person in people:
            signature[person].append(key)
    classes: dict[frozenset, int] = defaultdict(int)
    for keys in signature.values():
        classes[frozenset(keys)] += 1
    rows: dict[tuple, dict[int, Fraction]] = defaultdict(dict)
    for i, c in enumerate(classes):
        for key in c:
            rows[key][i] = Fraction(1)
    attacker = Attacker()
    for key, value in shown.items():
        if value is not None:
            assert value == len(members[key]), f"model of {key} is wrong"
            if value:
                attacker.publish_weighted(rows[key], value)
    hidden = [key for key in small if shown.get(key) is None and members[key]]
    found = [key for key in hidden if attacker.derive_weighted(rows[key]) is not None]
    return len(hidden), found


@pytest.mark.parametrize("by", ["generation", "life_phase"])
def test_retention_curves_reveal_no_small_group(org, by):
    found, hidden_small = [], 0
    for year in YEARS:
        n, got = attack(*_numbers(org, by, date(year, 1, 1)))
        hidden_small += n
        found += [(year, key) for key in got]
    print(f"ATTACK retention {by} small hidden={hidden_small} recovered={len(found)}")
    assert hidden_small, "the organisations are small enough that something is hidden"
    assert found == []


def test_a_headcount_the_day_pages_hide_is_hidden_on_the_retention_page(org):
    """A group's cohort is its headcount on the period's first day (a generation's the same number,
    a life phase's by name): where the day's pages hide it — their own pattern, or as a companion
    of the year's category pages (`published_day_pattern`) — the retention page hides it too."""
    checked, companions = 0, 0
    for year in YEARS:
        start = date(year, 1, 1)
        published = published_day_pattern(org, day=start, k=K)
        own = day_pattern(org, day=start, k=K)
        for by in ("generation", "life_phase"):
            hidden = hidden_groups(org, start=start, by=by, k=K)
            for unit in [None, *org.units["unit_id"].to_list()]:
                values = cohort(unit_workforce(org, unit), start=start, end=DAY, by=by)["value"].unique().to_list()
                for value in values:
                    if not published.shown(unit, by, value):
                        checked += 1
                        companions += own.shown(unit, by, value)
                        assert (unit, value) in hidden, (year, by, unit, value)
    assert checked and companions, "the day pages hide groups, some only as the year's companions"
