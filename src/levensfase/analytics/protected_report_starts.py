"""The retention section's rows by spell start, audited with the document's flow tables (issue 16).

A row per category value counts every spell in the history in the category it had on its first
day: its spells (n), its people, its leavers by as-of and its survival after 1, 2 and 5 years. The
flow tables count the same starts per year (inflow, in the same category on the same day) and the
same people's leavers, openings and closings. Suppressed table by table, the rows read with the
flow tables gave 30, 44 and 27 small numbers away on the three attack organisations
(tests/attacks/test_attacks_report_retention_starts.py). Here each row's counts are cells over
persons beside the flow set as the document decided it (`protected_report_flows`: its published
cells kept, its protected ones protected, its companions left out), only these rows free, a row
withheld whole — as the landmark rows are audited with their day set (`protected_day.beside_day`).

A survival is 1 − (leavers within the horizon) ÷ n exactly when no spell of the row is censored
before its last exit within the horizon (Kaplan–Meier's factors then telescope): then those
leavers are a cell. Otherwise the survival, like the median and the Greenwood band, is no linear
count, and the engine, which audits linear relations, does not model it (docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.flows import flow_members
from levensfase.analytics.privacy import is_small, small_expr, withheld
from levensfase.analytics.protected_report_flows import (
    EXACT_PEOPLE, STARTS, Row, audit_cells, outflow_members, pages_window_withheld, pages_withheld, row_populations,
    with_net,
)
from levensfase.analytics.retention import SUMMARY_HORIZONS
from levensfase.model.lifephase import PhaseRules
from levensfase.model.workforce import Workforce

__all__ = ["row_people", "starts_withheld"]

_ROW = {"by": pl.String, "year": pl.Int64, "value": pl.String}
Started = dict[str | None, pl.DataFrame]  # by (None: all) → person_id, value, duration_years, event per spell


def row_people(by: str | None, spells: pl.DataFrame) -> pl.DataFrame:
    """by, value, n: the people of each row by spell start of category `by` (`spells`: person_id,
    value per spell), named as the audit names its rows."""
    return spells.group_by(pl.col("value").cast(pl.String)).agg(n=pl.col("person_id").n_unique()).select(
        by=pl.lit(_name(by)), value="value", n="n")


def starts_withheld(workforce: Workforce, *, people: pl.DataFrame, started: Started | None, as_of: date,
                    years: Sequence[int], k: int, flows: frozenset[Row], rules: PhaseRules | None = None,
                    pages: bool = False) -> frozenset:
    """The rows (by, value) by spell start to withhold (by "all" for the whole row), beside the
    flow tables and outflow section as `flows` (`report_withheld`'s rows) decided them: a row the
    engine calls small by its people (`privacy.small_expr`) is protected, and so are the flow
    set's (its small rows, and with `pages` the rows the dashboards hide); its published cells are
    kept (never chosen as companions), its companions left out (withheld, and nobody needs them
    undetermined). Only these rows are free,
    a row goes whole. Nothing small and nothing withheld: nothing to audit. `people`: every row's
    people (`row_people`); `started`: the spells of every category, which only the exact audit
    reads (up to EXACT_PEOPLE people; beyond, None: a sector's would not fit beside the rest)."""
    small = people.filter(small_expr(pl.col("n"), k))
    if small.height == 0 and not flows:
        return frozenset()
    if started is None:  # beyond EXACT_PEOPLE (the caller's test), as the flow tables: tables go whole
        return _whole_tables(people, small, flows)
    members = _members(started)
    frame = with_net(flow_members(workforce, years=years, bys=CATEGORIES))
    outflow = outflow_members(workforce, as_of=as_of, years=years, rules=rules, pages=pages)
    frame = pl.concat([frame, outflow.select(frame.columns)], how="vertical_relaxed")
    totals = frame.group_by("by", "year", "value", "measure").agg(pl.col("n").sum())
    sizes = row_populations({(b, y, v, m): int(n) for b, y, v, m, n in totals.iter_rows()})
    protected = {row for row, n in sizes.items() if is_small(n, k)} | (_elsewhere(workforce, as_of, years, k)
                                                                       if pages else set())
    companions = [row for row in flows if row not in protected]
    frame = frame.join(pl.DataFrame(companions, schema=_ROW, orient="row"), on=["by", "year", "value"], how="anti",
                       nulls_equal=True)
    cells, classes = audit_cells(pl.concat([frame, members.select(frame.columns)], how="vertical_relaxed"), k, True)
    mine = lambda key: key[0] is not None and key[0].startswith(STARTS)  # noqa: E731
    already = [c.key for c in cells if not mine(c.key) and c.key[:3] in flows]
    keep = [c.key for c in cells if not mine(c.key) and c.key[:3] not in flows]
    # dense up to EXACT_PEOPLE classes (one per person at most): the demo's 5.021 took the sparse
    # path's 353 s CPU, the dense one's 20 s (2 × 5.021² int64: 400 MB)
    out = withheld(cells, k=k, already=already, keep=keep, protect_secondary=False, row=lambda key: key[:3],
                   classes=classes, show_determined=True, dense_width=EXACT_PEOPLE)
    return frozenset((_by(key[0]), key[2]) for key in out if mine(key))


def _elsewhere(workforce: Workforce, as_of: date, years: Sequence[int], k: int) -> frozenset[Row]:
    """The rows `report_withheld` protected because the dashboards hide them (its `elsewhere`)."""
    return pages_withheld(workforce, years=years, bys=CATEGORIES, k=k) | pages_window_withheld(
        workforce, as_of=as_of, k=k)


def _name(by: str | None) -> str:
    return STARTS if by is None else f"{STARTS}:{by}"


def _by(name: str) -> str:
    return name.removeprefix(STARTS).removeprefix(":") or "all"


def _members(started: Started) -> pl.DataFrame:
    """by, year (0), value, measure, person_id, n: each spell adds 1 to its row's n, a leaver to
    its events and to its leavers within each horizon where the survival is linear in them
    (module docstring); each person 1 to the people of every row they started a spell in."""
    parts = []
    for by, spells in started.items():
        spells = spells.select("person_id", "duration_years", "event", value=pl.col("value").cast(pl.String))
        gone = spells.filter(pl.col("event"))
        mine = [spells.with_columns(measure=pl.lit("n")), gone.with_columns(measure=pl.lit("events")),
                spells.unique(["person_id", "value"]).with_columns(measure=pl.lit("population"))]
        for years in SUMMARY_HORIZONS:
            within = gone.filter(pl.col("duration_years") <= years)
            last = within.group_by("value").agg(pl.col("duration_years").max().alias("last"))
            early = spells.filter(~pl.col("event")).join(last, on="value").filter(
                pl.col("duration_years") < pl.col("last")).select("value").unique()
            mine.append(within.join(early, on="value", how="anti").with_columns(measure=pl.lit(f"within_{years}y")))
        parts += [part.select("person_id", "value", "measure", by=pl.lit(_name(by))) for part in mine]
    return (pl.concat(parts).group_by("by", "value", "measure", "person_id").agg(n=pl.len().cast(pl.Int64))
            .with_columns(year=pl.lit(0, dtype=pl.Int64)))


def _whole_tables(people: pl.DataFrame, small: pl.DataFrame, flows: frozenset[Row]) -> frozenset:
    """Beyond EXACT_PEOPLE: every row of a table with a small row, or whose category's flow table
    withholds a row (the whole organisation's for the row "all"), is withheld."""
    names = {_by(name) for name in small["by"].to_list()}
    names |= {by or "all" for by, _year, _value in flows if by is None or by in CATEGORIES}
    return frozenset((_by(by), value) for by, value in people.select("by", "value").iter_rows() if _by(by) in names)
