"""`round_withheld` (both audits of a round on one class table built in Polars) decides exactly what the
set-based audits decide: `respondent_groups_withheld`, then `bands_withheld` with those as `already`."""

from __future__ import annotations

import random

import polars as pl
import pytest

from levensfase.analytics.privacy.respondents import _classes, bands_withheld, respondent_groups_withheld
from levensfase.analytics.privacy.round_audit import round_withheld


def _round(seed: int) -> tuple[dict, dict]:
    """Random groups of a round: an organisation, nested teams, categories cutting across them,
    some tiny groups and duplicates; bands from three values and None."""
    rng = random.Random(seed)
    people = list(range(rng.randint(5, 120)))
    band_of = {p: rng.choice(["laag", "midden", "hoog", None]) for p in people}
    if rng.random() < 0.5:  # nearly everyone in one band: one-band groups are common
        band_of = {p: rng.choices(["laag", "hoog"], weights=[0.9, 0.1])[0] for p in people}
    groups = {("all", "all"): frozenset(people)}
    for category in ("sex", "age_band"):
        values = rng.randint(1, 4)
        for p in people:
            groups.setdefault((category, f"v{p % values}"), set()).add(p)
    teams = [frozenset(people)]
    for t in range(rng.randint(1, 12)):
        parent = rng.choice(teams)
        child = frozenset(p for p in parent if rng.random() < rng.choice([0.3, 0.8, 0.95]))
        teams.append(child)
        groups[("team", f"t{t}")] = child
    if rng.random() < 0.5:
        groups[("team", "same")] = teams[-1]  # a duplicate of another group's people
    groups = {key: frozenset(v) for key, v in groups.items() if v}
    return groups, band_of


def _frames(groups: dict, band_of: dict) -> tuple[pl.DataFrame, pl.DataFrame]:
    rows = [(by, group, p) for (by, group), people in groups.items() for p in people]
    members = pl.DataFrame(rows, schema={"by": pl.String, "group": pl.String, "_person": pl.Int64}, orient="row")
    bands = pl.DataFrame({"_person": list(band_of), "band": list(band_of.values())},
                         schema={"_person": pl.Int64, "band": pl.String})
    return members.sample(fraction=1.0, shuffle=True, seed=1), bands


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("k", [2, 5])
def test_decisions_equal_the_set_based_audits(seed, k):
    groups, band_of = _round(seed)
    values = respondent_groups_withheld(groups, k=k)
    expected = (values, bands_withheld(groups, band_of, k=k, already=values))
    assert round_withheld(*_frames(groups, band_of), k=k) == expected


def test_the_rounds_above_decide_something():
    decided = [round_withheld(*_frames(*_round(seed)), k=5) for seed in range(60)]
    assert sum(bool(values) for values, _ in decided) > 20
    assert sum(bool(set(bands) - set(values)) for values, bands in decided) > 5  # band-only decisions too
    assert any(len(_classes(_round(seed)[0])[1]) > 10 for seed in range(60))


def test_an_empty_round_withholds_nothing():
    members = pl.DataFrame(schema={"by": pl.String, "group": pl.String, "_person": pl.Int64})
    assert round_withheld(members, pl.DataFrame(schema={"_person": pl.Int64, "band": pl.String}), k=5) == ({}, {})


@pytest.mark.parametrize("k", [2, 5])
def test_a_group_without_a_value_is_a_group_too(k):
    """Respondents whose age band is unknown form the group (age_band, None); a join that drops
    null keys lost it (KeyError on the test workforce of `test_privacy_attribute`)."""
    people = frozenset(range(6))
    for unknown in (people, frozenset(range(3))):
        groups = {("all", "all"): people, ("age_band", None): unknown}
        if unknown != people:
            groups[("age_band", "45-49")] = people - unknown
        band_of = dict.fromkeys(people, "midden")
        values = respondent_groups_withheld(groups, k=k)
        assert round_withheld(*_frames(groups, band_of), k=k) == (values, bands_withheld(groups, band_of, k=k,
                                                                                          already=values))
