"""Issue 16's parent-minus-children attack on the flows: every unit and its children requested.

The "Welke categorieën?" page per sex is requested for every unit subtree (the unit filter) and
every single year, at k = 5: the headcounts of the first and last day, instroom, doorstroom and
uitstroom per group, and the subtree's totals (its average rates and headcounts give them away).
Each number is a sum over person-years — what one person adds to it in that year (a move between
two children is doorstroom in the parent, uitstroom and instroom in the children) — so the
attacker's unknowns are the classes of person-years that add the same to every number, and every
relation between a parent, its children and the day headcounts is an exact linear equation over
them. The person-years are the k = 1 truth, taken per person from the core's own counts, and
every published number is checked against them first (a wrong model fails loudly).

The contract: no hidden number of a small group (fewer than k people) is determined. Secondary
cells — groups of k or more withheld to protect a small one — may be; the pages mark them apart.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date

import polars as pl

from attacks.orgs import YEARS, person_year_classes
from levensfase.analytics.breakdown import period_counts_by
from levensfase.analytics.dashboard import category_table, unit_workforce
from support.attacker import Attacker

K = 5
MEASURES = ("headcount_start", "headcount_end", "inflow", "internal_mobility", "outflow_total")
SEP = "\x1f"


def _person_years(org) -> dict[tuple[str, int], dict[tuple, int]]:
    """(person, year) → {(unit, year, sex or 'total', measure): how much they add}, from the core's
    counts with every person made a group of their own (their sex carries their id)."""
    tagged = dataclasses.replace(org, people=org.people.with_columns(
        (pl.col("person_id") + SEP + pl.col("sex").fill_null("onbekend")).alias("sex")))
    adds: dict[tuple[str, int], dict[tuple, int]] = defaultdict(dict)
    for year in YEARS:
        for unit in [None, *org.units["unit_id"].to_list()]:
            counts = period_counts_by(unit_workforce(tagged, unit), start=date(year, 1, 1), end=date(year, 12, 31),
                                      by="sex")
            for r in counts.iter_rows(named=True):
                person, sex = r["value"].split(SEP)
                for m in MEASURES:
                    if r[m]:
                        adds[(person, year)][(unit, year, sex, m)] = r[m]
                        adds[(person, year)][(unit, year, "total", m)] = r[m]
    return adds


def _requests(org) -> tuple[dict[tuple, int | None], dict[tuple, int], set[tuple]]:
    """Every number the pages publish (None when hidden), its truth, and the small groups' keys."""
    shown, truth, small = {}, {}, set()
    for year in YEARS:
        start, end = date(year, 1, 1), date(year, 12, 31)
        for unit in [None, *org.units["unit_id"].to_list()]:
            table, average = category_table(org, start=start, end=end, by="sex", k=K, unit=unit)
            real, _ = category_table(org, start=start, end=end, by="sex", k=1, unit=unit)
            real_rows = {r["value"]: r for r in real.iter_rows(named=True)}
            for r in table.iter_rows(named=True):
                t = real_rows[r["value"]]
                for m in MEASURES:
                    side = {"headcount_start": "start_suppressed", "headcount_end": "end_suppressed"}.get(m, "suppressed")
                    key = (unit, year, r["value"], m)
                    shown[key], truth[key] = None if r[side] else r[m], t[m]
                    people = t[m] if m.startswith("headcount") else t["population"]
                    if 0 < people < K:
                        small.add(key)
            if average is not None:
                for m in MEASURES:
                    key = (unit, year, "total", m)
                    shown[key] = truth[key] = sum(r[m] for r in real_rows.values())
    return shown, truth, small


def test_parent_minus_children_reveals_no_small_flow_or_headcount(org):
    adds = _person_years(org)
    rows, sizes = person_year_classes(adds)
    shown, truth, small = _requests(org)
    attacker = Attacker()
    for key, value in shown.items():
        modelled = sum(sizes[i] * c for i, c in rows.get(key, {}).items())
        assert modelled == truth[key], f"model of {key} is wrong: {modelled} vs {truth[key]}"
        if value is not None:
            assert value == truth[key]
            if value:
                attacker.publish_weighted(rows[key], value)
    recovered = []
    for key in small:
        if shown[key] is None and truth[key]:
            derived = attacker.derive_weighted(rows[key])
            if derived is not None:
                recovered.append((key, derived, truth[key]))
    hidden = sum(1 for key in small if shown[key] is None and truth[key])
    print(f"ATTACK subtrees published={sum(v is not None for v in shown.values())} small hidden={hidden} "
          f"recovered={len(recovered)}")
    assert hidden, "the organisations are small enough that something is hidden"
    assert all(small_key not in shown or shown[small_key] is None for small_key in small if truth[small_key])
    assert recovered == []
