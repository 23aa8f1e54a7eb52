"""Headcounts on one day for every table a user can request, protected as one linked set.

On a day the dashboards and the report publish, for the whole scope and for every unit subtree
in it: the headcount, the age pyramid (age band × sex) and the headcount per category (age band,
sex, generation, life phase, job family, contract, level unit). These share people, so a hidden
cell of one could be worked out from the margins of another or from a parent minus its children.
All of them become one set of `privacy.Cell`s whose members are people, and `privacy.withheld`
decides once which are hidden; every page then reads its numbers and their hidden flags here.

Life phases overlap (DESIGN §5): a person counts in every named phase that applies, or in
`no_named_phase` (the core's one definition, also used by `metrics --by life_phase`).
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.categories import attach
from levensfase.analytics.metrics import covering
from levensfase.analytics.phase_categories import phase_values
from levensfase.analytics.privacy import Cell, withheld
from levensfase.analytics.scope import level_units, subtree
from levensfase.model.workforce import Workforce

__all__ = ["DAY_CATEGORIES", "DayPattern", "day_pattern"]

DAY_CATEGORIES = ("age_band", "sex", "generation", "life_phase", "job_family", "contract", "unit")
Key = tuple[str | None, str, Hashable]  # (unit subtree or None for the scope, table, value)

_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple[date, int, bool], "DayPattern"]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class DayPattern:
    """`counts[key]`: people; `hidden`: the keys that must not be shown. Keys absent count 0."""

    day: date
    k: int
    counts: dict[Key, int]
    hidden: frozenset[Key]

    def table(self, unit: str | None, name: str) -> pl.DataFrame:
        """value, headcount (null when hidden), suppressed — one row per non-empty value."""
        rows = [(key[2], None if key in self.hidden else n, key in self.hidden)
                for key, n in self.counts.items() if key[0] == unit and key[1] == name]
        if name == "pyramid":  # value is (age band, sex)
            return pl.DataFrame([(*v, n, s) for v, n, s in rows], orient="row", schema={
                "age_band": pl.String, "sex": pl.String, "headcount": pl.Int64, "suppressed": pl.Boolean})
        return pl.DataFrame(rows, schema={"value": pl.String, "headcount": pl.Int64, "suppressed": pl.Boolean},
                            orient="row")

    def shown(self, unit: str | None, name: str, value: Hashable) -> bool:
        return (unit, name, value) not in self.hidden

    def count(self, unit: str | None, name: str, value: Hashable) -> int | None:
        key = (unit, name, value)
        return None if key in self.hidden else self.counts.get(key, 0)


def _members(assignments: pl.DataFrame, workforce: Workforce, day: date, phases: pl.DataFrame,
             roll_up: bool = True) -> dict[tuple[str, Hashable], frozenset]:
    """(table, value) → the people it counts, for one scope's assignments on the day."""
    out: dict[tuple[str, Hashable], set] = {}
    people = assignments.select("person_id").unique()
    out[("total", None)] = set(people["person_id"].to_list())
    tagged = {}
    for by in ("age_band", "sex", "generation"):
        tagged[by] = attach(people.with_columns(day=pl.lit(day)), workforce, by=by, day="day")
    for by in ("job_family", "contract"):
        tagged[by] = attach(assignments.with_columns(day=pl.lit(day)), workforce, by=by, day="day")
    mapping = level_units(workforce) if roll_up else {}
    tagged["unit"] = assignments.select("person_id", pl.col("unit_id").replace(mapping).alias("value"))
    tagged["life_phase"] = phases.join(people, on="person_id", how="semi")
    for by, frame in tagged.items():
        for value, ids in frame.group_by("value").agg(pl.col("person_id").unique()).iter_rows():
            out[(by, value)] = set(ids)
    pyramid = tagged["age_band"].join(tagged["sex"].select("person_id", pl.col("value").alias("sex")), on="person_id")
    for band, sex, ids in pyramid.group_by("value", "sex").agg(pl.col("person_id")).iter_rows():
        out[("pyramid", (band, sex))] = set(ids)
    return {key: frozenset(ids) for key, ids in out.items() if ids}


def day_pattern(workforce: Workforce, *, day: date, k: int, subtrees: bool = True) -> DayPattern:
    """The protected headcounts of `workforce` (the user's whole scope) on `day` (cached).

    `subtrees=False` is the report's set: the whole organisation only, with units as they are
    (not rolled up to one level), because the report publishes no table per unit subtree."""
    memo = _CACHE.setdefault(workforce, {})
    if (day, k, subtrees) in memo:
        return memo[(day, k, subtrees)]
    present = covering(workforce.assignments, day)
    phases = phase_values(workforce, on=day, by="life_phase") if present.height else pl.DataFrame(
        schema={"person_id": pl.String, "value": pl.String})
    cells: list[Cell] = []
    scopes: list[tuple[str | None, pl.DataFrame, Workforce]] = [(None, present, workforce)]
    for unit in workforce.units["unit_id"].to_list() if subtrees else []:
        inside = subtree(workforce, unit)
        part = present.filter(pl.col("unit_id").is_in(list(inside)))
        if part.height:
            units = workforce.units.filter(pl.col("unit_id").is_in(list(inside)))
            scopes.append((unit, part, dataclasses.replace(workforce, units=units)))
    for unit, part, scope_workforce in scopes:
        for (name, value), ids in _members(part, scope_workforce, day, phases, roll_up=subtrees).items():
            cells.append(Cell(key=(unit, name, value), members=ids, population=len(ids), value=len(ids)))
    hidden = withheld(cells, k=k)
    pattern = DayPattern(day=day, k=k, counts={c.key: c.population for c in cells}, hidden=hidden)
    memo[(day, k, subtrees)] = pattern
    return pattern
