"""What each person adds to each period count, for the whole scope and every unit subtree at once.

The flows audit (analytics.protected_flows) needs `period_counts_by(..., per_person=True)` for
every subtree a user can choose: 130 subtrees cost 130 calls of many small Polars steps. Counting
a subtree only needs its own assignments (a move out of it ends a spell in it), so all subtrees
are counted in one call on one stacked workforce: each assignment once per subtree it lies in,
under the person id prefixed with the subtree (so spells form per subtree), its unit rolled up to
the subtree's chart level for a table per unit. Life-phase categories read the person's other
tables too (life events, surveys): those are stacked alike. A life phase also reads two things of
the whole workforce it is computed on (`analytics.phases`: the first assignment start, where
careers are censored, and whether there are life events at all), which for a subtree are its
own: subtrees are stacked together only when both are the same (`_alike`).
"""

from __future__ import annotations

import dataclasses
from datetime import date

import polars as pl

from levensfase.analytics.breakdown import period_counts_by
from levensfase.analytics.phase_categories import PHASE_CATEGORIES
from levensfase.analytics.scope import level_units, subtrees
from levensfase.model.workforce import Workforce

__all__ = ["per_scope"]

_SEP = "\x1f"
_WHOLE = ""  # the prefix of the whole scope


def _stacked(workforce: Workforce, scopes: list[str | None], *, rolled: bool, every_table: bool) -> Workforce:
    inside = subtrees(workforce)
    units = workforce.units
    rows: list[tuple[str, str, str]] = []  # unit, scope prefix, unit as counted
    whole = level_units(workforce) if rolled else {}
    for scope in scopes:
        if scope is None:
            continue
        level = level_units(dataclasses.replace(workforce, units=units.filter(pl.col("unit_id").is_in(list(inside[scope])))))\
            if rolled else {}
        rows += [(u, scope, level.get(u, u)) for u in inside[scope]]
    mapping = pl.DataFrame(rows, schema={"unit_id": pl.String, "_scope": pl.String, "_as": pl.String}, orient="row")
    a = workforce.assignments
    parts = [a.with_columns(pl.lit(_WHOLE).alias("_scope"), pl.col("unit_id").replace(whole).alias("_as"))] \
        if None in scopes else []
    parts.append(a.join(mapping, on="unit_id"))
    stacked = pl.concat(parts).with_columns(
        (pl.col("_scope") + _SEP + pl.col("person_id")).alias("person_id"), pl.col("_as").alias("unit_id"),
        pl.col("person_id").alias("_person")).drop("_scope", "_as")
    ids = stacked.select("person_id", "_person").unique()
    tables = {"assignments": stacked.drop("_person")}
    for name, frame in workforce.tables().items():  # every person's own rows, once per subtree they are in
        if name != "assignments" and "person_id" in frame.columns and (name == "people" or every_table):
            tables[name] = ids.join(frame.rename({"person_id": "_person"}), on="_person").drop("_person").select(
                frame.columns)
    return dataclasses.replace(workforce, **tables)


def _alike(workforce: Workforce, scopes: list[str | None]) -> list[list[str | None]]:
    """`scopes` grouped by what a life phase reads of the workforce as a whole: the first
    assignment start and whether any life event is in it (each subtree's own)."""
    inside = subtrees(workforce)
    a = workforce.assignments
    with_events = set(workforce.life_events["person_id"].to_list())
    groups: dict[tuple, list[str | None]] = {}
    for scope in scopes:
        own = a if scope is None else a.filter(pl.col("unit_id").is_in(list(inside[scope])))
        key = (own["start_date"].min(), not with_events.isdisjoint(own["person_id"].to_list()))
        groups.setdefault(key, []).append(scope)
    return list(groups.values())


def per_scope(workforce: Workforce, scopes: list[str | None], *, by: str, start: date, end: date
              ) -> dict[str | None, pl.DataFrame]:
    """scope → `period_counts_by(subtree, by=by, per_person=True)` (units rolled up for `by`
    "unit", as `protected_periods.counting` does), for every scope in `scopes` (None: all)."""
    if by in PHASE_CATEGORIES:
        out: dict[str | None, pl.DataFrame] = {}
        for group in _alike(workforce, scopes):
            out |= _counted(workforce, group, by=by, start=start, end=end)
        return out
    return _counted(workforce, scopes, by=by, start=start, end=end)


def _counted(workforce: Workforce, scopes: list[str | None], *, by: str, start: date, end: date
             ) -> dict[str | None, pl.DataFrame]:
    stacked = _stacked(workforce, scopes, rolled=by == "unit", every_table=by in PHASE_CATEGORIES)
    counts = period_counts_by(stacked, start=start, end=end, by=by, per_person=True)
    split = counts.with_columns(pl.col("person_id").str.split_exact(_SEP, 1).struct.rename_fields(["_scope", "_p"])
                                .alias("_parts")).unnest("_parts").with_columns(pl.col("_p").alias("person_id")).drop("_p")
    out = {scope: frame.drop("_scope") for (scope,), frame in split.partition_by("_scope", as_dict=True).items()}
    return {None if s == _WHOLE else s: f for s, f in out.items()}
