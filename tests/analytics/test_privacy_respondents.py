"""The round-level survey rule (privacy.respondents) on hand-made groups: no published group
differs from another by 1..k-1 respondents, no small group follows from the published ones, and no
band distribution tells anyone's band. Expected patterns worked out by hand (k = 5)."""

from __future__ import annotations

import random

from levensfase.analytics.privacy.respondents import (
    FEW_RESPONDENTS, ONE_BAND, SMALL_DIFFERENCE, bands_withheld, respondent_groups_withheld,
)


def people(prefix: str, n: int) -> set[str]:
    return {f"{prefix}{i}" for i in range(n)}


def test_team_and_sub_unit_one_apart_hide_the_smaller():
    team, sub = people("a", 7), people("a", 6)  # the sub-unit is the team minus one person
    assert respondent_groups_withheld({"team": team, "sub": sub}, k=5) == {"sub": SMALL_DIFFERENCE}


def test_differences_of_k_or_more_are_all_published():
    a, b = people("a", 5), people("b", 5)
    assert respondent_groups_withheld({"team": a | b, "A": a, "B": b}, k=5) == {}


def test_a_small_child_takes_its_cheapest_sibling_with_it():
    a, b = people("a", 6), people("b", 4)
    # B is small; team − A would give it back, so A (6 < 10 respondents) goes too
    assert respondent_groups_withheld({"team": a | b, "A": a, "B": b}, k=5) == {
        "B": FEW_RESPONDENTS, "A": SMALL_DIFFERENCE}


def test_a_person_in_a_class_of_their_own_across_two_groupings():
    women, man = people("w", 11), {"m0"}
    groups = {("all", "all"): women | man, ("sex", "f"): women, ("sex", "m"): man}
    assert respondent_groups_withheld(groups, k=5) == {("sex", "m"): FEW_RESPONDENTS, ("sex", "f"): SMALL_DIFFERENCE}


def test_nested_scopes_three_levels():
    """Organisation 20, unit 12, its team 9: org − unit = 8 and unit − team = 3 → the team goes
    (fewest respondents of the pair); org − team = 11 would be fine alone."""
    org, unit, team = people("p", 20), people("p", 12), people("p", 9)
    assert respondent_groups_withheld({"org": org, "unit": unit, "team": team}, k=5) == {"team": SMALL_DIFFERENCE}


def test_same_groups_in_any_order_give_the_same_pattern():
    rng = random.Random(3)
    everyone = sorted(people("p", 40))
    groups = {f"g{i}": frozenset(rng.sample(everyone, rng.randint(3, 30))) for i in range(12)}
    first = respondent_groups_withheld(groups, k=5)
    shuffled = dict(rng.sample(list(groups.items()), len(groups)))
    assert respondent_groups_withheld(shuffled, k=5) == first
    shown = [g for g in groups if g not in first]
    for a in shown:  # the pairwise rule, checked directly
        for b in shown:
            assert not (groups[b] < groups[a] and 0 < len(groups[a] - groups[b]) < 5), (a, b)


def test_empty_groups_are_never_withheld():
    assert respondent_groups_withheld({"a": people("a", 6), "none": set()}, k=5) == {}


def test_one_band_group_shows_no_distribution_and_its_sibling_goes_too():
    good, mixed = people("g", 6), people("m", 6)
    band_of = {p: "good" for p in good} | {p: ("poor" if i % 2 else "good") for i, p in enumerate(sorted(mixed))}
    groups = {"team": good | mixed, "A": good, "B": mixed}
    assert bands_withheld(groups, band_of, k=5, already={}) == {"A": ONE_BAND, "B": SMALL_DIFFERENCE}


def test_a_one_band_difference_of_two_published_distributions():
    """Team 12 (mixed), sub-unit 7 (mixed); the 5 others are all 'good': the sub-unit's
    distribution would give theirs, so it is withheld."""
    sub = people("s", 7)
    rest = people("r", 5)
    band_of = {p: ("poor" if i < 3 else "good") for i, p in enumerate(sorted(sub))} | {p: "good" for p in rest}
    assert bands_withheld({"team": sub | rest, "sub": sub}, band_of, k=5, already={}) == {"sub": SMALL_DIFFERENCE}


def test_withheld_values_keep_their_reason_and_mixed_groups_keep_their_distribution():
    a, b = people("a", 5), people("b", 5)
    band_of = {p: ("poor" if i % 2 else "good") for i, p in enumerate(sorted(a | b))}
    groups = {"team": a | b, "A": a, "B": b}
    assert bands_withheld(groups, band_of, k=5, already={}) == {}
    assert bands_withheld(groups, band_of, k=5, already={"A": FEW_RESPONDENTS}) == {
        "A": FEW_RESPONDENTS, "B": SMALL_DIFFERENCE}


def _random_round(rng: random.Random) -> dict[str, frozenset]:
    """Three partitions of 20–40 respondents (like categories) and a random unit tree of subtrees."""
    everyone = [f"p{i}" for i in range(rng.randint(20, 40))]
    groups: dict[str, frozenset] = {"all": frozenset(everyone)}
    for axis in range(3):
        for person in everyone:
            key = f"axis{axis}:{rng.randint(0, 3)}"
            groups[key] = groups.get(key, frozenset()) | {person}
    units = {p: rng.randint(0, 5) for p in everyone}  # leaves 0..5; parents: {0,1,2} and {3,4,5}
    for name, leaves in {"u0": {0}, "u1": {1}, "u2": {2}, "u3": {3}, "u4": {4}, "u5": {5},
                         "top_a": {0, 1, 2}, "top_b": {3, 4, 5}}.items():
        members = frozenset(p for p in everyone if units[p] in leaves)
        if members:
            groups[f"team:{name}"] = members
    return groups


def test_random_rounds_against_an_independent_attacker():
    """40 random rounds at k = 3 and 5: the exact-fraction attacker of tests/support (not the
    engine's modular arithmetic) recovers no respondent and no withheld group, and no published
    group lies inside another with 1..k-1 respondents more."""
    from support.attacker import Attacker

    rng = random.Random(16)
    for _ in range(40):
        groups = _random_round(rng)
        k = rng.choice((3, 5))
        hidden = respondent_groups_withheld(groups, k=k)
        attacker = Attacker()
        shown = [g for g in groups if g not in hidden]
        for g in shown:
            attacker.publish(groups[g], len(groups[g]))
        people = sorted(groups["all"])
        assert all(attacker.derive([p]) is None for p in people)
        assert all(attacker.derive(groups[g]) is None for g in hidden)
        for a in shown:
            for b in shown:
                assert not (groups[b] < groups[a] and len(groups[a] - groups[b]) < k), (a, b, k)
