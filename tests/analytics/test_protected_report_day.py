"""The report's day set built in Polars (`protected_report_day`) against the plain version with
Python sets of people (`protected_day.report_pattern_plain`): the same cells, counts and hidden
cells, at the full tree and cut at each depth (issue 21). And the privacy engine's `keep=`."""

from __future__ import annotations

from datetime import date
from functools import cache

import polars as pl
import pytest

from levensfase.analytics.privacy import Cell, withheld
from levensfase.analytics import protected_report_day
from levensfase.analytics.privacy import linked_reference
from levensfase.analytics.protected_day import _CACHE, day_pattern, report_pattern_plain
from levensfase.analytics.unit_depth import at_depth, ladder, tree_depth
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce

AS_OF = date(2026, 1, 1)


@cache
def organisation(employees: int, seed: int) -> Workforce:
    return Workforce.from_tables(generate(employees=employees, years=3, seed=seed, as_of=AS_OF))


@pytest.mark.parametrize(("employees", "seed"), [(60, 1), (150, 5)])
@pytest.mark.parametrize("depth", [None, 0, 1])
@pytest.mark.parametrize("words", [0, protected_report_day._WORDS], ids=["cell-lists", "bit-sets"])
def test_polars_day_set_equals_the_plain_one(employees, seed, depth, words, monkeypatch):
    # a person's cells as sorted lists (a deep unit tree) and as bit sets must give the same classes
    monkeypatch.setattr(protected_report_day, "_WORDS", words)
    _CACHE.clear()
    org = at_depth(organisation(employees, seed), depth)
    for day in (AS_OF, date(2024, 6, 30)):
        fast = day_pattern(org, day=day, k=5, subtrees=False)
        plain = report_pattern_plain(org, day=day, k=5)
        assert fast.counts == plain.counts
        assert fast.hidden == plain.hidden
        assert fast.hidden, "small enough that something is hidden"
        assert len(fast.counts) > 64, "more cells than one word of bits"


def test_bit_classes_group_equal_cell_sets_and_refuse_a_repeated_cell():
    # cells 63 and 127 are the top bits of two words: a and b share them, c is alone in cell 0
    rows = pl.DataFrame({"person_id": ["a", "b", "a", "b", "c"], "idx": [63, 63, 127, 127, 0]})
    classes = protected_report_day._bit_classes(rows, 128)
    assert classes.select("cls", "first", "least").rows() == [(0, 0, "c"), (1, 63, "a")]
    assert classes["w0"].to_list() == [1, 1 << 63] and classes["w1"].to_list() == [0, 1 << 63]
    # a person twice in cell 5 would read as cell 6: refused, the caller groups on lists
    assert protected_report_day._bit_classes(pl.DataFrame({"person_id": ["a", "a"], "idx": [5, 5]}), 10) is None
    assert protected_report_day._bit_classes(rows, 64 * protected_report_day._WORDS + 1) is None  # too many cells
    assert protected_report_day._bit_classes(rows.clear(), 0) is None  # nobody employed: no cell


def test_ladder_and_depths_of_the_generated_tree():
    org = organisation(60, 1)
    assert tree_depth(org) == 2
    assert len(ladder(org)) == 2  # depth 1, then the full tree
    assert ladder(org)[-1] == {}  # the deepest level shows every unit as itself
    assert len(ladder(at_depth(org, 1))) == 1
    assert set(ladder(at_depth(org, 0))[0].values()) == {"U001"}  # everything shown as the root


def test_keep_is_never_picked_as_a_companion():
    # total = a + b + c with a small: without keep the cheapest published cell (b) goes with it;
    # with b kept the companion is c; with b and c kept nothing can protect a, and nothing kept is hidden
    cells = [Cell(key="a", members=frozenset({1, 2}), population=2),
             Cell(key="b", members=frozenset({3, 4, 5, 6, 7}), population=5),
             Cell(key="c", members=frozenset(range(8, 20)), population=12),
             Cell(key="total", members=frozenset(range(1, 20)), population=19)]
    for engine in (withheld, linked_reference.withheld):
        assert engine(cells, k=5) == {"a", "b"}
        assert engine(cells, k=5, keep=["b"]) == {"a", "c"}
        assert engine(cells, k=5, keep=["b", "c", "total"]) == {"a"}
