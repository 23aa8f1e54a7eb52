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

from collections.abc import Hashable, Iterable

import polars as pl

from levensfase.analytics.privacy.respondents import bands_decided, values_decided


def round_withheld(members: pl.DataFrame, bands: pl.DataFrame | None, *, k: int,
                   already: Iterable[Hashable] = ()) -> tuple[dict[Hashable, str], dict[Hashable, str]]:
    """(values withheld, band distributions withheld), each group key (by, group) → reason, for one
    round: `members` (by, group, _person: whole numbers) and `bands` (_person, band, one row each).
    The same as `respondent_groups_withheld(groups, k=k)` and then `bands_withheld(groups, band_of,
    k=k, already=<those>)` on the groups as sets of `_person`. `bands` None: values only (answers
    with no bands); `already`: as `values_decided` takes it."""
    if members.height == 0:
        return {}, {}
    pairs = members.select("by", "group").unique()
    keys = sorted(zip(pairs["by"].to_list(), pairs["group"].to_list(), strict=True), key=repr)
    index = pl.DataFrame({"by": [b for b, _ in keys], "group": [g for _, g in keys], "i": range(len(keys))},
                         schema={"by": members.schema["by"], "group": members.schema["group"], "i": pl.Int64})
    # a null group (no age band known) is a group too: joined as equal
    signature = (members.join(index, on=["by", "group"], nulls_equal=True)
                 .group_by("_person").agg(pl.col("i").unique().sort())
                 .with_columns(sig=pl.col("i").cast(pl.List(pl.String)).list.join(",")))
    no_bands = bands is None
    if no_bands:
        bands = pl.DataFrame({"_person": [], "band": []}, schema={"_person": members.schema["_person"], "band": pl.String})
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
    values = values_decided(classes, sizes, size, k=k, long=long, already=already)
    if no_bands:
        return values, {}
    return values, bands_decided(classes, sizes, band_sets, size, k=k, already=values, long=long)
