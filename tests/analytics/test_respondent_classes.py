"""The survey round's classes grouped in Polars equal the plain Python grouping (same numbering),
for text and whole-number respondents, and other respondent types take the plain way (issue 21)."""

from __future__ import annotations

import random

import pytest

from levensfase.analytics.privacy.respondents import _classes, _classes_plain


@pytest.mark.parametrize("seed", range(12))
def test_polars_classes_equal_the_plain_ones(seed):
    rng = random.Random(seed)
    people = [f"P{i:05d}" for i in range(rng.randint(1, 200))] if seed % 2 else list(range(rng.randint(1, 200)))
    groups = {}
    for g in range(rng.randint(1, 15)):
        key = ("team", f"U{g}") if g % 3 else ("age_band", str(g))
        groups[key] = frozenset(rng.sample(people, rng.randint(1, len(people))))
    assert _classes(groups) == _classes_plain(groups)


def test_classes_by_hand_and_other_person_types():
    groups = {("all", "all"): frozenset({"a", "b", "c"}), ("team", "U1"): frozenset({"a", "b"})}
    ids, people = _classes(groups)
    # signatures: a, b → (0, 1), c → (0,): sorted, (0,) is class 0 and (0, 1) class 1
    assert people == [frozenset({"c"}), frozenset({"a", "b"})]
    assert ids == {("all", "all"): frozenset({0, 1}), ("team", "U1"): frozenset({1})}
    mixed = {("all", "all"): frozenset({("x", 1), ("y", 2)}), ("team", "U1"): frozenset({("x", 1)})}
    assert _classes(mixed) == _classes_plain(mixed)
