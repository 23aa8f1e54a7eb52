"""The workforce narrowed to a set of units, and the unit level a breakdown shows (roll-up).

One definition for the dashboards, the CLI and the report: a scoped workforce keeps only the
assignments in the units (and the people who hold them), so a move into or out of a team starts
or ends an employment spell *in the team* — which is what the team experiences.
"""

from __future__ import annotations

import dataclasses
import weakref

import polars as pl

from levensfase.model.recorded_history import inherit_history
from levensfase.model.workforce import Workforce

__all__ = ["level_units", "rolled_up", "scoped", "subtree", "subtree_workforce", "subtrees"]


def scoped(workforce: Workforce, unit_ids: frozenset[str] | None) -> Workforce:
    """Only the assignments in `unit_ids` (and the people who hold them); None = everything."""
    if unit_ids is None:
        return workforce
    ids = list(unit_ids)
    assignments = workforce.assignments.filter(pl.col("unit_id").is_in(ids))
    persons = assignments.select("person_id").unique()
    tables = {}
    for name, frame in workforce.tables().items():
        if name == "assignments":
            tables[name] = assignments
        elif name == "units":
            tables[name] = frame.filter(pl.col("unit_id").is_in(ids))
        elif "person_id" in frame.columns:
            tables[name] = frame.join(persons, on="person_id", how="semi")
        else:
            tables[name] = frame
    return inherit_history(Workforce(**tables), whole=workforce)


def subtree(workforce: Workforce, unit: str) -> frozenset[str]:
    """`unit` and every unit below it (a cycle in bad data stops the walk)."""
    parent = dict(zip(workforce.units["unit_id"].to_list(), workforce.units["parent_id"].to_list()))
    inside = set()
    for u in parent:
        current, seen = u, set()
        while current is not None and current not in seen:
            if current == unit:
                inside.add(u)
                break
            seen.add(current)
            current = parent.get(current)
    return frozenset(inside)


def level_units(workforce: Workforce) -> dict[str, str]:
    """unit_id → the unit it rolls up to on the level a chart shows: the children of the scope's
    single root (people placed on the root itself stay there), or the roots when there are several."""
    units = workforce.units
    parent = dict(zip(units["unit_id"].to_list(), units["parent_id"].to_list()))
    roots = [u for u, p in parent.items() if p not in parent]
    children = [u for u, p in parent.items() if p in roots]
    level = set(children) | set(roots) if len(roots) == 1 and children else set(roots)
    mapping = {}
    for unit in parent:
        current, seen = unit, set()
        while current not in level and parent.get(current) in parent and current not in seen:
            seen.add(current)
            current = parent[current]
        mapping[unit] = current
    return mapping


def rolled_up(workforce: Workforce) -> Workforce:
    """The workforce with each assignment's unit replaced by its level unit (see `level_units`)."""
    mapping = level_units(workforce)
    a = workforce.assignments.with_columns(pl.col("unit_id").replace(mapping))
    return dataclasses.replace(workforce, assignments=a)


def subtrees(workforce: Workforce) -> dict[str, set[str]]:
    """unit → the unit and every unit below it, all at once (`subtree` for each unit)."""
    parent = dict(zip(workforce.units["unit_id"].to_list(), workforce.units["parent_id"].to_list()))
    inside: dict[str, set[str]] = {u: set() for u in parent}
    for u in parent:
        current, seen = u, set()
        while current is not None and current not in seen:  # a cycle in bad data stops the walk
            if current in inside:
                inside[current].add(u)
            seen.add(current)
            current = parent.get(current)
    return inside


_SUBTREES: weakref.WeakKeyDictionary[Workforce, dict[str, Workforce]] = weakref.WeakKeyDictionary()


def subtree_workforce(workforce: Workforce, unit: str | None) -> Workforce:
    """The subtree of `unit` (None: everything) as a workforce of its own, one object per subtree
    (cached), so the patterns cached on it are found again."""
    if not unit:
        return workforce
    subs = _SUBTREES.setdefault(workforce, {})
    if unit not in subs:
        subs[unit] = scoped(workforce, subtree(workforce, unit))
    return subs[unit]
