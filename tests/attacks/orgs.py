"""Small organisations, fine cells per unit subtree, and the attacker's verdict for the attack tests."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from datetime import date
from fractions import Fraction
from functools import cache

import polars as pl

from levensfase.analytics.metrics import covering
from levensfase.analytics.phase_categories import phase_values
from levensfase.ingest.generator import generate
from levensfase.model.workforce import Workforce
from support.attack_scenarios import person_cells
from support.attacker import Attacker, Recovery

AS_OF = date(2026, 1, 1)  # history 2022-01-01 .. 2026-01-01: four whole years
DAY = date(2025, 12, 31)
YEARS = range(2022, 2026)
# (employees, seed): the generator's organisation at 60 people and random small ones.
ORGS = ((60, 1), (35, 7), (90, 23))


@cache
def organisation(*, employees: int, seed: int) -> Workforce:
    return Workforce.from_tables(generate(employees=employees, years=4, seed=seed, as_of=AS_OF))


def phases_on(workforce: Workforce, day: date) -> dict[str, frozenset]:
    """Every life phase a person counts in on `day` (the core's one definition)."""
    values = phase_values(workforce, on=day, by="life_phase")
    return {p: frozenset(v) for p, v in values.group_by("person_id").agg("value").iter_rows()}


def unit_members(workforce: Workforce, day: date) -> tuple[Counter, dict[str, Callable[..., list[Hashable]]]]:
    """Fine cells (units held, age band, sex, generation, phases) and per unit a function listing
    the fine cells of its subtree (optionally narrowed to an age band / sex)."""
    base = person_cells(workforce, day, phases_on(workforce, day))
    present = covering(workforce.assignments, day)
    units_of = {p: frozenset(u) for p, u in present.group_by("person_id").agg("unit_id").iter_rows()}
    parent = dict(zip(workforce.units["unit_id"].to_list(), workforce.units["parent_id"].to_list()))

    def ancestors(unit: str) -> set[str]:
        seen = set()
        while unit is not None and unit not in seen:
            seen.add(unit)
            unit = parent.get(unit)
        return seen

    cells: Counter = Counter()
    single = person_cells_by_person(workforce, day)
    for person, key in single.items():
        cells[(units_of[person], *key)] += 1
    assert sum(cells.values()) == sum(base.values())
    reach = {u: set().union(*(ancestors(x) for x in units)) for units in {c[0] for c in cells} for u in [units]}

    def inside_of(unit: str) -> Callable[..., list[Hashable]]:
        def inside(**fixed: object) -> list[Hashable]:
            index = {"age_band": 1, "sex": 2}
            return [c for c in cells if unit in reach[c[0]] and all(c[index[a]] == v for a, v in fixed.items())]
        return inside

    return cells, {u: inside_of(u) for u in parent}


def person_cells_by_person(workforce: Workforce, day: date) -> dict[str, tuple]:
    phases = phases_on(workforce, day)
    present = covering(workforce.assignments, day).select("person_id").unique().with_columns(day=pl.lit(day))
    from levensfase.analytics.categories import attach

    values = {}
    for by in ("age_band", "sex", "generation"):
        tagged = attach(present, workforce, by=by, day="day")
        values[by] = dict(zip(tagged["person_id"].to_list(), tagged["value"].to_list()))
    return {p: (values["age_band"][p], values["sex"][p], values["generation"][p], phases.get(p, frozenset()))
            for p in present["person_id"].to_list()}


def recovered(published: list, hidden: list) -> list[Recovery]:
    """The hidden values the published equations determine (each checked against the truth)."""
    attacker = Attacker()
    for members, value in published:
        attacker.publish(members, value)
    found = attacker.recover(hidden)
    print(f"ATTACK published={len(published)} hidden={len(hidden)} recovered={len(found)}")
    assert all(r.derived == r.truth for r in found), "an equation disagrees with the truth: the model is wrong"
    return found


def person_year_classes(adds: dict) -> tuple[dict[tuple, dict[int, Fraction]], list[int]]:
    """The attacker's unknowns: person-years that add the same to every number, merged; per number
    what each class adds, and how many person-years each class holds (the truth)."""
    classes: dict[frozenset, int] = defaultdict(int)
    for numbers in adds.values():
        classes[frozenset(numbers.items())] += 1
    rows: dict[tuple, dict[int, Fraction]] = defaultdict(dict)
    for i, signature in enumerate(classes):
        for key, n in signature:
            rows[key][i] = Fraction(n)
    return rows, list(classes.values())


def assert_no_hidden_headcount_printed(org: Workforce, rows: list[dict], *, k: int = 5) -> None:
    """`rows` (by, value, population, suppressed) of a section on AS_OF that counts the people
    employed per group: every group whose headcount the document's composition hides is withheld
    there too (its population is that number), and some group is (else the check says nothing)."""
    from levensfase.analytics.report import composition_section

    composition = composition_section(org, as_of=AS_OF, k=k)["by_category"]
    hidden_there = {(by, str(r["value"])) for by, table in composition.items() for r in table if r["suppressed"]}
    twins = [r for r in rows if (r["by"], str(r["value"])) in hidden_there]
    assert twins, "every attack organisation has a group the composition hides"
    assert all(r["suppressed"] and r["population"] is None for r in twins)


def window_adds(org: Workforce, *, start: date, end: date, bys, prefix: str) -> dict[str, dict[tuple, int]]:
    """What each person adds to the outflow section's window rows, keyed (prefix, by, value, measure):
    per group of each of `bys` and whole (None) the population (spells running on `start` or
    starting in the window), stock2 (headcount on `start` plus on `end`) and the leavers per kind
    and part; and to its cohort per life phase on `start` (by "life_phase": population,
    influenceable, pension). Built from the spells (`classified_exits` for each exit's kind)."""
    from levensfase.analytics.flows import category_at
    from levensfase.analytics.outflow_kinds import EXIT_KINDS, PARTS, classified_exits

    spells = org.spells
    runs_on = lambda d: (pl.col("start_date") <= d) & (pl.col("end_date").is_null() | (pl.col("end_date") >= d))  # noqa: E731
    adds: dict[str, dict[tuple, int]] = defaultdict(dict)

    def add(person: str, key: tuple) -> None:
        adds[person][key] = adds[person].get(key, 0) + 1

    for by in (None, *bys):
        present = spells.filter(runs_on(start) | pl.col("start_date").is_between(start, end)).with_columns(
            at=pl.max_horizontal("start_date", pl.lit(start)))
        frames = [(category_at(org, present, "at", by), "population")]
        frames += [(category_at(org, spells.filter(runs_on(day)).with_columns(at=pl.lit(day)), "at", by), "stock2")
                   for day in (start, end)]
        leaving = spells.filter(pl.col("end_date").is_between(start, end))
        kinds = classified_exits(org, leaving).select("person_id", "spell_no", "kind", "part")
        exits = category_at(org, leaving, "end_date", by).select("person_id", "spell_no", "value").join(
            kinds, on=["person_id", "spell_no"], how="left")
        frames += [(exits, "outflow"), *((exits.filter(pl.col("kind") == kind), kind) for kind in EXIT_KINDS),
                   *((exits.filter(pl.col("part") == part), part) for part in PARTS)]
        for frame, measure in frames:
            for person, value in frame.select("person_id", "value").iter_rows():
                add(person, (prefix, by, str(value), measure))
    cohort = classified_exits(org, spells.filter((pl.col("start_date") <= start) & pl.col("end_date").is_between(start, end)))
    left = dict(cohort.select("person_id", "kind").iter_rows())  # the cohort on `start`: one spell each
    for person, phases in phases_on(org, start).items():
        for phase in phases:
            for measure in ("population", left.get(person)):
                if measure in ("population", "influenceable", "pension"):
                    add(person, (prefix, "life_phase", phase, measure))
    return adds
