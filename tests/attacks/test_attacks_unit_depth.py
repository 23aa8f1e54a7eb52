"""Issue 21: two `analyse` documents of one organisation cut at different unit depths (`--unit-depth`).

A reader holding the report with the units under the root (depth 1) and the one with the full tree
could subtract a team's row from its division's. Together with the category tables, the pyramid
and the totals of both documents, the published equations must determine 0 hidden values; the
truth is the fine cells (units held, age band, sex, generation, phases) of the data (k = 1)."""

from __future__ import annotations

from collections.abc import Hashable

import pytest

from attacks.orgs import AS_OF, recovered, unit_members
from levensfase.analytics.report import composition_section
from levensfase.analytics.unit_depth import at_depth, depths, tree_depth

K = 5
AXES = {"age_band": 1, "sex": 2, "generation": 3}


def _equations(section: dict, cells, shown_as: dict[str, str]) -> tuple[list, list]:
    """(published, hidden) of one document's composition on the as-of day."""
    published, hidden = [], []

    def add(key: Hashable, members: list, value: int | None) -> None:
        truth = sum(cells[m] for m in members)
        if value is None:
            if truth:
                hidden.append((key, members, truth))
            return
        assert value == truth, f"model of {key} is wrong: published {value}, fine cells give {truth}"
        published.append((members, value))

    for r in section["by_category"]["unit"]:
        members = [c for c in cells if r["value"] in {shown_as.get(u, u) for u in c[0]}]
        add(("unit", r["value"]), members, r["headcount"])
    for by, i in AXES.items():
        for r in section["by_category"][by]:
            add((by, r["value"]), [c for c in cells if c[i] == r["value"]], r["headcount"])
    for r in section["age_pyramid"]:
        add(("pyramid", r["age_band"], r["sex"]), [c for c in cells if (c[1], c[2]) == (r["age_band"], r["sex"])],
            r["headcount"])
    add("total", list(cells), section["total"]["headcount"])
    return published, hidden


def test_two_unit_depths_together_recover_no_hidden_cell(org):
    assert tree_depth(org) >= 2, "the attack needs a tree of at least two levels below the root"
    cells, _ = unit_members(org, AS_OF)
    paths = depths(org.units)
    published, hidden = [], []
    for depth in (1, None):
        cut = at_depth(org, depth)
        shown_as = {} if depth is None else {u: p[min(depth, len(p) - 1)] for u, p in paths.items()}
        section = composition_section(cut, as_of=AS_OF, k=K)
        more_published, more_hidden = _equations(section, cells, shown_as)
        published += more_published
        hidden += more_hidden
    assert hidden, "the organisations are small enough that something is hidden"
    assert recovered(published, hidden) == []


@pytest.mark.parametrize("depth", [0, 1])
def test_a_cut_report_counts_deeper_units_in_their_ancestor(org, depth):
    """The unit table at a depth adds up to the full tree's, unit by ancestor (k = 1: nothing hidden)."""
    full = {r["value"]: r["headcount"] for r in composition_section(org, as_of=AS_OF, k=1)["by_category"]["unit"]}
    cut = {r["value"]: r["headcount"] for r in
           composition_section(at_depth(org, depth), as_of=AS_OF, k=1)["by_category"]["unit"]}
    paths = depths(org.units)
    assert all(len(paths[u]) - 1 <= depth for u in cut)
    # without people in two units at once the rows would add up exactly; with them a row counts
    # a person once, so the cut row is at most the sum of its units' rows and at least the largest
    for unit, count in cut.items():
        inside = [n for u, n in full.items() if paths[u][min(depth, len(paths[u]) - 1)] == unit]
        assert max(inside) <= count <= sum(inside)
    assert sum(cut.values()) >= composition_section(org, as_of=AS_OF, k=1)["total"]["headcount"]
