"""Set-level suppression (`privacy.withheld`): hand-worked linked tables, and a property test that
checks with an independent float rank test (numpy) that no withheld primary cell is determined."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levensfase.analytics.privacy import Cell, withheld


def people(*groups: str) -> dict[str, frozenset]:
    """Cells from "label:ids" strings, e.g. "f:abc" = f counts people a, b and c."""
    out = {}
    for g in groups:
        label, ids = g.split(":")
        out[label] = frozenset(ids)
    return out


def cells(table: dict[str, frozenset]) -> list[Cell]:
    return [Cell(key=k, members=m, population=len(m), value=len(m)) for k, m in table.items()]


def test_pyramid_and_its_margins_hide_the_small_man_together():
    """Two age bands × two sexes with both margins and the total: the one man in band 1 is hidden;
    the row, the column and the total would give him away, so his three neighbours in the
    2×2 table go too (a 2×2 table with all margins published has no other safe pattern)."""
    table = people("1f:abcdef", "1m:g", "2f:hijklm", "2m:nopqrs",
                   "1:abcdefg", "2:hijklmnopqrs", "f:abcdefhijklm", "m:gnopqrs", "all:abcdefghijklmnopqrs")
    hidden = withheld(cells(table), k=5)
    assert "1m" in hidden
    assert {"1f", "2m", "2f"} <= hidden or bool({"1", "m"} & hidden)
    assert "all" not in hidden or {"1", "2"} <= hidden


def test_overlapping_periods_hide_the_year_inside_the_longer_period():
    """2024: 3 leavers (small), 2025: 9, 2024–2025: 12 — 2024–2025 minus 2025 gives 2024, so one of
    them goes too."""
    year = {2024: 3, 2025: 9}
    cs = [Cell(key=(2024, 2024), members=frozenset({2024}), population=3, value=3),
          Cell(key=(2025, 2025), members=frozenset({2025}), population=9, value=9),
          Cell(key=(2024, 2025), members=frozenset({2024, 2025}), population=12, value=sum(year.values()))]
    hidden = withheld(cs, k=5)
    assert (2024, 2024) in hidden and len(hidden & {(2025, 2025), (2024, 2025)}) == 1
    assert (2025, 2025) in hidden  # the cheaper companion (9 people, not 12)


def test_nothing_small_nothing_hidden_and_already_hidden_stays():
    table = people("a:abcde", "b:fghij", "all:abcdefghij")
    assert withheld(cells(table), k=5) == frozenset()
    assert withheld(cells(table), k=5, already=["a"]) == {"a", "b"}


def test_a_published_zero_fixes_its_people():
    """x = {a,b} is small; y = {a,b,c,d,e,f} is published and z = {c,d,e,f} publishes 0 for the
    measure: y − z gives x unless another cell goes."""
    cs = [Cell(key="x", members=frozenset("ab"), population=2, value=2),
          Cell(key="y", members=frozenset("abcdef"), population=6, value=2),
          Cell(key="z", members=frozenset("cdef"), population=6, value=0)]
    assert withheld(cs, k=5) >= {"x", "y"}


def test_bad_input():
    with pytest.raises(ValueError, match="k must be"):
        withheld([], k=0)
    with pytest.raises(ValueError, match="own key"):
        withheld([Cell(key=1, members=frozenset("a"), population=1)] * 2, k=5)


def _determined(matrix: np.ndarray, shown: list[bool], row: np.ndarray) -> bool:
    published = matrix[shown]
    if not len(published):
        return False
    base = np.linalg.matrix_rank(published)
    return np.linalg.matrix_rank(np.vstack([published, row])) == base


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=4), st.integers(min_value=2, max_value=3), st.integers(min_value=2, max_value=3),
       st.data())
def test_random_linked_tables_leave_no_withheld_cell_determined(bands: int, sexes: int, years: int, data) -> None:
    """A year × band × sex cube published as every margin and every run of years (the shape of the
    dashboards' tables): after `withheld`, no withheld cell lies in the published rows' span — also
    with only the small cells protected, when determined companions are shown again (the year's
    audit: `show_determined`)."""
    options = data.draw(st.sampled_from([{}, {"protect_secondary": False, "show_determined": True}]))
    counts = data.draw(st.lists(st.integers(min_value=0, max_value=9), min_size=bands * sexes * years,
                                max_size=bands * sexes * years))
    fine = [(y, b, s) for y in range(years) for b in range(bands) for s in range(sexes)]
    truth = dict(zip(fine, counts))
    cs = []
    for first in range(years):
        for last in range(first, years):
            span = range(first, last + 1)
            groups = {("all",): lambda f: True}
            groups |= {("b", b): (lambda f, b=b: f[1] == b) for b in range(bands)}
            groups |= {("s", s): (lambda f, s=s: f[2] == s) for s in range(sexes)}
            groups |= {("bs", b, s): (lambda f, b=b, s=s: f[1:] == (b, s)) for b in range(bands) for s in range(sexes)}
            for name, test in groups.items():
                members = frozenset(f for f in fine if f[0] in span and test(f))
                n = sum(truth[f] for f in members)
                cs.append(Cell(key=(first, last, *name), members=members, population=n, value=n))
    hidden = withheld(cs, k=5, **options)
    index = {f: i for i, f in enumerate(fine)}
    matrix = np.zeros((len(cs), len(fine)))
    for r, c in enumerate(cs):
        for f in c.members:
            matrix[r, index[f]] = 1
    shown = [c.key not in hidden for c in cs]
    zeros = [np.eye(len(fine))[index[f]] for c in cs if c.key not in hidden and c.value == 0 for f in c.members]
    full = np.vstack([matrix, *zeros]) if zeros else matrix
    mask = shown + [True] * len(zeros)
    for r, c in enumerate(cs):
        if 0 < c.population < 5:
            assert c.key in hidden
        if c.key in hidden and c.members:
            assert not _determined(full, mask, matrix[r]), f"{c.key} can be worked out"


def test_a_companion_the_published_cells_determine_is_shown_again():
    """k = 3. Unit U (8 people) = team A (3) + team B (5); person 4 of team B is the only one in
    age band x (small); E counts team A and band x (4). E − A gives x, so the greedy hides the
    cheapest of that combination, A (3); then U − B still gives A, and E − U + B gives x, so it
    hides E (4). Now x is protected (B, U alone leave it free), but A = U − B is hidden for nothing:
    shown again, it adds nothing to what U and B give, and x stays undetermined."""
    table = people("A:167", "B:02345", "x:4", "U:01234567", "E:1467")
    assert withheld(cells(table), k=3, protect_secondary=False) == {"x", "A", "E"}
    assert withheld(cells(table), k=3, protect_secondary=False, show_determined=True) == {"x", "E"}
    assert withheld(cells(table), k=3) == {"x", "A", "E", "B"}  # companions protected too: B goes with A


def test_same_pattern_whatever_the_order_of_the_cells():
    """Two web processes must hide the same cells: two different patterns together would reveal
    what each hides alone."""
    import random

    table = people("1f:abcdef", "1m:g", "2f:hijklm", "2m:nopqrs", "1:abcdefg", "2:hijklmnopqrs",
                   "f:abcdefhijklm", "m:gnopqrs", "all:abcdefghijklmnopqrs")
    first = withheld(cells(table), k=5)
    shuffled = cells(table)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert withheld(shuffled, k=5) == first


def test_the_dense_arrays_take_a_set_by_its_size_not_its_classes_alone(monkeypatch):
    """A day's hundred cells over a sector's classes fit the dense arrays (rows: the fewer of cells
    and classes), a square set of as many classes does not; both give the reference's pattern."""
    from levensfase.analytics.privacy import linked, linked_reference

    dense = []
    real = linked._withheld_dense
    monkeypatch.setattr(linked, "_withheld_dense", lambda *a, **kw: dense.append(len(a[0])) or real(*a, **kw))
    monkeypatch.setattr(linked, "_DENSE_WIDTH", 5)  # 25 entries
    # three cells, seven classes (every nonempty combination of them): 3 × 7 entries, more classes than 5
    short = people("x:1457", "y:2467", "z:3567")
    # six people alone in a cell each, and the total: 6 classes, 7 cells, 6 × 6 entries
    square = people("a:1", "b:2", "c:3", "d:4", "e:5", "f:6", "all:123456")
    for table, path in ((short, [3]), (square, [])):
        dense.clear()
        assert withheld(cells(table), k=3) == linked_reference.withheld(cells(table), k=3)
        assert dense == path
