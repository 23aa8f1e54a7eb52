"""Composition on the period's last day: headcount, the age pyramid, the generation and life-phase mix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from levensfase.analytics.categories import ordered
from levensfase.analytics.composition import age_pyramid, snapshot, unit_tree
from levensfase.analytics.privacy import suppress
from levensfase.model.workforce import Workforce
from levensfase.web.dashboards import charts
from levensfase.web.dashboards.selectors.common import PHASE_COLOURS, colour, k, phase_on, value_label
from levensfase.web.dashboards.tables import fmt, Panel, Row, Table, label_cell, value_cell

SEX_COLOURS = {"f": "#CC79A7", "m": "#0072B2"}


@dataclass(frozen=True)
class Composition:
    day: date
    headcount: int | None  # None when the scope is smaller than k
    panels: tuple[Panel, ...]


def composition(workforce: Workforce, *, day: date, scope: Workforce | None = None, unit: str = "") -> Composition:
    """`workforce` is what the charts count (the chosen unit's subtree); the headcount figure is
    read from the suppressed unit tree of the whole `scope`, because the unit filter lets a user
    see a parent and its children one after the other (DESIGN §6)."""
    kk = k()
    people = workforce.assignments.filter(
        (pl.col("start_date") <= day) & (pl.col("end_date").is_null() | (pl.col("end_date") >= day))
    ).get_column("person_id").n_unique()
    shown = tree_headcounts(scope if scope is not None else workforce, day=day, k=kk)
    headcount = people if shown.get(unit or None, False) else None
    panels = (_pyramid(workforce, day, kk), _mix(workforce, day, kk, "generation"), _mix(workforce, day, kk, "life_phase"))
    return Composition(day=day, headcount=headcount, panels=panels)


def tree_headcounts(workforce: Workforce, *, day: date, k: int) -> dict[str | None, bool]:
    """Whether the headcount of each unit subtree (and of the whole scope, key None) may be shown.

    Each parent's people are its own staff plus its children's, so the tree is one system of sum
    relations: `suppress` with parent/group withholds companions so that no subtree can be worked
    out from its parent and siblings. The own staff of a parent is a row of its own.
    """
    tree = unit_tree(workforce, on=day)
    parents = set(tree["parent_id"].drop_nulls().to_list())
    rows = [(u, p, int(h)) for u, p, h in tree.select("unit_id", "parent_id", "headcount").iter_rows()]
    rows += [(f"{u}\x00own", u, int(o)) for u, o in tree.select("unit_id", "own_headcount").iter_rows() if u in parents]
    table = pl.DataFrame(rows, schema={"group": pl.String, "parent": pl.String, "population": pl.Int64}, orient="row")
    result = suppress(table, k=k, values=[], parent="parent", group="group")
    shown: dict[str | None, bool] = dict(zip(result.table["group"].to_list(), (~result.table["suppressed"]).to_list()))
    roots = tree.filter(pl.col("parent_id").is_null() | ~pl.col("parent_id").is_in(tree["unit_id"].to_list()))
    total = int(roots["headcount"].sum())
    shown[None] = not result.total_withheld and (total >= k or total == 0)  # the total is a group too
    return shown


def _share(count: int, total: int) -> str:
    return fmt(100 * count / total) + "%"


def _pyramid(workforce: Workforce, day: date, kk: int) -> Panel:
    table = age_pyramid(workforce, on=day).with_columns(pl.col("headcount").cast(pl.Int64))
    result = suppress(table, k=kk, population="headcount", values=[], has_total=True)
    shown = result.table
    bands = ordered(shown.select(pl.col("age_band").unique().alias("value")), by="age_band")["value"].to_list()
    sexes = [s for s in ("f", "m", "x", "onbekend") if s in shown["sex"].to_list()]
    cell = {(r["age_band"], r["sex"]): r for r in shown.iter_rows(named=True)}
    rows = []
    for band in bands:
        cells = [label_cell(band)]
        for sex in sexes:
            r = cell.get((band, sex))
            cells.append(value_cell(r["headcount"] if r else 0, suppressed=bool(r and r["suppressed"]), k=kk))
        rows.append(Row(tuple(cells)))
    series = []
    for sex in sexes:
        values = [None if (b, sex) not in cell or cell[(b, sex)]["suppressed"] else cell[(b, sex)]["headcount"] for b in bands]
        sign = -1 if sex == "f" else 1
        series.append((value_label("sex", sex), values, SEX_COLOURS.get(sex, "#999999"), sign))
    visible = shown.filter(~pl.col("suppressed"))
    if visible.height:
        per_band = visible.group_by("age_band").agg(pl.col("headcount").sum()).sort("headcount", descending=True)
        band, count = per_band.row(0)
        total = int(visible["headcount"].sum())
        takeaway = _("The largest age band on %(day)s is %(band)s years: %(count)s people, %(share)s of those shown.") % {
            "day": date_format(day, "j F Y"), "band": band, "count": count, "share": _share(count, total)}
        figure = charts.pyramid(bands, series, x_title=_("people (women to the left)"), y_title=_("age band"))
    else:
        takeaway, figure = _("Too few people to show this chart without revealing individuals."), None
    columns = (str(_("age band")), *(value_label("sex", s) for s in sexes))
    return Panel(key="pyramid", title=_("Age pyramid"), takeaway=takeaway, figure=figure,
                 table=Table(caption=_("Headcount per age band and sex on %(day)s") % {"day": date_format(day, "j F Y")},
                             columns=columns, rows=tuple(rows)))


def _mix(workforce: Workforce, day: date, kk: int, by: str) -> Panel:
    if by == "life_phase":
        table = phase_on(workforce, day).group_by("value").len("headcount")
        title, caption = _("Life-phase mix"), _("Headcount per life phase on %(day)s")
    else:
        table = snapshot(workforce, on=day, by=by).select("value", "headcount")
        title, caption = _("Generation mix"), _("Headcount per generation on %(day)s")
    table = ordered(table.with_columns(pl.col("headcount").cast(pl.Int64)), by=by)
    if by == "life_phase":
        phase_order = list(PHASE_COLOURS)
        table = table.sort(pl.col("value").replace_strict(phase_order, list(range(len(phase_order))), default=99))
    result = suppress(table, k=kk, population="headcount", values=[], has_total=True).table
    total = int(result["headcount"].sum() or 0)
    rows, labels, values, colours = [], [], [], []
    for i, r in enumerate(result.iter_rows(named=True)):
        name = value_label(by, r["value"])
        share = None if r["suppressed"] or not total else 100 * r["headcount"] / total
        rows.append(Row((label_cell(name), value_cell(r["headcount"], suppressed=r["suppressed"], k=kk),
                         value_cell(share, suppressed=r["suppressed"], k=kk, percent=True))))
        if not r["suppressed"]:
            labels.append(name)
            values.append(r["headcount"])
            colours.append(colour(by, r["value"], i))
    if values:
        top = max(range(len(values)), key=values.__getitem__)
        template = (_("Most people are in the life phase “%(name)s”: %(share)s.") if by == "life_phase"
                    else _("The largest generation is %(name)s: %(share)s of the people shown."))
        takeaway = template % {"name": labels[top], "share": _share(values[top], total)}
        figure = charts.bars(labels, values, colours, x_title=str(_("life phase") if by == "life_phase" else _("generation")),
                             y_title=_("people"))
    else:
        takeaway, figure = _("Too few people to show this chart without revealing individuals."), None
    head = _("life phase") if by == "life_phase" else _("generation")
    return Panel(key=by, title=title, takeaway=takeaway, figure=figure,
                 table=Table(caption=caption % {"day": date_format(day, "j F Y")},
                             columns=(str(head), str(_("people")), str(_("share"))), rows=tuple(rows)))
