"""Both audits of one survey round (values, then band distributions) on one class table built in Polars.

`respondents.respondent_groups_withheld` and `bands_withheld` take each group as a set of people
and each build the respondents' classes from those sets: at a sector's size that is millions of
memberships walked in Python, twice per round. The audits only read, per class, how many people it
holds and which bands they are in, and per group which classes it holds. Here those come from one
group-by of the round's memberships (no set of people is made), numbered exactly as
`respondents._classes` numbers them, and both audits run on them with the same guards and the same
engine, so the decisions are theirs (tests/analytics/test_round_audit.py checks them against the
set-based functions).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import polars as pl

from levensfase.analytics.privacy.linked import Cell, withheld
from levensfase.analytics.privacy.respondents import SMALL_DIFFERENCE, _guards
from levensfase.analytics.privacy.table import FEW_RESPONDENTS, ONE_BAND


def round_withheld(members: pl.DataFrame, bands: pl.DataFrame, *,
                   k: int) -> tuple[dict[Hashable, str], dict[Hashable, str]]:
    """(values withheld, band distributions withheld), each group key (by, group) → reason, for one
    round: `members` (by, group, _person: whole numbers) and `bands` (_person, band, one row each).
    The same as `respondent_groups_withheld(groups, k=k)` and then `bands_withheld(groups, band_of,
    k=k, already=<those>)` on the groups as sets of `_person`."""
    if members.height == 0:
        return {}, {}
    pairs = members.select("by", "group").unique()
    keys = sorted(zip(pairs["by"].to_list(), pairs["group"].to_list(), strict=True), key=repr)
    index = pl.DataFrame({"by": [b for b, _ in keys], "group": [g for _, g in keys], "i": range(len(keys))},
                         schema={"by": members.schema["by"], "group": members.schema["group"], "i": pl.Int64})
    signature = (members.join(index, on=["by", "group"]).group_by("_person").agg(pl.col("i").unique().sort())
                 .with_columns(sig=pl.col("i").cast(pl.List(pl.String)).list.join(",")))
    found = (signature.join(bands.select("_person", "band"), on="_person", how="left")
             .group_by("sig").agg(pl.col("i").first(), n=pl.len(), bands=pl.col("band").unique()))
    rows = found.select("i", "n", "bands").rows()
    order = sorted(range(len(rows)), key=lambda r: tuple(rows[r][0]))  # classes by signature, as `_classes`
    sizes = [rows[r][1] for r in order]
    band_sets = [frozenset(rows[r][2]) for r in order]
    number = pl.Series("c", [0] * len(rows), dtype=pl.Int64).scatter(order, range(len(rows)))
    long = (found.select("i", "n").with_columns(c=number).explode("i")
            .select(a=pl.col("i").cast(pl.Int64), c="c", n=pl.col("n").cast(pl.Int64)))
    ids = dict(long.group_by("a").agg("c").iter_rows())
    classes = {key: frozenset(ids[i]) for i, key in enumerate(keys)}
    population = dict(long.group_by("a").agg(pl.col("n").sum()).iter_rows())
    size = {key: population[i] for i, key in enumerate(keys)}
    values = _values(classes, sizes, size, long, k=k)
    return values, _bands(classes, sizes, band_sets, size, long, k=k, already=values)


def _values(classes: dict[Hashable, frozenset[int]], sizes: list[int], size: dict[Hashable, int],
            long: pl.DataFrame, *, k: int) -> dict[Hashable, str]:
    """`respondent_groups_withheld` on the class table."""
    def small(members: frozenset[int]) -> bool:  # the engine's question, counted only as far as k
        total = 0
        for c in members:
            total += sizes[c]
            if total >= k:
                return False
        return total > 0

    cells = [Cell(key=("group", key), members=classes[key], population=size[key]) for key in classes]
    cells += _guards(classes, sizes, small=small, nested=False, k=k, long=long)
    hidden = withheld(cells, k=k)
    return {key: FEW_RESPONDENTS if size[key] < k else SMALL_DIFFERENCE
            for kind, *rest in hidden if kind == "group" for key in rest}


def _bands(classes: dict[Hashable, frozenset[int]], sizes: list[int], bands: list[frozenset],
           size: dict[Hashable, int], long: pl.DataFrame, *, k: int,
           already: Mapping[Hashable, str]) -> dict[Hashable, str]:
    """`bands_withheld` on the class table."""
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
