"""What the category pages of one period and the day pages of a day publish, as equations over
people, and the attacker that reads any of them together (issue 16; the joint year audit's gaps).

A part is (adds, shown, truth, small): per person what they add to each number, the published
numbers (None when hidden), the k = 1 truth and the keys of the small groups' numbers. Within one
period a person is one unknown (a person-year), so category pages and day pages of days inside the
period combine; two days of different years combine too (each number counts people on its day).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from levensfase.analytics.dashboard import category_table
from levensfase.analytics.metrics import covering
from levensfase.analytics.per_scope import per_scope
from levensfase.analytics.protected_day import DAY_CATEGORIES as FLOW_CATEGORIES  # the categories the pages offer
from levensfase.analytics.protected_day import day_cells, day_pattern
from levensfase.analytics.protected_year import published_day_pattern
from levensfase.analytics.scope import subtrees
from attacks.orgs import person_cells_by_person, person_year_classes
from support.attacker import Attacker

K = 5
FLOWS = ("population", "inflow", "internal_mobility", "outflow_total")
DAYS = ("headcount_start", "headcount_end")
AVERAGE = "average_headcount"  # first plus last day's headcount of the subtree
HIDDEN_FLAG = {"headcount_start": "start_suppressed", "headcount_end": "end_suppressed"}


def category_parts(org, *, start: date, end: date) -> dict[str, tuple]:
    """Per category, the part of its "Welke categorieën?" page for start..end, every subtree."""
    scopes = [None, *org.units["unit_id"].to_list()]
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
                                            _published(org, start=start, end=end, first=m == DAYS[0]).shown(
                                                scope, "total", None)) else None
        out[by] = (dict(adds), shown, truth, small)
    return out


def _published(org, *, start: date, end: date, first: bool):
    """The period's first or last day as its pages publish it (the running year up to `end`)."""
    return (published_day_pattern(org, day=start, k=K, end=min(date(start.year, 12, 31), end)) if first
            else published_day_pattern(org, day=end, k=K, end=end))


def day_part(org, *, day: date, end: date | None = None) -> tuple:
    """The day's pages as every page shows them (`published_day_pattern`): headcount, pyramid and
    headcount per category, for the scope and every subtree. The people behind each number are the
    engine's cells; `end`: the pages' last day of the day's year (the running year's as-of day; default
    31 December). Their counts are checked against the unsuppressed pattern (k = 1) and, for the
    totals, age band, sex, generation, pyramid and life phase, against each person's own values."""
    cells = day_cells(org, day=day)
    published = published_day_pattern(org, day=day, k=K, end=end)
    real = day_pattern(org, day=day, k=1)
    assert not real.hidden
    _check_members(org, day, {c.key: c.members for c in cells})
    adds: dict[str, dict[tuple, int]] = defaultdict(dict)
    shown, truth, small = {}, {}, set()
    for cell in cells:
        key = ("page", day, *cell.key)
        for person in cell.members:
            adds[person][key] = 1
        truth[key] = len(cell.members)
        assert real.counts[cell.key] == truth[key]
        shown[key] = published.count(*cell.key)
        if 0 < truth[key] < K:
            small.add(key)
    return dict(adds), shown, truth, small


def _check_members(org, day: date, members: dict) -> None:
    values = person_cells_by_person(org, day)  # person → (age band, sex, generation, phases)
    present = covering(org.assignments, day)
    units_of: dict[str, set] = defaultdict(set)
    for person, unit in present.select("person_id", "unit_id").iter_rows():
        units_of[person].add(unit)
    for scope, inside in [(None, None), *subtrees(org).items()]:
        people = [p for p, units in units_of.items() if inside is None or units & inside]
        if not people:
            continue
        expected: dict[tuple, int] = defaultdict(int)
        for p in people:
            band, sex, generation, phases = values[p]
            for key in (("total", None), ("age_band", band), ("sex", sex), ("generation", generation),
                        ("pyramid", (band, sex)), *(("life_phase", ph) for ph in phases)):
                expected[(scope, *key)] += 1
        for key, n in expected.items():
            assert len(members[key]) == n, f"model of {key} on {day} is wrong: {len(members[key])} vs {n}"


def together(parts) -> tuple[int, list]:
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
            attacker.publish_weighted(rows[key], value)
    hidden = [key for key in small if shown[key] is None and truth[key]]
    found = []
    for key in hidden:
        derived = attacker.derive_weighted(rows[key])
        if derived is not None:
            found.append((key, derived, truth[key]))
    assert all(derived == real for _key, derived, real in found), "an equation disagrees with the truth"
    return len(hidden), found
