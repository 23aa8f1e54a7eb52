"""The differencing attacks of issue 16, as sets of published equations for `support.attacker`.

Each scenario returns (published, hidden): published = [(members, value)], hidden = [(key, members,
truth)]. Members are fine cells the attacker can name; `truth` comes from the same output at k = 1
(or from the fine cells). Every published value is first checked against the fine cells, so a
wrong model of what a number counts fails loudly instead of finding or missing leaks by accident.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from datetime import date

import polars as pl

from levensfase.analytics.categories import attach
from levensfase.analytics.metrics import covering
from levensfase.model.workforce import Workforce

Published = list[tuple[list[Hashable], int]]
Hidden = list[tuple[Hashable, list[Hashable], int]]

SNAPSHOT_AXES = ("age_band", "sex", "generation")
FLOW_MEASURES = ("inflow", "internal_mobility", "outflow_total")


def person_cells(workforce: Workforce, day: date, phases: dict[str, frozenset]) -> Counter:
    """Fine cells on `day`: (age band, sex, generation, life phase) → number of people."""
    present = covering(workforce.assignments, day).select("person_id").unique().with_columns(day=pl.lit(day))
    values = {}
    for by in SNAPSHOT_AXES:
        tagged = attach(present, workforce, by=by, day="day")
        values[by] = dict(zip(tagged["person_id"].to_list(), tagged["value"].to_list()))
    return Counter((values["age_band"][p], values["sex"][p], values["generation"][p], phases.get(p, frozenset()))
                   for p in present["person_id"].to_list())


class Snapshot:
    """Equations over the fine cells of one day; `cell(**fixed)` lists the fine cells a number counts."""

    def __init__(self, cells: Counter) -> None:
        self.cells = cells
        self.published: Published = []
        self.hidden: Hidden = []

    def members(self, **fixed: object) -> list[Hashable]:
        index = {"age_band": 0, "sex": 1, "generation": 2, "life_phase": 3}
        def match(cell: tuple, axis: str, value: object) -> bool:
            got = cell[index[axis]]
            return value in got if isinstance(got, frozenset) else got == value

        return [c for c in self.cells if all(match(c, a, v) for a, v in fixed.items())]

    def add(self, key: Hashable, members: list[Hashable], value: int | None) -> None:
        truth = sum(self.cells[m] for m in members)
        if value is None:
            if truth:
                self.hidden.append((key, members, truth))
            return
        assert value == truth, f"model of {key} is wrong: published {value}, fine cells give {truth}"
        self.published.append((members, value))


class Periods:
    """Equations over (measure, year, value) for flow counts of whole-year periods."""

    def __init__(self, truth_of: Callable[[int, int], dict[tuple[str, object], int]], years: range) -> None:
        self.single = {y: truth_of(y, y) for y in years}
        self.truth_of = truth_of
        self.published: Published = []
        self.hidden: Hidden = []

    def add(self, first: int, last: int, measure: str, value_key: object, value: int | None) -> None:
        members = [(measure, y, value_key) for y in range(first, last + 1)]
        truth = sum(self.single[y].get((measure, value_key), 0) for y in range(first, last + 1))
        if value is None:
            if truth:
                self.hidden.append(((first, last, measure, value_key), members, truth))
            return
        assert value == truth, f"{measure} {value_key} {first}-{last} is not additive: {value} vs {truth}"
        self.published.append((members, value))
