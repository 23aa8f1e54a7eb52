"""Composition on the period's last day: headcount, the age pyramid, the generation and life-phase mix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from levensfase.analytics.categories import ordered
from levensfase.analytics.dashboard import composition_tables
from levensfase.analytics.findings.numbers import number
from levensfase.analytics.findings.sections import phases_findings
from levensfase.model.workforce import Workforce
from levensfase.web.ui import charts
from levensfase.web.ui.colours import colour
from levensfase.web.ui.labels import language, say, value_label
from levensfase.web.ui.tables import Panel, Row, Table, fmt, label_cell, value_cell

SEX_COLOURS = {"f": "#CC79A7", "m": "#0072B2"}


@dataclass(frozen=True)
class Composition:
    day: date
    headcount: int | None  # None when hidden
    panels: tuple[Panel, ...]


def composition(workforce: Workforce, *, day: date, unit: str | None, k: int) -> Composition:
    """`workforce` is the user's whole scope, `unit` the chosen subtree; the core protects every
    subtree's tables together, so a parent minus its children reveals nothing (DESIGN §6)."""
    tables = composition_tables(workforce, day=day, k=k, unit=unit, end=day)  # the period's last day
    panels = (_pyramid(tables.pyramid, day, k, tables.headcount),
              _mix(tables.mix["generation"], day, k, "generation", tables.headcount),
              _mix(tables.mix["life_phase"], day, k, "life_phase", tables.headcount))
    return Composition(day=day, headcount=tables.headcount, panels=panels)


def _share(count: int, total: int) -> str:
    return fmt(100 * count / total) + "%"


def _of_whom(headcount: int | None) -> str:
    """What a share is a share of: all the people (when their number is shown), else those shown."""
    if headcount is None:
        return _("of those shown")
    return _("of all %(total)s") % {"total": number(headcount, language())}


def _pyramid(shown: pl.DataFrame, day: date, kk: int, headcount: int | None) -> Panel:
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
        total = headcount or int(visible["headcount"].sum())
        takeaway = _("The largest age band on %(day)s is %(band)s years: %(count)s people, %(share)s %(of)s.") % {
            "day": date_format(day, "j F Y"), "band": band, "count": number(count, language()),
            "share": _share(count, total), "of": _of_whom(headcount)}
        figure = charts.pyramid(bands, series, x_title=_("people (women to the left)"), y_title=_("age band"))
    else:
        takeaway, figure = _("Too few people to show this chart without revealing individuals."), None
    columns = (str(_("age band")), *(value_label("sex", s) for s in sexes))
    return Panel(key="pyramid", title=_("Age pyramid"), takeaway=takeaway, figure=figure,
                 table=Table(caption=_("Headcount per age band and sex on %(day)s") % {"day": date_format(day, "j F Y")},
                             columns=columns, rows=tuple(rows)))


def _mix(result: pl.DataFrame, day: date, kk: int, by: str, headcount: int | None) -> Panel:
    """Generations partition the people: shares are of the headcount when it is shown, else of the
    people shown. Life phases overlap (a person counts in every phase that applies): shares are of
    the headcount, and only when the headcount itself is shown (else a share would give it away)."""
    if by == "life_phase":
        title, caption = _("Life-phase mix"), _("Headcount per life phase on %(day)s (phases overlap)")
        total = headcount or 0
    else:
        title, caption = _("Generation mix"), _("Headcount per generation on %(day)s")
        total = headcount or int(result.filter(~pl.col("suppressed"))["headcount"].sum() or 0)
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
        share = _share(values[top], total) if total else number(values[top], language())
        if by == "life_phase":  # phases overlap: the core's sentence says so
            takeaway = " ".join((_("Most people are in the life phase “%(name)s”: %(share)s.") % {
                "name": labels[top], "share": share}, say(phases_findings({})[0])))
        else:
            takeaway = _("The largest generation is %(name)s: %(share)s %(of)s.") % {
                "name": labels[top], "share": share, "of": _of_whom(headcount)}
        figure = charts.bars(labels, values, colours, x_title=str(_("life phase") if by == "life_phase" else _("generation")),
                             y_title=_("people"))
    else:
        takeaway, figure = _("Too few people to show this chart without revealing individuals."), None
    head = _("life phase") if by == "life_phase" else _("generation")
    return Panel(key=by, title=title, takeaway=takeaway, figure=figure,
                 table=Table(caption=caption % {"day": date_format(day, "j F Y")},
                             columns=(str(head), str(_("people")), str(_("share"))), rows=tuple(rows)))
