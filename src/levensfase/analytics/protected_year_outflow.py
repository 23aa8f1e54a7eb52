"""The dashboards' outflow numbers of one year, audited with the year's category pages (issue 16).

Beside the year's flow table (uitstroom per group) the pages read, for every unit subtree and
category: the influenceable outflow per group (the categories page's "whom we are losing", over
the period: `outflow_kinds.outflow_in_window`), the year's leavers per kind per group (the flows
page's finding: `outflow_by_kind`) and the subtree's leavers per kind in total and per age band
(the findings' headline). Each was suppressed on its own, so the flow table's uitstroom minus the
influenceable outflow gave the rest, and a total minus its shown groups gave a hidden one: read
together with the year's pages they gave 3.290 small numbers away on the 60-person attack
organisation (tests/attacks/test_attacks_dashboard_outflow.py).

Here they are cells of one set with the year's pattern (`protected_year`): its published numbers
are constants (kept, never a companion), its hidden small ones stay protected, and its companions
are left out (hidden, and nobody needs them undetermined), so the year's pages stay as decided;
the outflow rows' own small groups are protected and their companions are outflow rows. Every
count is a cell over persons (`window_members`, `exit_members`: two exits count twice); a row (one
table's group of one subtree) is withheld whole, its rates with it. The flows page's "outflow" is
the sum of the kinds (every exit has one kind); its rows' population (the primary rule) is the
window's people of the group (opening + inflow), or its leavers when more: cheaper than the flow
table's population the page used to judge by, and not above it but for net transfers
(tests/attacks checks no row small by that population is shown). Whole years only; the
findings' per-age-band table is the categories page's (the same numbers, one decision).
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable
from datetime import date

import polars as pl

from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.outflow_kinds import (
    EXIT_KINDS, OUTFLOW_VALUES, PARTS, exit_members, outflow_by_kind, outflow_in_window, window_members,
)
from levensfase.analytics.privacy import Cell, is_small, mark_withheld, suppress, withheld
from levensfase.analytics.privacy.store import decided_once
from levensfase.analytics.protected_flows import flow_scopes
from levensfase.analytics.protected_year import year_pattern, year_set
from levensfase.analytics.scope import rolled_up, subtree_workforce
from levensfase.model.workforce import Workforce

__all__ = ["WINDOW", "YEAR", "is_whole_year", "outflow_cells", "outflow_window_table", "outflow_year_table",
           "year_outflow_hidden"]

WINDOW, YEAR = "window", "year"  # the period's table (categories page, findings) and the flows page's year table
_MEASURES = {WINDOW: ("population", "stock2", "outflow", *EXIT_KINDS, *PARTS), YEAR: ("outflow", *EXIT_KINDS, *PARTS)}
_WHOLE = 10**9  # a subtree's total row is a companion only when nothing else can protect

_CACHE: weakref.WeakKeyDictionary[Workforce, dict[tuple, object]] = weakref.WeakKeyDictionary()

Row = tuple[str, str | None, str | None, str]  # (WINDOW or YEAR, scope, by (None: the total), value)


def is_whole_year(start: date, end: date) -> bool:
    """A period the year's decision covers: 1 January up to a day of the same year."""
    return start == date(end.year, 1, 1)


def year_outflow_hidden(workforce: Workforce, *, year: int, end: date, k: int) -> frozenset[Row]:
    """The outflow rows of `year` (up to `end`) the pages withhold, for the user's whole scope
    `workforce` and every subtree in it (cached, and kept in `privacy.store` when configured)."""
    return decided_once(_CACHE, workforce, ("year-outflow", year, end, k),
                        lambda: _decided(workforce, year=year, end=end, k=k))


def _decided(workforce: Workforce, *, year: int, end: date, k: int) -> frozenset[Row]:
    pattern = year_pattern(workforce, year=year, end=end, k=k)
    own = year_set(workforce, year=year, end=end, k=k)
    cells: list[Cell] = []
    already: set[Hashable] = set()
    kept: set[Hashable] = set()
    for key, cell in own.cells.items():
        if key not in pattern.out:
            kept.add(key)
        elif key in own.protected or cell.primary:
            already.add(key)
        else:
            continue  # a companion of the year's decision: hidden, nobody needs it undetermined
        cells.append(cell)
    outflow = outflow_cells(workforce, year=year, end=end, k=k)
    if not already and not any(c.primary for c in outflow):
        return frozenset()  # nothing small anywhere: nothing to protect
    out = withheld([*cells, *outflow], k=k, already=already, keep=kept, protect_secondary=False, row=_row,
                   show_determined=True)
    return frozenset(key[1:5] for key in out if key[0] == "outflow")


def _row(key: tuple) -> tuple:
    """An outflow row (one table's group of one subtree) is withheld whole; the year's cells are decided."""
    return key[:5] if key[0] == "outflow" else key


def outflow_cells(workforce: Workforce, *, year: int, end: date, k: int) -> list[Cell]:
    """Every subtree's outflow rows as cells ("outflow", table, scope, by, value, measure)."""
    start = date(year, 1, 1)
    cells: list[Cell] = []
    for scope in flow_scopes(workforce, start=start, end=end):
        sub = subtree_workforce(workforce, scope)
        for by in (None, *CATEGORIES):
            shown = rolled_up(sub) if by == "unit" else sub  # units as the pages show them (level units)
            window = window_members(shown, start=start, end=end, by=by).with_columns(
                measure=pl.col("measure").replace({"opening": "stock2", "closing": "stock2"}))
            cells += _cells(window, table=WINDOW, scope=scope, by=by, k=k, population=None)
            if by is None:
                continue
            exits = exit_members(shown, years=[year], by=by).filter(pl.col("year") == year)
            exits = pl.concat([exits, exits.filter(pl.col("measure").is_in(EXIT_KINDS)).with_columns(
                measure=pl.lit("outflow"))])
            # the year's people in the group as the window counts them (spells), or its leavers when
            # more (someone who moved in during the year): never more than the flow table's population
            people = pl.concat([window.filter(pl.col("measure") == "population").group_by("value").agg(
                n=pl.col("n").sum()), exits.filter(pl.col("measure") == "outflow").group_by("value").agg(
                n=pl.col("person_id").n_unique().cast(pl.Int64))]).group_by("value").agg(pl.col("n").max())
            population = {str(v): int(n) for v, n in people.iter_rows()}
            cells += _cells(exits, table=YEAR, scope=scope, by=by, k=k, population=population)
    return cells


def _cells(members: pl.DataFrame, *, table: str, scope: str | None, by: str | None, k: int,
           population: dict[str, int] | None) -> list[Cell]:
    """One table's rows as cells; a row's population: its spells in the period (`population`
    measure), or per value as given (`population`)."""
    weights: dict[tuple[str, str], dict[str, int]] = {}
    for value, measure, person, n in members.group_by("value", "measure", "person_id").agg(
            pl.col("n").sum()).iter_rows():
        row = weights.setdefault((str(value), measure), {})
        row[person] = row.get(person, 0) + int(n)
    values = set(population or {}) | {v for v, _m in weights}
    cells = []
    for value in sorted(values):
        people = population.get(value, 0) if population is not None else sum(weights.get((value, "population"), {}).values())
        small = is_small(people, k)
        for measure in _MEASURES[table]:
            w = weights.get((value, measure), {})
            cells.append(Cell(key=("outflow", table, scope, by, value, measure), members=frozenset(w),
                              population=_WHOLE if by is None and not small else people, value=sum(w.values()),
                              weights=w, primary=small))
    return cells


def outflow_window_table(workforce: Workforce, *, start: date, end: date, by: str | None, k: int,
                         unit: str | None = None) -> pl.DataFrame:
    """One outflow table of the period for `unit`'s subtree of the whole scope `workforce` (by None:
    its total). A whole year is withheld as the year's decision says (with the year's pages, issue
    16: `protected_year_outflow`); a longer period still table by table."""
    sub = subtree_workforce(workforce, unit)
    raw = outflow_in_window(rolled_up(sub) if by == "unit" else sub, start=start, end=end, by=by)
    if not is_whole_year(start, end):
        return suppress(raw, k=k, values=OUTFLOW_VALUES, has_total=by is not None).table
    hidden = year_outflow_hidden(workforce, year=end.year, end=end, k=k)
    return mark_withheld(raw, _gone(raw, WINDOW, unit, by, hidden), values=OUTFLOW_VALUES)


def outflow_year_table(workforce: Workforce, *, year: int, end: date, by: str, k: int,
                       unit: str | None = None) -> pl.DataFrame:
    """The exits per kind of `year` per group of `unit`'s subtree (the flows page's finding), withheld
    as the year's decision says (`protected_year_outflow`)."""
    sub = subtree_workforce(workforce, unit)
    raw = outflow_by_kind(rolled_up(sub) if by == "unit" else sub, years=[year], by=by).filter(pl.col("year") == year)
    hidden = year_outflow_hidden(workforce, year=year, end=min(date(year, 12, 31), end), k=k)
    return mark_withheld(raw, _gone(raw, YEAR, unit, by, hidden), values=OUTFLOW_VALUES)


def _gone(raw: pl.DataFrame, table: str, unit: str | None, by: str | None, hidden: frozenset[Row]) -> pl.Series:
    return pl.Series([(table, unit or None, by, str(v)) in hidden for v in raw["value"].to_list()], dtype=pl.Boolean)
