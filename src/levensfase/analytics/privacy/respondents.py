"""Suppression for every group of one survey measurement round at once (DESIGN §6, issue 16).

A round publishes a mean (and a band distribution) for many groups that share respondents: the
organisation, each category, each unit subtree a manager sees. A mean times its respondents is a
sum, so each group is one linear equation over the respondents' scores, and two published groups
whose respondents differ by 1..k-1 people give those people's scores by subtraction (the team
result minus a sub-unit's, the organisation minus a category). So the whole round is audited as
one set with `privacy.linked.withheld`:

- fine cells are *classes* of respondents (those in exactly the same published groups; no
  published sum can tell members of one class apart);
- primary: a group with 1..k-1 respondents; never published, but guarded too: every class of
  1..k-1 respondents, and every difference A − B of two groups (A minus the part it shares with
  B) with 1..k-1 respondents — the pairwise rule: no published aggregate may differ from another
  by fewer than k respondents;
- secondary suppression is the linked engine's (deterministic: the same groups in any order give
  the same pattern; the cheapest, fewest respondents, companion goes first).

Limits, stated: two groups that overlap without one containing the other publish the difference
of two sums (A − B against B − A), which gives no one's score by itself. The guards are single
classes and pairwise differences, so a sum over a union of several small classes that only a
combination of three or more groups isolates is not guarded (guarding every union is
exponential); tests/attacks checks that no single respondent's score and no withheld group follows.

Band distributions (attribute disclosure): a published group in which everyone falls in one band
would tell each member's band, and so would any group derivable from the published
distributions (a class, or a group minus a group inside it). `bands_withheld` audits the distributions
the same way, with the one-band groups as primary, and the groups whose values are withheld
already withheld (their distribution would give their respondent count back).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
import polars as pl

from levensfase.analytics.privacy.linked import Cell, withheld
from levensfase.analytics.privacy.table import FEW_RESPONDENTS, ONE_BAND

__all__ = ["FEW_RESPONDENTS", "ONE_BAND", "SMALL_DIFFERENCE", "bands_decided", "bands_withheld",
           "respondent_groups_withheld", "values_decided"]

SMALL_DIFFERENCE = "small_difference"  # withheld so that no small group follows from the others

Groups = Mapping[Hashable, frozenset]


def _classes(groups: Groups) -> tuple[dict[Hashable, frozenset[int]], list[frozenset]]:
    """Each group as the ids of its classes, and the people of each class (ids in a fixed order):
    classes numbered by their signature (the sorted indexes of the groups they are in, groups by
    repr). People as text or whole numbers are grouped in Polars (a sector's round has millions of
    memberships); anything else the plain way (`_classes_plain`, the same numbering)."""
    keys = sorted(groups, key=repr)
    members = [person for key in keys for person in groups[key]]
    try:
        person = pl.Series(members, strict=True)
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        return _classes_plain(groups)
    if not members or person.dtype not in (pl.String, pl.Int64):
        return _classes_plain(groups)
    index = pl.Series(np.repeat(np.arange(len(keys), dtype=np.int64), [len(groups[key]) for key in keys]))
    signatures = (pl.DataFrame({"i": index, "p": person}).group_by("p").agg(pl.col("i").sort())
                  .with_columns(sig=pl.col("i").cast(pl.List(pl.String)).list.join(","))
                  .group_by("sig").agg(pl.col("i").first(), pl.col("p")))
    found = sorted((tuple(sig), people) for sig, people in signatures.select("i", "p").iter_rows())
    ids: dict[Hashable, set[int]] = {key: set() for key in keys}
    for cls, (sig, _) in enumerate(found):
        for i in sig:
            ids[keys[i]].add(cls)
    return {key: frozenset(v) for key, v in ids.items()}, [frozenset(people) for _, people in found]


def _classes_plain(groups: Groups) -> tuple[dict[Hashable, frozenset[int]], list[frozenset]]:
    """`_classes` with Python sets, for people of any hashable type."""
    keys = sorted(groups, key=repr)
    signature: dict[Hashable, list[int]] = {}
    for i, key in enumerate(keys):
        for person in groups[key]:
            signature.setdefault(person, []).append(i)
    by_signature: dict[tuple[int, ...], list] = {}
    for person in sorted(signature, key=repr):
        by_signature.setdefault(tuple(signature[person]), []).append(person)
    people = [frozenset(v) for _, v in sorted(by_signature.items())]
    ids: dict[Hashable, set[int]] = {key: set() for key in keys}
    for cls, (sig, _) in enumerate(sorted(by_signature.items())):
        for i in sig:
            ids[keys[i]].add(cls)
    return {key: frozenset(v) for key, v in ids.items()}, people


def _guards(classes: dict[Hashable, frozenset[int]], sizes: Sequence[int], *, small, nested: bool,
            k: int | None = None, long: pl.DataFrame | None = None) -> list[Cell]:
    """Never-published primary cells: each class, and each difference A − B of two groups, that
    `small` (a set of classes → bool) calls disclosive and that is not a published group itself.
    `nested`: only differences of a group and one inside it. `k`: differences of at least k people
    are never small (|A − B| ≥ |A| − |B|), so those pairs are skipped without being formed.
    `sizes`: the people in each class; `long`: the (a, c, n) rows of `_candidate_pairs` when known."""
    seen = set(classes.values())
    guards = []
    for cls, n in enumerate(sizes):
        if frozenset((cls,)) not in seen and small(frozenset((cls,))):
            seen.add(frozenset((cls,)))
            guards.append(Cell(key=("class", cls), members=frozenset((cls,)), population=n, primary=True))
    keys = sorted(classes, key=repr)
    size = {key: sum(sizes[c] for c in classes[key]) for key in keys}
    for a, b in _candidate_pairs(keys, classes, sizes, size, nested=nested, k=k, long=long):
        if a == b or (k is not None and size[a] - size[b] >= k) or (nested and not classes[b] < classes[a]):
            continue
        rest = classes[a] - classes[b]
        if not rest or rest == classes[a] or rest in seen or not small(rest):
            continue
        seen.add(rest)
        guards.append(Cell(key=("difference", repr(a), repr(b)), members=rest,
                           population=sum(sizes[c] for c in rest), primary=True))
    return guards


def _candidate_pairs(keys: list[Hashable], classes: dict[Hashable, frozenset[int]], sizes: Sequence[int],
                     size: dict[Hashable, int], *, nested: bool, k: int | None,
                     long: pl.DataFrame | None = None) -> list[tuple[Hashable, Hashable]]:
    """The pairs (A, B) `_guards` must look at, in its order (A, then B, by repr): only groups that
    share respondents (else A − B is A itself), and of those only B inside A (`nested`) or with
    fewer than k of A's respondents outside B. One self-join in Polars instead of every pair in
    Python: a round of 5.000 teams has 25 million pairs but few overlapping ones."""
    if long is None:
        rows = [(i, c, sizes[c]) for i, key in enumerate(keys) for c in classes[key]]
        long = pl.DataFrame(rows, schema={"a": pl.Int64, "c": pl.Int64, "n": pl.Int64}, orient="row")
    if long.height == 0:
        return []
    sizes = pl.Series([size[key] for key in keys], dtype=pl.Int64)
    overlap = (long.join(long.select(b="a", c="c"), on="c").filter(pl.col("a") != pl.col("b"))
               .group_by("a", "b").agg(shared=pl.col("n").sum()))
    overlap = overlap.with_columns(size_a=sizes.gather(overlap["a"]), size_b=sizes.gather(overlap["b"]))
    if nested:
        wanted = (pl.col("shared") == pl.col("size_b")) & (pl.col("size_b") < pl.col("size_a"))
    else:
        outside = pl.col("size_a") - pl.col("shared")
        wanted = (outside > 0) & ((outside < k) if k is not None else pl.lit(True))
    found = overlap.filter(wanted).sort("a", "b")
    return [(keys[a], keys[b]) for a, b in found.select("a", "b").iter_rows()]


def respondent_groups_withheld(groups: Groups, *, k: int) -> dict[Hashable, str]:
    """The groups (key → respondents) of one round whose values must be withheld, with the reason:
    few_respondents (1..k-1) or small_difference (else a small group follows from the others).
    Empty groups are left out of the audit (nobody is no one) and never withheld."""
    groups = {key: frozenset(people) for key, people in groups.items() if people}
    classes, people = _classes(groups)
    return values_decided(classes, [len(p) for p in people], {key: len(groups[key]) for key in classes}, k=k)


def bands_withheld(groups: Groups, band_of: Mapping[Hashable, str], *, k: int,
                   already: Mapping[Hashable, str]) -> dict[Hashable, str]:
    """The groups whose band distribution must be withheld: those in `already` (values withheld,
    same reason), those where everyone is in one band (one_band), and those from which a one-band
    group would follow (small_difference). `band_of`: each respondent's band."""
    groups = {key: frozenset(people) for key, people in groups.items() if people}
    classes, people = _classes(groups)
    bands = [frozenset(band_of[p] for p in members) for members in people]
    return bands_decided(classes, [len(p) for p in people], bands, {key: len(groups[key]) for key in classes},
                         k=k, already=already)


def values_decided(classes: dict[Hashable, frozenset[int]], sizes: Sequence[int], size: Mapping[Hashable, int],
                   *, k: int, long: pl.DataFrame | None = None,
                   already: Iterable[Hashable] = ()) -> dict[Hashable, str]:
    """`respondent_groups_withheld` on the groups as classes (`_classes`' form, or `round_audit`'s
    built in Polars): `sizes` the people per class, `size` per group, `long` as `_guards` takes it.
    `already`: groups withheld for another reason (kept withheld and protected)."""
    def small(members: frozenset[int]) -> bool:  # the engine's question, counted only as far as k
        total = 0
        for c in members:
            total += sizes[c]
            if total >= k:
                return False
        return total > 0

    cells = [Cell(key=("group", key), members=classes[key], population=size[key]) for key in classes]
    cells += _guards(classes, sizes, small=small, nested=False, k=k, long=long)
    hidden = withheld(cells, k=k, already=[("group", key) for key in already if key in classes])
    return {key: FEW_RESPONDENTS if size[key] < k else SMALL_DIFFERENCE
            for kind, *rest in hidden if kind == "group" for key in rest}


def bands_decided(classes: dict[Hashable, frozenset[int]], sizes: Sequence[int], bands: Sequence[frozenset],
                  size: Mapping[Hashable, int], *, k: int, already: Mapping[Hashable, str],
                  long: pl.DataFrame | None = None) -> dict[Hashable, str]:
    """`bands_withheld` on the groups as classes; `bands`: the bands present in each class."""
    def one_band(members: frozenset[int]) -> bool:
        first = None
        for c in members:
            if len(bands[c]) > 1 or (first is not None and bands[c] != first):
                return False
            first = bands[c]
        return first is not None

    cells = [Cell(key=("group", key), members=classes[key], population=size[key],
                  primary=one_band(classes[key])) for key in classes]
    cells += _guards(classes, sizes, small=one_band, nested=True, long=long)
    hidden = withheld(cells, k=k, already=[("group", key) for key in already if key in classes])
    reasons = {}
    for kind, *rest in hidden:
        if kind != "group":
            continue
        key = rest[0]
        reasons[key] = already.get(key) or (ONE_BAND if one_band(classes[key]) else SMALL_DIFFERENCE)
    return reasons
