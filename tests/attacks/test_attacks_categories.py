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

from collections import defaultdict
from datetime import date
from fractions import Fraction
from functools import cache
from itertools import combinations

import pytest

from attacks.orgs import ORGS, YEARS, organisation, person_year_classes
from levensfase.analytics.dashboard import category_table
from levensfase.analytics.per_scope import per_scope
from levensfase.analytics.protected_day import DAY_CATEGORIES as FLOW_CATEGORIES  # the categories the pages offer
from levensfase.analytics.protected_year import published_day_pattern
from support.attacker import Attacker

K = 5
FLOWS = ("population", "inflow", "internal_mobility", "outflow_total")
DAYS = ("headcount_start", "headcount_end")
AVERAGE = "average_headcount"  # first plus last day's headcount of the subtree
HIDDEN_FLAG = {"headcount_start": "start_suppressed", "headcount_end": "end_suppressed"}


@cache
def _year(employees: int, seed: int, year: int):
    """Per category: what each person-year adds to each number, the published numbers (None when
    hidden) with their truth, and the keys of the small groups' numbers."""
    org = organisation(employees=employees, seed=seed)
    scopes = [None, *org.units["unit_id"].to_list()]
    start, end = date(year, 1, 1), date(year, 12, 31)
    totals: dict[str, dict[tuple, int]] = defaultdict(dict)  # each person once, as the core counts totals
    for scope, frame in per_scope(org, scopes, by="sex", start=start, end=end).items():
        for r in frame.iter_rows(named=True):
            for m in (*FLOWS, *DAYS):
                if n := 1 if m == "population" else r[m]:
                    totals[r["person_id"]][(scope, "total", m)] = n
            if n := r["headcount_start"] + r["headcount_end"]:
                totals[r["person_id"]][(scope, "total", AVERAGE)] = n
    out = {}
    for by in FLOW_CATEGORIES:
        adds: dict[str, dict[tuple, int]] = defaultdict(dict, {p: dict(t) for p, t in totals.items()})
        for scope, frame in per_scope(org, scopes, by=by, start=start, end=end).items():
            for r in frame.iter_rows(named=True):
                for m in (*FLOWS, *DAYS):
                    if n := 1 if m == "population" else r[m]:
                        adds[r["person_id"]][(scope, by, r["value"], m)] = n
        shown, truth, small = {}, {}, set()
        for scope in scopes:
            table, average = category_table(org, start=start, end=end, by=by, k=K, unit=scope)
            real, _ = category_table(org, start=start, end=end, by=by, k=1, unit=scope)
            rows = {r["value"]: r for r in real.iter_rows(named=True)}
            for r in table.iter_rows(named=True):
                t = rows[r["value"]]
                for m in (*FLOWS, *DAYS):
                    key = (scope, by, r["value"], m)
                    shown[key] = None if r[HIDDEN_FLAG.get(m, "suppressed")] else r[m]
                    truth[key] = t[m]
                    if 0 < (t[m] if m in DAYS else t["population"]) < K:
                        small.add(key)
            for m in (*FLOWS, *DAYS, AVERAGE):
                key = (scope, "total", m)
                truth[key] = sum(t.get(key, 0) for t in totals.values())
                # the totals of the flows, with the average rates (which divide by the average
                # headcount: first plus last day); each day's total where the day's pages show it
                shown[key] = truth[key] if (average is not None if m not in DAYS else
                                            published_day_pattern(org, day=start if m == DAYS[0] else end, k=K).shown(
                                                scope, "total", None)) else None
        out[by] = (dict(adds), shown, truth, small)
    return out


def _together(parts) -> tuple[int, list]:
    """The small groups' hidden numbers the published numbers of `parts` determine together."""
    adds: dict[str, dict[tuple, int]] = defaultdict(dict)
    shown, truth, small = {}, {}, set()
    for part_adds, part_shown, part_truth, part_small in parts:
        for person, numbers in part_adds.items():
            adds[person].update(numbers)
        shown |= part_shown
        truth |= part_truth
        small |= part_small
    rows, sizes = person_year_classes(adds)
    attacker = Attacker()
    for key, value in shown.items():
        modelled = sum(sizes[i] * c for i, c in rows.get(key, {}).items())
        assert modelled == truth[key], f"model of {key} is wrong: {modelled} vs {truth[key]}"
        if value is not None and value:
            assert value == truth[key]
            attacker._add(dict(rows[key]), Fraction(value))
    hidden = [key for key in small if shown[key] is None and truth[key]]
    found = []
    for key in hidden:
        left, rhs = attacker._reduce(dict(rows[key]), Fraction(0))
        if not left:
            found.append((key, -rhs, truth[key]))
    return len(hidden), found


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
