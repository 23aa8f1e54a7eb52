"""The independent attacker itself: what it derives is what exact algebra derives by hand, and it
derives nothing the published numbers leave open (else every "recovered 0" would be hollow)."""

from __future__ import annotations

from fractions import Fraction

from support.attacker import Attacker


def test_differencing_two_published_sums_gives_the_hidden_cell():
    attacker = Attacker()
    attacker.publish(["a", "b", "c"], 12)  # a team of three cells
    attacker.publish(["b", "c"], 9)  # the same team a day later, without a
    assert attacker.derive(["a"]) == 3
    assert attacker.derive(["b"]) is None and attacker.derive(["b", "c"]) == 9


def test_weighted_equations_are_exact():
    """Class sizes as weights: 2a + b = 7 and b = 3 give a = 2; 2a + 3c is then open."""
    attacker = Attacker()
    attacker.publish_weighted({"a": 2, "b": 1}, 7)
    attacker.publish_weighted({"b": 1}, 3)
    assert attacker.derive_weighted({"a": 1}) == Fraction(2)
    assert attacker.derive_weighted({"a": 2, "c": 3}) is None
    assert attacker.published == 2


def test_a_published_zero_empties_every_cell_under_it_but_a_weighted_one_does_not():
    attacker = Attacker()
    attacker.publish(["a", "b"], 0)
    assert attacker.derive(["a"]) == 0
    weighted = Attacker()
    weighted.publish_weighted({"a": 1, "b": -1}, 0)  # a net transfer of 0: a = b, not a = b = 0
    assert weighted.derive(["a"]) is None and weighted.derive_weighted({"a": 1, "b": -1}) == 0
