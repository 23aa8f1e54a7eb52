"""Issue 16's attack on the dashboards' outflow numbers of one whole year, read with the year's
category pages. For every unit subtree and every category a user can choose, the pages publish:
the "Welke categorieën?" flow table (people, instroom, doorstroom, uitstroom per group, the first
and last day's headcounts and the subtree's totals), beside it the influenceable outflow per group
(the finding "whom we are losing" reads its rows: leavers per kind and part, the people and the
average stock), the flows page's leavers per kind of the year per group (its finding), and the
findings' headline (the subtree's leavers per kind in the period, per age band too). The same
leavers are in all of them, each person one unknown within the year (`year_numbers.together`).
The attacker reads every row a page uses as published (an upper bound of what the findings' words
give away). Suppressed table by table (`privacy.suppress`, the rule until 7 Dec 2026) the outflow
numbers gave small groups away; audited with the year's pattern (`protected_year_outflow`) none.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cache

import polars as pl
import pytest

from attacks.orgs import ORGS, YEARS, organisation
from attacks.year_numbers import category_parts, together
from levensfase.analytics.absence import years_in
from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.dashboard import category_table, unit_workforce
from levensfase.analytics.flows import category_at
from levensfase.analytics.outflow_kinds import (
    EXIT_KINDS, OUTFLOW_VALUES, PARTS, classified_exits, outflow_by_kind, outflow_in_window,
)
from levensfase.analytics.privacy import suppress
from levensfase.analytics.scope import rolled_up

K = 5
COUNTS = ("outflow", *EXIT_KINDS, *PARTS)
VALUES = list(OUTFLOW_VALUES)


@cache
def _pages(employees: int, seed: int, year: int) -> dict:
    return category_parts(organisation(employees=employees, seed=seed), start=date(year, 1, 1), end=date(year, 12, 31))


def _as_published(org, year: int) -> list[tuple]:
    """Every outflow table the pages read for the year: (kind, scope, by, table as published, truth)."""
    from levensfase.analytics.findings.dashboards import outflow_window_tables
    from levensfase.web.dashboards.selectors.categories import influenceable_table
    from levensfase.web.dashboards.selectors.flows import outflow_year_table

    start, end = date(year, 1, 1), date(year, 12, 31)
    out = []
    for scope in _scopes(org):
        published = _published(org, start, end, scope)
        for by in CATEGORIES:
            sub = _sub(org, scope, by)
            out.append(("win", scope, by, influenceable_table(org, start=start, end=end, by=by, k=K, unit=scope,
                                                              published=published[by]),
                        outflow_in_window(sub, start=start, end=end, by=by)))
            out.append(("yr", scope, by, outflow_year_table(org, year=year, end=end, by=by, unit=scope, k=K,
                                                            published=published[by]),
                        outflow_by_kind(sub, years=[year], by=by)))
        total, groups = outflow_window_tables(org, start=start, end=end, k=K, unit=scope)
        sub = unit_workforce(org, scope)
        out.append(("find", scope, None, total, outflow_in_window(sub, start=start, end=end)))
        out.append(("find", scope, "age_band", groups, outflow_in_window(sub, start=start, end=end, by="age_band")))
    return out


def _table_by_table(org, year: int) -> list[tuple]:
    """The same tables each through `privacy.suppress` on its own (the rule until 7 Dec 2026)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    out = []
    for scope in _scopes(org):
        published = _published(org, start, end, scope)
        for by in CATEGORIES:
            sub = _sub(org, scope, by)
            for kind, raw in (("win", outflow_in_window(sub, start=start, end=end, by=by)),
                              ("yr", outflow_by_kind(sub, years=[year], by=by))):
                table = suppress(raw, k=K, values=VALUES).table.with_columns(
                    pl.col("suppressed") | ~pl.col("value").cast(pl.String).is_in(list(published[by])))
                out.append((kind, scope, by, table, raw))
        sub = unit_workforce(org, scope)
        for by in (None, "age_band"):
            raw = outflow_in_window(sub, start=start, end=end, by=by)
            out.append(("find", scope, by, suppress(raw, k=K, values=VALUES, has_total=by is not None).table, raw))
    return out


def _scopes(org) -> list[str | None]:
    return [None, *org.units["unit_id"].to_list()]


def _sub(org, scope, by):
    sub = unit_workforce(org, scope)
    return rolled_up(sub) if by == "unit" else sub  # units as the pages show them (level units)


def _published(org, start: date, end: date, scope) -> dict[str, set[str]]:
    """Per category the groups whose turnover the page shows (the findings name only those)."""
    out = {}
    for by in CATEGORIES:
        table, _average = category_table(org, start=start, end=end, by=by, k=K, unit=scope)
        out[by] = {str(v) for v in table.filter(~pl.col("suppressed") & pl.col("turnover_rate").is_not_null())["value"]}
    return out


def _model(org, year: int, scope, by, kind: str) -> dict[str, dict[tuple, int]]:
    """What each person adds to a table's counts, built from the spells (`classified_exits` for the
    kind of each exit); checked against the unsuppressed table in `together`."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    sub = _sub(org, scope, by) if kind != "find" else unit_workforce(org, scope)
    spells = sub.spells
    adds: dict[str, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
    runs_on = lambda d: (pl.col("start_date") <= d) & (pl.col("end_date").is_null() | (pl.col("end_date") >= d))  # noqa: E731

    def add(frame, measure):
        for person, value in frame.select("person_id", "value").iter_rows():
            adds[person][(kind, scope, by, str(value), measure)] += 1

    if kind != "yr":
        present = spells.filter(runs_on(start) | pl.col("start_date").is_between(start, end)).with_columns(
            at=pl.max_horizontal("start_date", pl.lit(start)))
        add(category_at(sub, present, "at", by), "population")
        for day in (start, end):
            add(category_at(sub, spells.filter(runs_on(day)).with_columns(at=pl.lit(day)), "at", by), "stock2")
    leaving = spells.filter(pl.col("end_date").is_between(start, end))
    kinds = classified_exits(sub, leaving).select("person_id", "spell_no", "kind", "part")
    exits = category_at(sub, leaving, "end_date", by).select("person_id", "spell_no", "value").join(
        kinds, on=["person_id", "spell_no"], how="left")
    add(exits, "outflow")
    for name in EXIT_KINDS:
        add(exits.filter(pl.col("kind") == name), name)
    for name in PARTS:
        add(exits.filter(pl.col("part") == name), name)
    return adds


def _part(org, year: int, tables: list[tuple]) -> tuple:
    """The outflow tables as a `together` part: (adds, shown, truth, small)."""
    adds: dict[str, dict[tuple, int]] = defaultdict(dict)
    shown, truth, small = {}, {}, set()
    scale = years_in(date(year, 1, 1), date(year, 12, 31))
    for kind, scope, by, table, raw in tables:
        for person, numbers in _model(org, year, scope, by, kind).items():
            adds[person].update(numbers)
        real = {str(r["value"]): r for r in raw.iter_rows(named=True)}
        for r in table.iter_rows(named=True):
            t = real[str(r["value"])]
            measures = ("population", "stock2", *COUNTS) if kind != "yr" else COUNTS
            for m in measures:
                key = (kind, scope, by, str(r["value"]), m)
                truth[key] = round(2 * t["average_stock"]) if m == "stock2" else t[m]
                # the categories page multiplies the average stock by the period's years (1 here)
                stock = r["average_stock"] and round(2 * r["average_stock"] / (scale if kind == "win" else 1))
                shown[key] = None if r["suppressed"] else stock if m == "stock2" else r[m]
                if 0 < t["population"] < K:
                    small.add(key)
    return dict(adds), shown, truth, small


def _attack(employees: int, seed: int, tables) -> tuple[int, list]:
    org = organisation(employees=employees, seed=seed)
    hidden, found = 0, []
    for year in YEARS:
        n, got = together([*_pages(employees, seed, year).values(), _part(org, year, tables(org, year))])
        hidden += n
        found += [(year, *g) for g in got]
    return hidden, found


@cache
def _shown(employees: int, seed: int, year: int) -> list[tuple]:
    return _as_published(organisation(employees=employees, seed=seed), year)


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_the_year_pages_and_their_outflow_numbers_read_together_reveal_no_small_group(employees, seed):
    hidden, found = _attack(employees, seed, lambda org, year: _shown(employees, seed, year))
    print(f"ATTACK dashboards' outflow {employees}p seed {seed}: small hidden={hidden} recovered={len(found)}")
    assert hidden, "the organisations are small enough that something is hidden"
    assert found == []


@pytest.mark.parametrize("employees,seed", ORGS, ids=lambda p: str(p))
def test_no_outflow_row_of_a_small_group_is_shown(employees, seed):
    """The primary rule on every outflow row the pages read: 0 < people in the period < k."""
    shown, checked = [], 0
    for year in YEARS:
        for kind, scope, by, table, raw in _shown(employees, seed, year):
            small = {str(r["value"]) for r in raw.iter_rows(named=True) if 0 < r["population"] < K}
            checked += len(small)
            shown += [(year, kind, scope, by, r["value"]) for r in table.iter_rows(named=True)
                      if str(r["value"]) in small and not r["suppressed"]]
    assert checked and shown == []


def test_suppressed_table_by_table_the_outflow_numbers_give_small_groups_away():
    """Not vacuous: the same tables each through `privacy.suppress`, with the pages as published."""
    hidden, found = _attack(60, 1, _table_by_table)
    print(f"ATTACK dashboards' outflow table by table: small hidden={hidden} recovered={len(found)}")
    assert found
