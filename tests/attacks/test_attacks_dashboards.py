"""Issue 16's differencing attacks on the dashboards, automated with an exact linear attacker.

Each attack collects every number a set of dashboard requests publishes at k = 5 as equations
over fine cells, checks those equations against the k = 1 truth, and counts the hidden values the
equations determine. The contract: 0 recovered, on a generated small organisation and a few random
small ones (each run takes seconds; the org sizes and the years keep it so).
"""

from __future__ import annotations

from datetime import date

import pytest

from attacks.orgs import DAY, YEARS, phases_on, recovered, unit_members
from support.attack_scenarios import FLOW_MEASURES, Periods, Snapshot, person_cells
from levensfase.analytics.dashboard import category_table, composition_tables

K = 5


def test_margins_pyramid_mix_and_category_pages_reveal_nothing(org):
    """Pyramid, generation and life-phase mix on one day, and the headcounts at the end of the
    period on the "Welke categorieën?" page for every category, as one set of equations."""
    snap = Snapshot(person_cells(org, DAY, phases_on(org, DAY)))
    tables = composition_tables(org, day=DAY, k=K)
    for r in tables.pyramid.iter_rows(named=True):
        snap.add(("pyramid", r["age_band"], r["sex"]), snap.members(age_band=r["age_band"], sex=r["sex"]),
                 None if r["suppressed"] else r["headcount"])
    for by in ("generation", "life_phase"):
        for r in tables.mix[by].iter_rows(named=True):
            snap.add(("mix", by, r["value"]), snap.members(**{by: r["value"]}), None if r["suppressed"] else r["headcount"])
    if tables.headcount is not None:
        snap.add("total", list(snap.cells), tables.headcount)
    for by in ("age_band", "sex", "generation", "life_phase"):
        table, _average = category_table(org, start=date(DAY.year, 1, 1), end=DAY, by=by, k=K)
        for r in table.iter_rows(named=True):
            snap.add(("categories", by, r["value"]), snap.members(**{by: r["value"]}),
                     None if r["end_suppressed"] else r["headcount_end"])
    assert recovered(snap.published, snap.hidden) == []


@pytest.mark.parametrize("by", ["sex", "age_band", "generation", "unit"])
def test_overlapping_whole_year_periods_reveal_no_flow_count(org, by):
    """The categories page for every whole-year period inside the history: 2024–2025 minus 2025..."""
    def truth(first: int, last: int) -> dict:
        table, _ = category_table(org, start=date(first, 1, 1), end=date(last, 12, 31), by=by, k=1)
        return {(m, r["value"]): r[m] for r in table.iter_rows(named=True) for m in FLOW_MEASURES}

    periods = Periods(truth, YEARS)
    for first in YEARS:
        for last in range(first, YEARS.stop):
            table, _ = category_table(org, start=date(first, 1, 1), end=date(last, 12, 31), by=by, k=K)
            for r in table.iter_rows(named=True):
                for m in FLOW_MEASURES:
                    periods.add(first, last, m, r["value"], None if r["suppressed"] else r[m])
    assert recovered(periods.published, periods.hidden) == []


def test_parent_minus_children_in_the_unit_tree_reveals_nothing(org):
    """The composition page for every unit of the tree (headcount and pyramid per subtree).

    With the chain of year audits from 2022, the year 2025's audit hid a subtree's headcount on 31
    December as a companion that the subtrees' composition pages of that day determine (U010, 17
    people, on the 60-person organisation; U008, 19, on the 90-person one): this attack recovered
    it. A companion the published numbers determine is now shown (`privacy.shown_again`)."""
    cells, subtree_members = unit_members(org, DAY)
    snap = Snapshot(cells)
    for unit, inside in subtree_members.items():
        tables = composition_tables(org, day=DAY, k=K, unit=unit)
        if tables.headcount is not None:
            snap.add(("headcount", unit), inside(), tables.headcount)
        else:
            snap.add(("headcount", unit), inside(), None)
        for r in tables.pyramid.iter_rows(named=True):
            members = inside(age_band=r["age_band"], sex=r["sex"])
            snap.add(("pyramid", unit, r["age_band"], r["sex"]), members, None if r["suppressed"] else r["headcount"])
    assert recovered(snap.published, snap.hidden) == []

