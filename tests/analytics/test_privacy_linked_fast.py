"""The fast set audit (`privacy.linked.withheld`) hides exactly the cells the plain exact audit
(`privacy.linked_reference.withheld`, the oracle) hides, on random small linked systems.

Limited to a few hundred small systems (a few seconds): the systems are drawn to have what makes the
fast path differ from the plain one — many rounds of secondary suppression, published cells that
the others span (sums of sums), equal populations, `already` hidden and `primary` cells, and ranks that reorder the basis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levensfase.analytics.privacy import Cell, linked, linked_reference, withheld


@pytest.fixture(autouse=True, params=["dense", "sparse"])
def elimination(request, monkeypatch):
    """Each test once per elimination: the dense arrays, and the sparse rows (no set is dense)."""
    if request.param == "sparse":
        monkeypatch.setattr(linked, "_DENSE_WIDTH", 0)
    return request.param


@st.composite
def systems(draw) -> tuple[list[Cell], int, list]:
    people = draw(st.integers(min_value=1, max_value=14))
    base = draw(st.lists(st.frozensets(st.integers(min_value=0, max_value=people - 1), max_size=people),
                         min_size=1, max_size=12))
    sums = draw(st.lists(st.lists(st.integers(min_value=0, max_value=len(base) - 1), min_size=2, max_size=4),
                         max_size=8))
    groups = base + [frozenset().union(*(base[i] for i in parts)) for parts in sums]
    cells = []
    for n, members in enumerate(groups):
        primary = draw(st.booleans()) and draw(st.booleans()) and draw(st.booleans())
        additive = draw(st.booleans()) or draw(st.booleans())
        rank = draw(st.integers(min_value=0, max_value=2)) if draw(st.booleans()) else 0  # the audit's order
        cells.append(Cell(key=("c", n), members=members, population=len(members),
                          value=len(members) if additive else None, primary=primary, rank=rank))
    already = draw(st.lists(st.sampled_from([c.key for c in cells]), max_size=2))
    return cells, draw(st.integers(min_value=1, max_value=6)), already


@settings(max_examples=300, deadline=None)
@given(systems())
def test_fast_audit_hides_what_the_reference_hides(system) -> None:
    cells, k, already = system
    assert withheld(cells, k=k, already=already) == linked_reference.withheld(cells, k=k, already=already)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=4), st.integers(min_value=2, max_value=5), st.data())
def test_unit_trees_hide_what_the_reference_hides(children: int, leaves: int, data) -> None:
    """A two-level unit tree with a band table per subtree (the shape `protected_day` builds, in
    small): many rounds, and published cells that the tree's other cells span."""
    people = {(c, leaf, p) for c in range(children) for leaf in range(leaves)
              for p in range(data.draw(st.integers(min_value=0, max_value=7)))}
    band = {p: data.draw(st.integers(min_value=0, max_value=2)) for p in sorted(people)}
    scopes = {None: people} | {(c,): {p for p in people if p[0] == c} for c in range(children)}
    scopes |= {(c, leaf): {p for p in people if p[:2] == (c, leaf)} for c in range(children) for leaf in range(leaves)}
    cells = []
    for scope, inside in scopes.items():
        groups = {("total",): inside} | {("band", b): {p for p in inside if band[p] == b} for b in range(3)}
        for name, members in groups.items():
            if members:
                cells.append(Cell(key=(scope, *name), members=frozenset(members), population=len(members),
                                  value=len(members)))
    assert withheld(cells, k=5) == linked_reference.withheld(cells, k=5)


@settings(max_examples=100, deadline=None)
@given(systems())
def test_merged_fine_cells_are_numbered_as_the_reference_numbers_them(system) -> None:
    """Pivots and published zeros depend on the numbering, so the fast merge keeps it."""
    cells = sorted(system[0], key=lambda c: repr(c.key))
    assert linked._classes(cells) == linked_reference._classes(cells)


def test_a_set_with_published_zeros_takes_the_reference_path():
    cs = [Cell(key="x", members=frozenset("ab"), population=2, value=2),
          Cell(key="y", members=frozenset("abcdef"), population=6, value=2),
          Cell(key="z", members=frozenset("cdef"), population=6, value=0)]
    assert withheld(cs, k=5) == linked_reference.withheld(cs, k=5) == {"x", "y"}


@settings(max_examples=150, deadline=None)
@given(systems(), st.data())
def test_weights_rows_and_unprotected_companions_hide_what_the_reference_hides(system, data) -> None:
    """The flows audit's options (analytics.protected_flows): members counted more than once
    (`weights`), whole rows withheld together (`row`), only primary cells protected, determined
    companions shown again (`show_determined`, the year's audit)."""
    cells, k, already = system
    weighted = []
    for c in cells:
        weights = {m: data.draw(st.integers(min_value=1, max_value=3)) for m in sorted(c.members)}
        weighted.append(Cell(key=c.key, members=c.members, population=c.population, primary=c.primary,
                             value=sum(weights.values()) if c.value is not None else None, weights=weights))
    row = lambda key: key[1] // 2  # noqa: E731 — pairs of cells form a row
    options = {"k": k, "already": already, "protect_secondary": False, "row": row,
               "show_determined": data.draw(st.booleans())}
    fast = withheld(weighted, **options)
    assert fast == linked_reference.withheld(weighted, **options)
    assert all(("c", 2 * (n // 2) + i) in fast for _, n in fast for i in (0, 1) if 2 * (n // 2) + i < len(cells))


def test_a_member_counted_twice_is_not_the_same_as_once() -> None:
    """x = {a, b} counting a twice is not y = {a, b} counting each once: y minus the published
    {b} gives a, but x minus {b} gives 2a — still a's value (halved), so both are determined;
    with a third cell {a} published, hiding it must not leave x = 2a + b determined."""
    a_twice = Cell(key="x", members=frozenset("ab"), population=2, value=3, weights={"a": 2})
    b = Cell(key="b", members=frozenset("b"), population=6, value=1)
    # x is small (2 < 5): published b determines nothing about x alone (a is free)
    assert withheld([a_twice, b], k=5) == frozenset({"x"})
    a = Cell(key="a", members=frozenset("a"), population=6, value=1)
    # with a and b both published, x = 2a + b is determined: one of them must go
    hidden = withheld([a_twice, b, a], k=5)
    assert "x" in hidden and hidden & {"a", "b"}
    assert withheld([a_twice, b, a], k=5) == linked_reference.withheld([a_twice, b, a], k=5)


def test_rank_puts_the_companions_in_the_subtrees() -> None:
    """Two subtrees A, B under the whole scope, groups g and h (k = 3: both h are small). In key
    order the whole scope's groups come first in the basis, so the combination that gives A's h
    names them and they are hidden too (8 cells). Ranked after the subtrees, the subtrees' four
    groups alone are hidden: published A = 5, B = 7, g = 8, h = 4 leave one free number (A's h
    may be 0 … 4), and the whole scope's table stays whole."""
    sizes = {("A", "g"): 3, ("A", "h"): 2, ("B", "g"): 5, ("B", "h"): 2}
    people, start = {}, 0
    for group, n in sizes.items():
        people[group], start = frozenset(range(start, start + n)), start + n
    numbers = [(("unit", u, g), people[(u, g)], 1) for u in "AB" for g in "gh"]
    numbers += [(("unit", u, "t"), people[(u, "g")] | people[(u, "h")], 1) for u in "AB"]
    numbers += [(("root", None, g), people[("A", g)] | people[("B", g)], 2) for g in "gh"]
    numbers += [(("root", None, "t"), frozenset(range(start)), 2)]

    def cells(ranked: bool) -> list[Cell]:
        return [Cell(key=key, members=m, population=len(m), value=len(m), rank=rank if ranked else 0)
                for key, m, rank in numbers]

    groups = {("unit", u, g) for u in "AB" for g in "gh"}
    for ranked, expected in ((False, groups | {("unit", "A", "t"), ("unit", "B", "t"), ("root", None, "g"),
                                               ("root", None, "h")}), (True, groups)):
        assert withheld(cells(ranked), k=3) == expected
        assert linked_reference.withheld(cells(ranked), k=3) == expected
