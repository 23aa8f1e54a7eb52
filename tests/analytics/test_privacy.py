"""Small-cell suppression: hand-worked examples, bad input, and property tests that check with an
independent linear-algebra test that no withheld value can be recovered from what is published."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levensfase.analytics.privacy import display, suppress


def flat(pops: list[int], **extra: list) -> pl.DataFrame:
    return pl.DataFrame({"group": [f"g{i}" for i in range(len(pops))], "population": pops, **extra})


def reasons(result) -> list:
    return result.table["suppression_reason"].to_list()


# ---------------------------------------------------------------- hand-worked examples


def test_three_ten_twelve_with_total() -> None:
    t = flat([3, 10, 12], leavers=[1, 2, 4], rate=[1 / 3, 0.2, 1 / 3])
    r = suppress(t, k=5, values=["leavers", "rate"])
    assert reasons(r) == ["small_group", "complementary", None]
    assert r.table["suppressed"].to_list() == [True, True, False]
    assert r.table["population"].to_list() == [None, None, 12]
    assert r.table["leavers"].to_list() == [None, None, 4]
    assert r.table["rate"].to_list() == [None, None, pytest.approx(1 / 3)]
    assert r.table["group"].to_list() == ["g0", "g1", "g2"]  # labels stay
    assert r.total_withheld is False and r.k == 5


def test_three_ten_twelve_without_total_only_primary() -> None:
    r = suppress(flat([3, 10, 12], leavers=[1, 2, 4]), values=["leavers"], has_total=False)
    assert reasons(r) == ["small_group", None, None]
    assert r.table["leavers"].to_list() == [None, 2, 4]


def test_two_small_groups_protect_each_other() -> None:
    r = suppress(flat([3, 4, 12]), values=[])
    assert reasons(r) == ["small_group", "small_group", None]


def test_next_smallest_sibling_is_chosen() -> None:
    r = suppress(flat([20, 2, 9, 7]), values=[])
    assert reasons(r) == [None, "small_group", None, "complementary"]


def test_single_small_row_withholds_the_total() -> None:
    r = suppress(flat([3]), values=[])
    assert r.total_withheld is True
    assert reasons(r) == ["small_group"]


def test_zero_population_rows_are_shown_and_never_complementary() -> None:
    r = suppress(flat([3, 0, 10]), values=[])
    assert reasons(r) == ["small_group", None, "complementary"]
    assert r.table["population"].to_list() == [None, 0, None]
    only_empty = suppress(flat([3, 0]), values=[])
    assert reasons(only_empty) == ["small_group", None]
    assert only_empty.total_withheld is True


def test_exactly_k_is_published() -> None:
    r = suppress(flat([5, 6]), k=5, values=[])
    assert reasons(r) == [None, None]
    assert suppress(flat([5, 6]), k=6, values=[]).table["suppressed"].to_list() == [True, True]


def test_survey_team_with_four_respondents_is_suppressed() -> None:
    t = flat([8], respondents=[4], score=[3.9])
    r = suppress(t, values=["score"], respondents="respondents", has_total=False)
    assert reasons(r) == ["few_respondents"]
    assert r.table.select("population", "respondents", "score").row(0) == (None, None, None)


def test_survey_with_total_gets_a_complement() -> None:
    t = flat([8, 12, 20], respondents=[4, 9, None], score=[3.9, 4.2, 4.0])
    r = suppress(t, values=["score"], respondents="respondents")
    # null respondents counts as 0 respondents: two hidden rows already protect each other
    assert reasons(r) == ["few_respondents", None, "few_respondents"]
    t2 = flat([8, 12, 20], respondents=[4, 9, 15], score=[3.9, 4.2, 4.0])
    r2 = suppress(t2, values=["score"], respondents="respondents")
    assert reasons(r2) == ["few_respondents", "complementary", None]
    assert r2.table["score"].to_list() == [None, None, 4.0]


def unit_tree(pops: dict[str, int], parents: dict[str, str | None]) -> pl.DataFrame:
    return pl.DataFrame({"unit": list(pops), "parent": [parents[u] for u in pops], "population": list(pops.values())})


def test_unit_tree_sibling_complement() -> None:
    # O(30) -> A(12) -> A1(3), A2(9);  O -> B(18) -> B1(10), B2(8)
    t = unit_tree(
        {"O": 30, "A": 12, "A1": 3, "A2": 9, "B": 18, "B1": 10, "B2": 8},
        {"O": None, "A": "O", "A1": "A", "A2": "A", "B": "O", "B1": "B", "B2": "B"},
    )
    r = suppress(t, values=[], parent="parent", group="unit", has_total=False)
    assert reasons(r) == [None, None, "small_group", "complementary", None, None, None]


def test_unit_tree_small_parent_cascades_upwards() -> None:
    # A(4) has a single child A1(4): both small; then A is the only hidden sibling under O: B goes too.
    t = unit_tree({"O": 20, "A": 4, "A1": 4, "B": 16}, {"O": None, "A": "O", "A1": "A", "B": "O"})
    r = suppress(t, values=[], parent="parent", group="unit", has_total=False)
    assert reasons(r) == [None, "small_group", "small_group", "complementary"]


def test_unit_tree_withheld_parent_cascades_up_and_down() -> None:
    # A1(3) has only an empty sibling, so its parent A is withheld; A is then alone hidden under O,
    # so B is hidden; B would then be recoverable from its only child B1, so B1 is hidden too.
    t = unit_tree(
        {"O": 13, "A": 8, "A1": 3, "A2": 0, "B": 5, "B1": 5},
        {"O": None, "A": "O", "A1": "A", "A2": "A", "B": "O", "B1": "B"},
    )
    r = suppress(t, values=[], parent="parent", group="unit", has_total=False)
    assert reasons(r) == [None, "complementary", "small_group", None, "complementary", "complementary"]


def test_parent_outside_the_table_is_withheld() -> None:
    t = unit_tree({"A1": 3, "A2": 0}, {"A1": "A", "A2": "A"})
    r = suppress(t, values=[], parent="parent", group="unit", has_total=True)
    assert r.withheld_parents == ("A",)
    assert r.total_withheld is False


def test_input_is_not_changed() -> None:
    t = flat([3, 10, 12], leavers=[1, 2, 4])
    before = t.clone()
    suppress(t, values=["leavers"])
    assert t.equals(before)
    assert "suppressed" not in t.columns


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"values": ["nope"]}, ValueError, "not in the table: nope"),
        ({"values": [], "population": "size"}, ValueError, "not in the table: size"),
        ({"values": [], "k": 0}, ValueError, "k must be"),
        ({"values": [], "k": 2.5}, ValueError, "k must be"),
        ({"values": "leavers"}, TypeError, "list of column names"),
        ({"values": ["group"], "parent": "group", "group": "group"}, ValueError, "cannot be value"),
    ],
)
def test_bad_arguments(kwargs: dict, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        suppress(flat([3, 10], leavers=[1, 2]), **kwargs)


def test_bad_counts() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress(flat([3, -1]), values=[])
    with pytest.raises(ValueError, match="empty value"):
        suppress(pl.DataFrame({"population": [3, None]}), values=[])
    with pytest.raises(ValueError, match="whole counts"):
        suppress(pl.DataFrame({"population": [3.0, 4.0]}), values=[])
    with pytest.raises(TypeError, match="Polars DataFrame"):
        suppress({"population": [3]}, values=[])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="suppressed twice"):
        suppress(suppress(flat([3, 10]), values=[]).table.with_columns(pl.lit(1).alias("population")), values=[])
    dup = unit_tree({"A": 3, "B": 4}, {"A": None, "B": None}).with_columns(pl.lit("A").alias("unit"))
    with pytest.raises(ValueError, match="name every row once"):
        suppress(dup, values=[], parent="parent", group="unit")


def test_display() -> None:
    assert display(None, suppressed=True, k=5) == "< 5"
    assert display(12, suppressed=True, k=10) == "< 10"
    assert display(12, suppressed=False, k=5) == "12"
    assert display(0.256, suppressed=False, k=5) == "0.3"
    assert display(0.256, suppressed=False, k=5, digits=2) == "0.26"
    assert display(None, suppressed=False, k=5) == "–"


# ---------------------------------------------------------------- properties


def recoverable(n_cells: int, relations: list[list[tuple[int, int]]], hidden: set[int]) -> set[int]:
    """Hidden cells fixed by the linear relations (Σ coef·cell = 0) given all other cells:
    e_i lies in the row space of the relation matrix restricted to hidden cells."""
    cols = sorted(hidden)
    if not cols or not relations:
        return set()
    a = np.zeros((len(relations), len(cols)))
    pos = {c: j for j, c in enumerate(cols)}
    for r, rel in enumerate(relations):
        for cell, coef in rel:
            if cell in pos:
                a[r, pos[cell]] += coef
    base = np.linalg.matrix_rank(a)
    found = set()
    for c in cols:
        e = np.zeros((1, len(cols)))
        e[0, pos[c]] = 1
        if np.linalg.matrix_rank(np.vstack([a, e])) == base:
            found.add(c)
    return found


def check_published_rows(r, pops: list[int], k: int, resp: list[int] | None = None) -> None:
    out = r.table
    for i, p in enumerate(pops):
        small = 0 < p < k or (resp is not None and p > 0 and resp[i] < k)
        if small:
            assert out["suppressed"][i] and out["suppression_reason"][i] in ("small_group", "few_respondents")
        if out["suppressed"][i]:
            assert out["population"][i] is None and out["value"][i] is None
        else:
            assert p == 0 or p >= k
            assert out["population"][i] == p


@settings(max_examples=150, deadline=None)
@given(
    pops=st.lists(st.integers(0, 15), min_size=1, max_size=8),
    k=st.integers(1, 8),
    has_total=st.booleans(),
)
def test_flat_tables_hide_small_groups_and_cannot_be_subtracted(pops: list[int], k: int, has_total: bool) -> None:
    t = flat(pops, value=[2 * p for p in pops])
    r = suppress(t, k=k, values=["value"], has_total=has_total)
    check_published_rows(r, pops, k)
    hidden = {i for i, s in enumerate(r.table["suppressed"]) if s}
    if has_total:
        n_hidden = len(hidden)
        assert n_hidden != 1 or r.total_withheld
        total = len(pops)
        relations = [[(i, 1) for i in range(len(pops))] + [(total, -1)]]
        assert not recoverable(total + 1, relations, hidden | ({total} if r.total_withheld else set()))
    else:
        assert not r.total_withheld
        assert hidden == {i for i, p in enumerate(pops) if 0 < p < k}


@settings(max_examples=100, deadline=None)
@given(
    data=st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15)), min_size=1, max_size=8),
    k=st.integers(1, 8),
)
def test_survey_tables_need_k_respondents(data: list[tuple[int, int]], k: int) -> None:
    pops = [p for p, _ in data]
    resp = [min(p, q) for p, q in data]
    r = suppress(flat(pops, respondents=resp, value=[1.0] * len(pops)), k=k, values=["value"], respondents="respondents")
    check_published_rows(r, pops, k, resp)
    for i, s in enumerate(r.table["suppressed"]):
        if not s and pops[i] > 0:
            assert r.table["respondents"][i] >= k
    hidden = {i for i, s in enumerate(r.table["suppressed"]) if s}
    assert len(hidden) != 1 or r.total_withheld


@st.composite
def two_level_trees(draw):
    """Root R -> 1..4 units -> 0..4 teams each; leaf populations drawn, parents are roll-up sums."""
    names, parents, pops = [], [], []
    unit_sums = []
    for u in range(draw(st.integers(1, 4))):
        teams = draw(st.lists(st.integers(0, 12), min_size=0, max_size=4))
        unit_pop = sum(teams) if teams else draw(st.integers(0, 12))
        names.append(f"U{u}"), parents.append("R"), pops.append(unit_pop)
        unit_sums.append(unit_pop)
        for j, p in enumerate(teams):
            names.append(f"U{u}T{j}"), parents.append(f"U{u}"), pops.append(p)
    include_root = draw(st.booleans())
    if include_root:
        names.insert(0, "R"), parents.insert(0, None), pops.insert(0, sum(unit_sums))
    return names, parents, pops, include_root


@settings(max_examples=150, deadline=None)
@given(tree=two_level_trees(), k=st.integers(2, 8), has_total=st.booleans())
def test_two_level_tree_cannot_be_subtracted(tree, k: int, has_total: bool) -> None:
    names, parents, pops, include_root = tree
    t = pl.DataFrame({"unit": names, "parent": parents, "population": pops, "value": pops})
    r = suppress(t, k=k, values=["value"], parent="parent", group="unit", has_total=has_total)
    check_published_rows(r, pops, k)
    hidden = {i for i, s in enumerate(r.table["suppressed"]) if s}

    # independent statement of the sum relations of this tree
    index = {name: i for i, name in enumerate(names)}
    external = len(names)  # a cell for the root total (R outside the table, or the grand total)
    relations = []
    for name in {p for p in parents if p is not None}:
        children = [(index[c], 1) for c, p in zip(names, parents) if p == name]
        if name in index:
            relations.append(children + [(index[name], -1)])
        elif has_total:
            relations.append(children + [(external, -1)])
    if include_root and has_total:
        relations.append([(index["R"], 1), (external, -1)])
    withheld = r.total_withheld or "R" in r.withheld_parents
    assert not recoverable(external + 1, relations, hidden | ({external} if withheld else set()))
    # the stated rule: each relation has 0 or >= 2 hidden members
    for rel in relations:
        members = {c for c, _ in rel}
        n_hidden = len(members & (hidden | ({external} if withheld else set())))
        assert n_hidden != 1
