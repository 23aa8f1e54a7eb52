"""The `analyse` document's flow tables, every category and every year, as one linked set (issue 16).

Suppressed one table at a time (even with a group hidden in one year hidden in every year), the
tables gave hidden numbers away through the people they share: the same leaver is in the
outflow per age band, per generation, per sex and per unit, and a year's closing is the next
year's opening. Read together, the flow tables of the attack organisations gave 172 of 188, 199
of 308 and 103 of 151 hidden numbers (tests/attacks/test_attacks_report_categories.py). Here
every count the tables publish — opening, inflow, outflow, closing, internal mobility, promotions
per group, category and year, and the whole organisation's — is a cell whose members are the
*persons* it counts (with how often: two moves in a year count twice), so any difference between
published numbers, across categories and years, is an exact relation the engine (`privacy.withheld`)
sees. transfers_net (closing − opening − inflow + outflow) is a cell too: a group's net transfers
can be determined when none of the four is; the rates are functions of their row, which is shown
or hidden whole.

The outflow section counts the same leavers (`report_outflow`): its tables of the 12 months up to
as-of per category and whole (population, twice the average stock, leavers per kind and part;
`outflow_kinds.window_members`), its cohort per life phase (`phase_cohort_members`) and the whole
organisation's leavers per kind and year (`exit_members`) are cells of the same set, so one
decision (`report_withheld`) covers both; suppressed table by table they gave 52, 22 and 36 small
numbers away with the flow tables. Its rates, shares and average stock are functions of their
row, shown or hidden whole.

People with the same signature (the cells they are in, with weights) merge into one class in
Polars, as in `protected_report_day`: the engine works on classes, never on Python sets of people.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date

import polars as pl

from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.flows import flow_members, flows_by
from levensfase.analytics.outflow_kinds import EXIT_KINDS, PARTS, each_window_members, exit_members, phase_cohort_members
from levensfase.analytics.policy_scan import window_start
from levensfase.analytics.privacy import Cell, is_small, mark_withheld, small_expr, withheld
from levensfase.analytics.retention import SUMMARY_HORIZONS
from levensfase.analytics.unit_depth import at_depth, ladder
from levensfase.model.lifephase import PhaseRules
from levensfase.model.recorded_history import first_recorded_year
from levensfase.model.workforce import Workforce

__all__ = ["AUDITED", "EXACT_PEOPLE", "FLOW_POPULATION", "OUTFLOW_BY", "PHASES", "STARTS", "STARTS_AUDITED", "WINDOW",
           "WINDOW_AUDITED", "audit_cells", "blank_withheld", "outflow_by", "outflow_members", "outflow_window",
           "pages_window_withheld", "pages_withheld", "report_withheld", "row_populations", "with_net", "withheld_rows"]

# a row's population as the document judges it: the spells in the group during the year
FLOW_POPULATION = pl.col("opening") + pl.col("inflow") + pl.col("transfers_net").clip(lower_bound=0)
EXACT_PEOPLE = 6_000  # people ever employed; measured: 5.040 (a 2.500 organisation), full tree, k = 10: 62 s CPU
AUDITED = ("opening", "inflow", "outflow", "closing", "internal_mobility", "promotions", "transfers_net")
OUTFLOW_BY = ("age_band", "job_family", "unit", "contract")  # the outflow section's categories of the window
WINDOW = "last_12_months"  # its rows: by WINDOW (whole organisation, value "all") or "WINDOW:category"
KINDS = (*EXIT_KINDS, *PARTS)  # leavers per kind: the window's rows and the whole organisation's years
WINDOW_AUDITED = ("population", "stock2", "outflow", *KINDS)  # stock2: opening + closing (2 × average stock)
PHASES = f"{WINDOW}:life_phase"  # the cohort per life phase on the window's first day
PHASE_AUDITED = ("population", "influenceable", "pension")
STARTS = "spell_start"  # the retention section's rows by spell start (`protected_report_starts`): STARTS[:by]
STARTS_AUDITED = ("n", "events", "population", *(f"within_{y}y" for y in SUMMARY_HORIZONS))
_UNITS = ("unit", f"{WINDOW}:unit")  # the unit tables, audited over the depth ladder
_NET = {"closing": 1, "opening": -1, "inflow": -1, "outflow": 1}  # transfers_net from the four stock counts
_WHOLE = 10**9  # the whole organisation's row is never chosen as companion unless nothing else can protect
_PAGES = "pages"  # the dashboards' cells of the window's year, given to the life-phase audit (`_pages_year`)
_WEIGHT = 1 << 20  # a signature entry is cell index × _WEIGHT + weight + _WEIGHT / 2 (weights may be negative)

Row = tuple[str | None, int, str]  # (category or None for the whole organisation, year, value)


def outflow_window(workforce: Workforce, *, as_of: date, pages: bool = False) -> tuple[date, date]:
    """The outflow section's window (`WINDOW`): the 12 months up to as_of, the policy scan's. For a
    reader of the dashboards (`pages`) the last whole calendar year up to as_of instead (as-of's
    own year so far when that year began before the recorded history, whose years the pages do not
    offer and which hold no leavers): the dashboards publish whole years, and a window across two
    of them, read with both years' pages, gave 246, 21 and 69 of their hidden numbers away on the
    three attack organisations (tests/attacks/test_attacks_report_window.py); a whole year's rows
    are the categories page's."""
    if not pages:
        return window_start(as_of), as_of
    if (as_of.month, as_of.day) == (12, 31):
        return date(as_of.year, 1, 1), as_of
    first = first_recorded_year(workforce)
    if first is not None and as_of.year - 1 < first:
        return date(as_of.year, 1, 1), as_of
    return date(as_of.year - 1, 1, 1), date(as_of.year - 1, 12, 31)


def outflow_by(*, pages: bool = False) -> tuple[str, ...]:
    """The window's categories. For a reader of the dashboards not its unit table: the pages show
    units per subtree one level down (`scope.rolled_up`), so the document's units at its own depth
    would be numbers no page audit has seen; the flows page has each unit's outflow."""
    return tuple(by for by in OUTFLOW_BY if by != "unit") if pages else OUTFLOW_BY


def withheld_rows(workforce: Workforce, *, years: Sequence[int], bys: Sequence[str], k: int,
                  elsewhere: frozenset[Row] = frozenset(), as_of: date | None = None,
                  rules: PhaseRules | None = None, pages: bool = False) -> frozenset[Row]:
    """The rows (category, year, value) the document withholds. A row with 0 < population < k
    (spells in the group during the year: opening + inflow + transfers in) is small; the others
    are withheld only to protect one. `elsewhere`: rows withheld because the same numbers are
    hidden on pages the reader also sees (`pages_withheld`): withheld, and protected like small ones.
    `as_of`: the outflow section's cells join the set (`outflow_members`): its window rows
    (WINDOW, the window's last year) and the leavers per kind in the whole organisation's rows; then
    its cohort per life phase (PHASES, with `rules`) is audited with every other cell as decided
    (kept or withheld): retention removes leavers' life events, and past flow tables must stay the
    same (DESIGN §6), so their decision may not rest on the phases. `pages`: for a reader of the
    dashboards, the window is a whole year (`outflow_window`) and that year's pages, as they
    decided, are given to the phases' audit (`_pages_year`).

    The unit table is audited at every depth of the report's ladder (`unit_depth.ladder`), top
    down, each depth with what the coarser ones decided kept (as `protected_report_day` does), so
    the documents at two depths show the same other tables and comparing them reveals nothing.

    Beyond EXACT_PEOPLE people the person-level set is out of the engine's reach (a sector's full
    unit tree: 200.000 people, 5.000 units, 10 GB and more than 7 minutes before it was stopped);
    there every table with a small row is withheld whole instead (docs/privacy.md says what that
    does and does not prove)."""
    levels = ladder(workforce) if "unit" in bys else []
    exact = workforce.people.height <= EXACT_PEOPLE
    outflow = (outflow_members(workforce, as_of=as_of, years=years, rules=rules, pages=pages, people=exact)
               if as_of is not None else None)
    small = _small_tables(workforce, years=years, bys=bys, depths=len(levels), k=k)
    small |= _small_window(outflow, levels, k) if outflow is not None else set()
    if not small and not elsewhere:
        return frozenset()  # nothing to protect: the person-level set is never built
    if not exact:
        whole = small | {by for by, _year, _value in elsewhere}
        tables = flows_by(workforce, years=years, bys=list(bys))
        rows = {(by, y, v) for by in bys if by in whole for y, v in tables[by].select("year", "value").iter_rows()}
        if outflow is not None:
            names = [name for name in whole if isinstance(name, str)]  # ((by, depth): a coarser unit table)
            rows |= set(outflow.filter(pl.col("by").is_in(names)).select("by", "year", "value").iter_rows())
        return elsewhere | rows
    members = with_net(flow_members(workforce, years=years, bys=bys))
    phases = None
    if outflow is not None:
        is_phase = pl.col("by").eq_missing(PHASES)
        phases = outflow.filter(is_phase).select(members.columns)
        members = pl.concat([members, outflow.filter(~is_phase).select(members.columns)], how="vertical_relaxed")
    kinds = outflow is not None
    given = {(*row, measure) for row in elsewhere for measure in _measures(row[0], kinds)}
    if levels:
        keys, hidden, frame = _by_depth(members, levels=levels, given=given, k=k, kinds=kinds)
    else:
        frame = members
        keys, hidden = _audit(members, k=k, already=given, keep=[], kinds=kinds)
    if phases is not None and phases.height:  # the life phases last: the rest as decided (docstring)
        frame = pl.concat([frame, phases], how="vertical_relaxed")
        already, keep = {key for key in keys if key[:3] in hidden}, [key for key in keys if key[:3] not in hidden]
        if pages:
            page_frame, page_hidden, page_kept = _pages_year(workforce, as_of=as_of, k=k)
            frame = pl.concat([frame, page_frame.select(frame.columns)], how="vertical_relaxed")
            already, keep = already | page_hidden, keep + page_kept
        hidden |= _audit(frame, k=k, already=already, keep=keep, kinds=kinds)[1]
    return frozenset(row for row in hidden if "@" not in (row[0] or "") and row[0] != _PAGES) | elsewhere


def _by_depth(members: pl.DataFrame, *, levels: list[dict[str, str]], given: set, k: int,
              kinds: bool) -> tuple[list[Hashable], frozenset[Row], pl.DataFrame]:
    """The set with the unit tables at every depth of the ladder, audited top down, each depth with
    what the coarser ones decided (withheld or kept): the last depth's keys, withheld rows (unit
    tables of coarser depths named "unit@n") and frame."""
    is_unit = pl.col("by").is_in(_UNITS).fill_null(False)
    common, unit = members.filter(~is_unit), members.filter(is_unit)
    depths = [unit.with_columns(by=pl.col("by") + f"@{n}", value=pl.col("value").replace(mapping) if mapping
                                else pl.col("value"))
              .group_by("by", "year", "value", "measure", "person_id").agg(pl.col("n").sum())
              for n, mapping in enumerate(levels, start=1)]
    already: set[Hashable] = {key for key in given if key[0] not in _UNITS}
    keep: list[Hashable] = []
    for n in range(1, len(levels) + 1):
        mark = f"@{n}"
        frame = pl.concat([common, *(d.select(common.columns) for d in depths[:n])]).with_columns(
            by=pl.when(pl.col("by").str.ends_with(mark)).then(pl.col("by").str.strip_suffix(mark))
            .otherwise(pl.col("by")))
        mine = already | ({key for key in given if key[0] in _UNITS} if n == len(levels) else set())
        keys, hidden = _audit(frame, k=k, already=mine, keep=keep, kinds=kinds)
        named = {key: (key[0] + mark, *key[1:]) if key[0] in _UNITS else key for key in keys}
        already = {named[key] for key in keys if key[:3] in hidden}
        keep = [named[key] for key in keys if key[:3] not in hidden]
    return keys, hidden, frame


def report_withheld(workforce: Workforce, *, as_of: date, years: Sequence[int], k: int,
                    pages: bool = False, rules: PhaseRules | None = None) -> frozenset[Row]:
    """The rows the `analyse` document withholds in its flow tables and its outflow section: one
    decision for both (they count the same leavers). `pages`: for a reader of the dashboards too."""
    elsewhere = (pages_withheld(workforce, years=years, bys=CATEGORIES, k=k)
                 | pages_window_withheld(workforce, as_of=as_of, k=k) if pages else frozenset())
    return withheld_rows(workforce, years=years, bys=CATEGORIES, k=k, elsewhere=elsewhere, as_of=as_of, rules=rules,
                         pages=pages)


def blank_withheld(table: pl.DataFrame, *, by: str | None, hidden: frozenset[Row], values: Sequence[str],
                   year: int | None = None) -> pl.DataFrame:
    """`table` (year, value, …) with `suppressed` set on the rows `hidden` holds as (by, year, value)
    and their `values` emptied; `year`: the one year of a table without a year column."""
    keys = (table.select("year", "value").iter_rows() if year is None else ((year, v) for v in table["value"]))
    return mark_withheld(table, pl.Series([(by, y, v) in hidden for y, v in keys], dtype=pl.Boolean), values=values)


def outflow_members(workforce: Workforce, *, as_of: date, years: Sequence[int],
                     rules: PhaseRules | None, pages: bool, people: bool = True) -> pl.DataFrame:
    """What each person adds to the outflow section's counts, in `flow_members`' columns: the
    window's rows per category and whole (`window_members`, opening and closing as one stock2,
    since the section shows their mean), the cohort per life phase (PHASES) and the whole
    organisation's leavers per kind and year. Without `people` (a sector, beyond EXACT_PEOPLE:
    only the rows' counts are read) each part is summed over the people as soon as it is made,
    so the person-level rows of every category are never held together (9 GB at 1,5 million)."""
    start, end = outflow_window(workforce, as_of=as_of, pages=pages)
    keys = ["by", "year", "value", "measure", *(["person_id"] if people else [])]
    frames = [members.select(
        by=pl.lit(WINDOW if by is None else f"{WINDOW}:{by}", dtype=pl.String), year=pl.lit(end.year, dtype=pl.Int64),
        value=pl.col("value"), measure=pl.col("measure").replace({"opening": "stock2", "closing": "stock2"}),
        person_id=pl.col("person_id"), n=pl.col("n")).group_by(keys).agg(pl.col("n").sum())
        for by, members in each_window_members(workforce, start=start, end=end, bys=[None, *outflow_by(pages=pages)])]
    frames.append(phase_cohort_members(workforce, start=start, end=end, rules=rules).select(
        by=pl.lit(PHASES, dtype=pl.String), year=pl.lit(end.year, dtype=pl.Int64), value=pl.col("value"),
        measure=pl.col("measure"), person_id=pl.col("person_id"), n=pl.col("n")).group_by(keys).agg(pl.col("n").sum()))
    if years:
        frames.append(exit_members(workforce, years=years).select(
            by=pl.lit(None, dtype=pl.String), year=pl.col("year").cast(pl.Int64), value=pl.col("value"),
            measure=pl.col("measure"), person_id=pl.col("person_id"), n=pl.col("n")).group_by(keys).agg(
            pl.col("n").sum()))
    return pl.concat(frames).group_by(keys).agg(pl.col("n").sum())


def _measures(by: str | None, kinds: bool) -> tuple[str, ...]:
    """The audited counts of a row: the window's, or a flow row's (the whole organisation's with its
    leavers per kind when the outflow section is in the set)."""
    if by is not None and by.startswith(WINDOW):
        return PHASE_AUDITED if by == PHASES else WINDOW_AUDITED
    if by == _PAGES:
        return ("n",)
    if by is not None and by.startswith(STARTS):
        return STARTS_AUDITED
    return (*AUDITED, *KINDS) if by is None and kinds else AUDITED


def _small_tables(workforce: Workforce, *, years: Sequence[int], bys: Sequence[str], depths: int, k: int) -> set:
    """The tables with a small row: a category (None for the whole organisation), or ("unit", n)
    for the unit table at a coarser depth n of the ladder."""
    tables: dict[Hashable, pl.DataFrame] = dict(flows_by(workforce, years=years, bys=[None, *bys]))
    tables |= {("unit", n): flows_by(at_depth(workforce, n), years=years, bys=["unit"])["unit"] for n in range(1, depths)}
    return {name for name, t in tables.items() if t.filter(small_expr(FLOW_POPULATION, k)).height}


def _small_window(outflow: pl.DataFrame, levels: list[dict[str, str]], k: int) -> set:
    """The window's tables with a small row (population: its spells), the unit table's coarser
    depths as (WINDOW:unit, n)."""
    window = outflow.filter(pl.col("by").str.starts_with(WINDOW).fill_null(False))
    population = (pl.col("measure") == "population") * pl.col("n")
    names: set[Hashable] = set()
    for n, mapping in [(None, {}), *((n, m) for n, m in enumerate(levels[:-1], start=1))]:
        frame = window if n is None else window.filter(pl.col("by") == _UNITS[1]).with_columns(
            pl.col("value").replace(mapping))
        rows = frame.group_by("by", "value").agg(population.sum().alias("population"))
        names |= {by if n is None else (by, n) for by in rows.filter(small_expr(pl.col("population"), k))["by"]}
    return names


def with_net(members: pl.DataFrame) -> pl.DataFrame:
    """The audited counts per person, transfers_net (closing − opening − inflow + outflow) added."""
    members = members.with_columns(pl.col("n").cast(pl.Int64))
    net = (members.filter(pl.col("measure").is_in(list(_NET)))
           .group_by("by", "year", "value", "person_id")
           .agg(n=(pl.col("n") * pl.col("measure").replace_strict(_NET, return_dtype=pl.Int64)).sum())
           .filter(pl.col("n") != 0).with_columns(measure=pl.lit("transfers_net")))
    return pl.concat([members.filter(pl.col("measure").is_in(AUDITED)), net.select(members.columns)])


def _audit(members: pl.DataFrame, *, k: int, already: set, keep: list, kinds: bool) -> tuple[list[Hashable], frozenset]:
    """Every cell's key and the withheld rows (with `already` withheld and `keep` shown before)."""
    cells, classes = audit_cells(members, k, kinds)
    keys = [c.key for c in cells]
    already = already & set(keys)
    if not already and not any(c.primary for c in cells):
        return keys, frozenset()
    hidden = withheld(cells, k=k, already=already, keep=keep, protect_secondary=False, row=lambda key: key[:3],
                      classes=classes, show_determined=True)
    return keys, frozenset(key[:3] for key in hidden)


def audit_cells(members: pl.DataFrame, k: int, kinds: bool) -> tuple[list[Cell], list[dict[int, int]]]:
    """The cells in the engine's order (by repr of the key) and their members as merged classes."""
    values = members.group_by("by", "year", "value", "measure").agg(pl.col("n").sum().alias("total"))
    totals = {(b, y, v, m): int(n) for b, y, v, m, n in values.iter_rows()}
    populations = row_populations(totals)
    keys: list[Hashable] = sorted({(b, y, v, m) for (b, y, v) in populations for m in _measures(b, kinds)}, key=repr)
    index = pl.DataFrame({"by": [key[0] for key in keys], "year": [key[1] for key in keys],
                          "value": [key[2] for key in keys], "measure": [key[3] for key in keys],
                          "idx": range(len(keys))},
                         schema={"by": pl.String, "year": pl.Int64, "value": pl.String, "measure": pl.String,
                                 "idx": pl.Int64})
    tagged = members.join(index, on=["by", "year", "value", "measure"], how="inner", nulls_equal=True)
    code = pl.col("idx") * _WEIGHT + pl.col("n") + _WEIGHT // 2
    signatures = tagged.group_by("person_id").agg(code.sort().alias("cells"), first=pl.col("idx").min())
    classes = (signatures.group_by("cells").agg(pl.col("first").first(), pl.col("person_id").min().alias("least"))
               .sort("first", "least").with_row_index("cls"))
    pairs = classes.select("cls", "cells").explode("cells").select(
        "cls", idx=pl.col("cells") // _WEIGHT, weight=pl.col("cells") % _WEIGHT - _WEIGHT // 2)
    per_cell: list[dict[int, int]] = [{} for _ in keys]
    for cls, idx, weight in pairs.iter_rows():
        per_cell[idx][cls] = weight
    cells = []
    for i, key in enumerate(keys):
        people = populations.get(key[:3], 0)
        small = is_small(people, k)
        additive = key[3] != "transfers_net"  # a signed sum: a published 0 does not make its members 0
        cells.append(Cell(key=key, members=frozenset(per_cell[i]),
                          population=_WHOLE if key[0] in (None, WINDOW, STARTS) and not small else people,
                          value=totals.get(key, 0) if additive else None, primary=small))
    return cells, per_cell


def row_populations(totals: dict[tuple, int]) -> dict[Row, int]:
    """Each row's population as the document judges it: opening + inflow + transfers in (a flow
    row), the spells in the period (a window row), its people (a row by spell start)."""
    rows: dict[Row, int] = {}
    for (by, year, value, measure), n in totals.items():
        if by is not None and by.startswith((WINDOW, STARTS)):
            add = n if measure == "population" else 0
        else:
            add = n if measure in ("opening", "inflow") else max(n, 0) if measure == "transfers_net" else 0
        rows[(by, year, value)] = rows.get((by, year, value), 0) + add
    return rows


def pages_withheld(workforce: Workforce, *, years: Sequence[int], bys: Sequence[str], k: int) -> frozenset[Row]:
    """The document's rows whose numbers the dashboards hide for the whole organisation: its
    inflow, outflow and internal mobility per group are the "Welke categorieën?" page's, its
    opening and closing nearly the headcounts of 1 January and 31 December. A reader of both (the
    web's download and API) must not find one printed where the other hides it."""
    from levensfase.analytics.dashboard import category_table
    from levensfase.analytics.protected_day import DAY_CATEGORIES

    rows: set[Row] = set()
    for year in years:
        for by in (b for b in bys if b in DAY_CATEGORIES):
            table, average = category_table(workforce, start=date(year, 1, 1), end=date(year, 12, 31), by=by, k=k)
            hidden = table.filter(pl.col("suppressed") | pl.col("start_suppressed") | pl.col("end_suppressed"))
            rows |= {(by, year, str(value)) for value in hidden["value"].to_list()}
            if average is None:
                rows.add((None, year, "all"))
    return frozenset(rows)


def pages_window_withheld(workforce: Workforce, *, as_of: date, k: int) -> frozenset[Row]:
    """The window's rows (`outflow_window` with pages: a whole year) whose numbers the dashboards
    hide: its rows per category and whole are the categories page's influenceable outflow and the
    findings' headline of that year for the whole organisation (`protected_year_outflow`), and its
    cohort per life phase counts the life phases of the year's first day's pages. Withheld here
    too, the document prints of that year's outflow only what the pages print."""
    from levensfase.analytics.protected_year import published_day_pattern
    from levensfase.analytics.protected_year_outflow import WINDOW as PAGE_WINDOW
    from levensfase.analytics.protected_year_outflow import year_outflow_hidden

    start, end = outflow_window(workforce, as_of=as_of, pages=True)
    hidden = year_outflow_hidden(workforce, year=end.year, end=end, k=k)
    rows: set[Row] = {(WINDOW if by is None else f"{WINDOW}:{by}", end.year, value)
                      for table, scope, by, value in hidden
                      if table == PAGE_WINDOW and scope is None and (by is None or by in outflow_by(pages=True))}
    day = published_day_pattern(workforce, day=start, k=k, end=end)
    rows |= {(PHASES, end.year, str(value)) for scope, table, value in day.hidden
             if scope is None and table == "life_phase"}
    return frozenset(rows)


def _pages_year(workforce: Workforce, *, as_of: date, k: int) -> tuple[pl.DataFrame, set, list]:
    """The dashboards' numbers of the window's year (`outflow_window` with pages) in `flow_members`'
    columns, one row per cell (by `_PAGES`), with the pages' decision: (frame, the hidden cells
    they protect, the published ones). The cohort per life phase counts leavers of that year as
    the pages do; audited without them, read with the year's pages it gave one of their hidden
    numbers away on the 60-person attack organisation (tests/attacks/test_attacks_report_window.py).
    The pages' companions are left out (hidden, nobody needs them undetermined), as in
    `protected_year_outflow`."""
    from levensfase.analytics.protected_year import year_pattern, year_set
    from levensfase.analytics.protected_year_outflow import outflow_cells, year_outflow_hidden

    _start, end = outflow_window(workforce, as_of=as_of, pages=True)
    pattern = year_pattern(workforce, year=end.year, end=end, k=k)
    own = year_set(workforce, year=end.year, end=end, k=k)
    given = [(cell, key not in pattern.out) for key, cell in own.cells.items()
             if key not in pattern.out or key in own.protected or cell.primary]
    out = year_outflow_hidden(workforce, year=end.year, end=end, k=k)
    given += [(cell, cell.key[1:5] not in out) for cell in outflow_cells(workforce, year=end.year, end=end, k=k)]
    keys = [(_PAGES, end.year, str(i), "n") for i in range(len(given))]
    rows = [(str(i), person, cell.weight(person)) for i, (cell, _shown) in enumerate(given) for person in cell.members]
    frame = pl.DataFrame(rows, schema={"value": pl.String, "person_id": pl.String, "n": pl.Int64}, orient="row")
    frame = frame.with_columns(by=pl.lit(_PAGES), year=pl.lit(end.year, dtype=pl.Int64), measure=pl.lit("n"))
    return (frame, {key for key, (_cell, shown) in zip(keys, given) if not shown},
            [key for key, (_cell, shown) in zip(keys, given) if shown])
