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
import hashlib
import weakref
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from levensfase.analytics.categories import attach
from levensfase.analytics.metrics import covering
from levensfase.analytics.phase_categories import phase_values
from levensfase.analytics.privacy import COMPLEMENTARY, Cell, mark_withheld, withheld
from levensfase.analytics.privacy.store import remembered
from levensfase.analytics.protected_report_day import beside_withheld, report_pattern_cells
from levensfase.analytics.report_phase_cells import phase_table_members
from levensfase.analytics.scope import level_units
from levensfase.analytics.scope import subtrees as all_subtrees
from levensfase.analytics.unit_depth import cut_depth, ladder, uncut
from levensfase.model.workforce import Workforce

__all__ = ["DAY_CATEGORIES", "DayPattern", "day_cells", "day_pattern", "report_day_pattern", "withhold_hidden_groups"]

DAY_CATEGORIES = ("age_band", "sex", "generation", "life_phase", "job_family", "contract", "unit")
Key = tuple[str | None, str, Hashable]  # (unit subtree or None for the scope, table, value)

_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple, "DayPattern"]] = weakref.WeakKeyDictionary()


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

    def hides(self, name: str, values: Iterable[Hashable]) -> pl.Series:
        """Per value, whether the scope's table `name` hides it (as text, as the cells hold values)."""
        return pl.Series([not self.shown(None, name, str(v)) for v in values], dtype=pl.Boolean)


def withhold_hidden_groups(table: pl.DataFrame, day: DayPattern, *, name: str, values: Sequence[str]) -> pl.DataFrame:
    """A `privacy.suppress`ed table of one row per group (value, suppressed, suppression_reason,
    `values`) with every group whose headcount `day` hides in its table `name` withheld as well
    (COMPLEMENTARY): the row's population is that headcount under another name (the policy scan,
    competencies and ambitions count the people employed on the day per group)."""
    twin = day.hides(name, table["value"])
    table = table.with_columns(suppression_reason=pl.when(~pl.col("suppressed") & twin).then(pl.lit(COMPLEMENTARY))
                               .otherwise(pl.col("suppression_reason")))
    return mark_withheld(table, pl.col("suppressed") | twin, values=values)


@dataclass(frozen=True)
class _Tagged:
    """Everyone present on the day, tagged once (not per scope): each person's categories and
    each assignment row's, by unit."""

    person: dict[str, dict[Hashable, Hashable]]  # table → person → value
    phases: dict[Hashable, list[Hashable]]  # person → life phases
    rows: dict[str, list[tuple[Hashable, Hashable, Hashable]]]  # unit → (person, job family, contract)


def _tag(present: pl.DataFrame, workforce: Workforce, day: date, phases: pl.DataFrame) -> _Tagged:
    people = present.select("person_id").unique(maintain_order=True).with_columns(day=pl.lit(day))
    person = {by: dict(attach(people, workforce, by=by, day="day").select("person_id", "value").iter_rows())
              for by in ("age_band", "sex", "generation")}
    person["pyramid"] = {p: (band, person["sex"][p]) for p, band in person["age_band"].items()}
    in_phase: dict[Hashable, list[Hashable]] = {}
    for pid, value in phases.join(people, on="person_id", how="semi").select("person_id", "value").iter_rows():
        in_phase.setdefault(pid, []).append(value)
    rows: dict[str, list] = {}
    dated = present.with_columns(day=pl.lit(day))
    families = attach(dated, workforce, by="job_family", day="day")["value"]
    contracts = attach(dated, workforce, by="contract", day="day")["value"]
    for pid, unit, family, contract in zip(present["person_id"], present["unit_id"], families, contracts):
        rows.setdefault(unit, []).append((pid, family, contract))
    return _Tagged(person, in_phase, rows)


def _present(workforce: Workforce, day: date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The assignment rows covering `day`, and the named life phases (person_id, value) on it."""
    present = covering(workforce.assignments, day)
    phases = phase_values(workforce, on=day, by="life_phase") if present.height else pl.DataFrame(
        schema={"person_id": pl.String, "value": pl.String})
    return present, phases


def _members(tagged: _Tagged, units: list[str], mapping: dict[str, str]) -> dict[tuple[str, Hashable], frozenset]:
    """(table, value) → the people it counts, for one scope: the assignments in `units`, their
    units rolled up by `mapping` (unit → the unit it is shown as). Tables and values come in a
    fixed order (dicts, not sets), so every process lists them alike."""
    rows = [(unit, row) for unit in units for row in tagged.rows.get(unit, ())]
    people = dict.fromkeys(row[0] for _, row in rows)
    out: dict[tuple[str, Hashable], set] = {("total", None): set(people)}
    for by in ("age_band", "sex", "generation"):
        values = tagged.person[by]
        for pid in people:
            out.setdefault((by, values[pid]), set()).add(pid)
    for unit, (pid, family, contract) in rows:
        out.setdefault(("job_family", family), set()).add(pid)
        out.setdefault(("contract", contract), set()).add(pid)
        out.setdefault(("unit", mapping.get(unit, unit)), set()).add(pid)
    for pid in people:
        for phase in tagged.phases.get(pid, ()):
            out.setdefault(("life_phase", phase), set()).add(pid)
    pyramid = tagged.person["pyramid"]
    for pid in people:
        out.setdefault(("pyramid", pyramid[pid]), set()).add(pid)
    return {key: frozenset(ids) for key, ids in out.items() if ids}


def day_pattern(workforce: Workforce, *, day: date, k: int, subtrees: bool = True) -> DayPattern:
    """The protected headcounts of `workforce` (the user's whole scope) on `day` (cached).

    `subtrees=False` is the report's set: the whole organisation only, with units as they are
    (not rolled up to one level) or as deep as the report's unit depth (`unit_depth`), because the
    report publishes no table per unit subtree."""
    memo = _CACHE.setdefault(workforce, {})
    if (day, k, subtrees) in memo:
        return memo[(day, k, subtrees)]
    key = ("day", day, k, subtrees, cut_depth(workforce))  # the depth is not in the tables' content
    pattern = remembered(workforce, key,  # another process may have decided it
                         lambda: _decided(workforce, day=day, k=k, subtrees=subtrees))
    memo[(day, k, subtrees)] = pattern
    return pattern


def _decided(workforce: Workforce, *, day: date, k: int, subtrees: bool) -> DayPattern:
    """The day's cells of the scope and every subtree, audited as one set."""
    if not subtrees:  # built in Polars; `_report_pattern` is the plain version it must match
        present, phases = _present(workforce, day)
        counts, hidden = report_pattern_cells(present, workforce, day, phases, ladder(workforce), k=k)
        return DayPattern(day=day, k=k, counts=counts, hidden=hidden)
    cells = day_cells(workforce, day=day)
    hidden = withheld(cells, k=k)
    return DayPattern(day=day, k=k, counts={c.key: c.population for c in cells}, hidden=hidden)


def beside_day(workforce: Workforce, *, day: date, pattern: DayPattern, beside: pl.DataFrame,
               k: int) -> frozenset[tuple[str, str]]:
    """The rows (table, value) of `beside` (table, value, measure, person_id: counts about the people
    present on `day`) to withhold so that, read with the report's day set as `pattern` decided, they
    determine none of its hidden numbers (`protected_report_day.beside_withheld`)."""
    present, phases = _present(workforce, day)
    counts = {key: n for key, n in pattern.counts.items() if key[0] is None}
    return beside_withheld(present, workforce, day, phases, counts=counts, hidden=pattern.hidden, beside=beside, k=k)


def day_cells(workforce: Workforce, *, day: date) -> list[Cell]:
    """Every number the day's pages publish for the scope and each unit subtree, as cells of people
    (keys (unit, table, value)); also read by the year's joint audit (`protected_year`)."""
    present, phases = _present(workforce, day)
    tagged = _tag(present, workforce, day, phases)
    scopes: list[tuple[str | None, list[str], dict[str, str]]] = [(None, list(tagged.rows), level_units(workforce))]
    for unit, inside in all_subtrees(workforce).items():
        staffed = [u for u in tagged.rows if u in inside]
        if staffed:
            scope = dataclasses.replace(workforce, units=workforce.units.filter(pl.col("unit_id").is_in(list(inside))))
            scopes.append((unit, staffed, level_units(scope)))
    cells: list[Cell] = []
    for unit, inside, mapping in scopes:
        for (name, value), ids in _members(tagged, inside, mapping).items():
            cells.append(Cell(key=(unit, name, value), members=ids, population=len(ids), value=len(ids)))
    return cells


def report_day_pattern(workforce: Workforce, *, day: date, k: int, pages: DayPattern | None = None) -> DayPattern:
    """The report's day set (`day_pattern(subtrees=False)`), or with `pages` — what the dashboards
    publish on the day, decided on the uncut workforce (`unit_depth.uncut`) — for a reader of both
    (cached): the pages' cells, every subtree, join the set with the pages' decision as
    given. The document then shows and hides every number the pages also show exactly as they do
    (it decided the day's age bands apart before: 9 hidden on the pages and printed in it, on 31
    December 2025 of a 60-person organisation), and nothing it adds gives a hidden page number away."""
    if pages is None:
        return day_pattern(workforce, day=day, k=k, subtrees=False)
    signature = hashlib.sha256(repr(sorted(map(repr, pages.hidden))).encode()).hexdigest()
    memo = _CACHE.setdefault(workforce, {})
    if (day, k, signature) not in memo:
        key = ("report-day", day, k, signature, cut_depth(workforce))
        memo[(day, k, signature)] = remembered(workforce, key, lambda: _given(workforce, day=day, k=k, pages=pages))
    return memo[(day, k, signature)]


def _given(workforce: Workforce, *, day: date, k: int, pages: DayPattern) -> DayPattern:
    """`_report_pattern` with the pages' cells given; their scope's unit table (units rolled up to
    one level, `level_units`) renamed, as the report's unit table is another one."""
    page = lambda key: (None, "page_unit", key[2]) if key[:2] == (None, "unit") else key  # noqa: E731
    given = [dataclasses.replace(c, key=page(c.key)) for c in day_cells(uncut(workforce), day=day)]
    present, phases = _present(workforce, day)
    return _report_pattern(_tag(present, workforce, day, phases), ladder(workforce), day=day, k=k,
                           extra=_extra(workforce, day, phases), given=given,
                           given_hidden=frozenset(page(key) for key in pages.hidden))


def _extra(workforce: Workforce, day: date, phases: pl.DataFrame) -> dict[tuple[str, Hashable], frozenset]:
    """The phases section's and the pension wave's cells (`report_phase_cells`) as sets of people."""
    extra: dict[tuple[str, Hashable], set] = {}
    for table, value, pid in phase_table_members(workforce, day=day, named=phases).iter_rows():
        extra.setdefault((table, value), set()).add(pid)
    return {key: frozenset(ids) for key, ids in extra.items()}


def report_pattern_plain(workforce: Workforce, *, day: date, k: int) -> DayPattern:
    """`day_pattern(subtrees=False)` the plain way (Python sets of people): the oracle of tests."""
    present, phases = _present(workforce, day)
    return _report_pattern(_tag(present, workforce, day, phases), ladder(workforce), day=day, k=k,
                           extra=_extra(workforce, day, phases))


def _report_pattern(tagged: _Tagged, levels: list[dict[str, str]], *, day: date, k: int,
                    extra: dict[tuple[str, Hashable], frozenset], given: list[Cell] = (),
                    given_hidden: frozenset[Key] = frozenset()) -> DayPattern:
    """The report's set on a day, protected together with the same set at every coarser unit depth.

    The unit table at depth n shows deeper units as their ancestor at depth n (`levels[n-1]`). A
    reader holding the report at two depths could subtract one unit table from the other, so the
    depths are audited top down: depth 1 with what is given (nothing, or the pages' cells), then
    each next depth together with everything decided before it (hidden cells stay hidden and
    protected, published cells stay published: `withheld(already=…, keep=…)`). What all depths up
    to n publish together is then the one set the depth-n audit passed, whichever depths a reader
    compares. `extra`: the phases section's and the pension wave's cells (`report_phase_cells`), in
    every depth's set. `given`: cells already published elsewhere, `given_hidden` those of them
    withheld; a report cell with a given cell's key is that cell (the same people)."""
    units = list(tagged.rows)
    fixed: list[Cell] = list(given)  # decided before, each depth's unit table named unit@n
    fixed_hidden: set[Key] = set(given_hidden)
    known = {c.key for c in fixed}
    cells: list[Cell] = []
    hidden: frozenset[Key] = frozenset()
    for n, mapping in enumerate(levels or [{}], start=1):
        cells = [Cell(key=(None, name, value), members=ids, population=len(ids), value=len(ids))
                 for (name, value), ids in {**_members(tagged, units, mapping), **extra}.items()]
        fresh = [c for c in cells if c.key[1] == "unit" or c.key not in known]
        published = [c.key for c in fixed if c.key not in fixed_hidden]
        hidden = withheld([*fixed, *fresh], k=k, already=fixed_hidden, keep=published)
        for cell in fresh:
            withheld_here = cell.key in hidden
            if cell.key[1] == "unit":
                cell = dataclasses.replace(cell, key=(None, f"unit@{n}", cell.key[2]))
            fixed.append(cell)
            known.add(cell.key)
            if withheld_here:
                fixed_hidden.add(cell.key)
    keys = {c.key for c in cells}
    return DayPattern(day=day, k=k, counts={c.key: c.population for c in cells}, hidden=frozenset(hidden & keys))
