"""Flows: a Sankey of instroom → units → uitstroom (by exit reason) over the period, and
verloop / instroom / doorstroom rates per category for each year of the period."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.utils.translation import gettext as _

from levensfase.analytics.categories import CATEGORIES
from levensfase.analytics.dashboard import period_table, unit_workforce, yearly_rates
from levensfase.analytics.findings.dashboards import (
    influenceable_outflow_findings, losing_group_finding, outflow_not_split_finding,
)
from levensfase.analytics.findings.words import BY_LABEL
from levensfase.analytics.protected_year_outflow import outflow_year_table as core_outflow_year_table
from levensfase.model.schema import END_REASONS
from levensfase.model.workforce import Workforce
from levensfase.web.ui import charts
from levensfase.web.ui.colours import REASON_COLOURS, colour
from levensfase.web.ui.dates import day as table_day  # dates as tables show them
from levensfase.web.ui.filters import CATEGORY_LABELS
from levensfase.web.ui.labels import LABELS, finding_labels, say, value_label
from levensfase.web.ui.reads import unit_names
from levensfase.web.ui.tables import Panel, Row, Table, label_cell, value_cell


def sankey_panel(workforce: Workforce, *, start: date, end: date, unit: str | None, k: int) -> Panel:
    """Per unit on the chart's level: instroom into it and uitstroom out of it by exit reason;
    hidden as the core decides (small units, companions, overlapping periods; DESIGN §6)."""
    kk = k
    names = unit_names(workforce)
    result, total_shown = period_table(workforce, start=start, end=end, by="unit", k=k, unit=unit)
    reasons = [r for r in END_REASONS if r in LABELS]
    shown = result.filter(~pl.col("suppressed"))
    nodes, colours, links = [str(_("Inflow"))], ["#0072B2"], []
    reason_node = {}
    for r in reasons:
        reason_node[r] = len(nodes)
        nodes.append(_("Outflow: %(reason)s") % {"reason": LABELS[r]})
        colours.append(REASON_COLOURS[r])
    for row in shown.iter_rows(named=True):
        unit_node = len(nodes)
        nodes.append(names.get(row["value"], row["value"]))
        colours.append("#00536b")
        if row["inflow"]:
            links.append((0, unit_node, row["inflow"]))
        for r in reasons:
            if row[f"outflow_{r}"]:
                links.append((unit_node, reason_node[r], row[f"outflow_{r}"]))
    columns = (str(_("unit")), str(_("people in the period")), str(_("inflow")), str(_("doorstroom")),
               str(_("outflow")), *(str(LABELS[r]) for r in reasons))
    rows = []
    for row in result.iter_rows(named=True):
        s = row["suppressed"]
        rows.append(Row((label_cell(names.get(row["value"], row["value"])),
                         *(value_cell(row[c], suppressed=s, k=kk) for c in
                           ("population", "inflow", "internal_mobility", "outflow_total", *(f"outflow_{r}" for r in reasons))))))
    if links and total_shown:
        # The headline is the period's influenceable outflow (DESIGN §4): retirement at the AOW
        # date is the pension wave and the employer's own exits are named apart.
        takeaway = say(influenceable_outflow_findings(workforce, start=start, end=end, k=k, unit=unit)[0])
        figure = charts.sankey(nodes, colours, links)
    elif links:
        takeaway, figure = _("Too few people to show the total without revealing individuals."), charts.sankey(
            nodes, colours, links)
    else:
        takeaway, figure = _("Too few people to show this chart without revealing individuals."), None
    return Panel(key="sankey", title=_("Inflow → units → outflow"), takeaway=takeaway, figure=figure,
                 table=Table(caption=_("Inflow, doorstroom and outflow per unit, %(start)s to %(end)s") % {
                     "start": table_day(start), "end": table_day(end)}, columns=columns, rows=tuple(rows)))


def rates_panel(workforce: Workforce, *, first_year: int, last_year: int, end: date, by: str, unit: str | None,
                k: int) -> Panel:
    kk = k
    names = unit_names(workforce)
    table = yearly_rates(workforce, first_year=first_year, last_year=last_year, end=end, by=by, k=k, unit=unit)
    years = list(range(first_year, last_year + 1))
    values = list(dict.fromkeys(table["value"].to_list()))
    cell = {(r["year"], r["value"]): r for r in table.iter_rows(named=True)}
    series = []
    for i, value in enumerate(values):
        points = [None if (y, value) not in cell or cell[(y, value)]["suppressed"] else cell[(y, value)]["turnover_rate"]
                  for y in years]
        if any(p is not None for p in points):
            series.append((value_label(by, value, names=names), points, colour(by, value, i)))
    rows = []  # one row per group, turnover per year: the numbers of the chart
    for value in values:
        cells = [label_cell(value_label(by, value, names=names))]
        for y in years:
            r = cell.get((y, value))
            cells.append(value_cell(r["turnover_rate"] if r else None, suppressed=bool(r and r["suppressed"]), k=kk,
                                    percent=True))
        rows.append(Row(tuple(cells)))
    last = table.filter((pl.col("year") == last_year) & ~pl.col("suppressed") & pl.col("turnover_rate").is_not_null())
    if last.height:
        takeaway = say(losing_in_year(workforce, year=last_year, end=end, by=by, unit=unit, k=k,
                                      published=set(last["value"].cast(pl.String).to_list()), names=names))
    else:
        takeaway = _("Too few people to show this chart without revealing individuals.")
    figure = charts.lines(years, series, x_title=_("year"), y_title=_("turnover rate"), percent=True) if series else None
    columns = (str(CATEGORY_LABELS[by]), *(str(y) for y in years))
    return Panel(key="rates", title=_("Turnover per category over the years"), takeaway=takeaway, figure=figure,
                 table=Table(caption=_("Turnover per 100 of average headcount, per year"), columns=columns,
                             rows=tuple(rows)))


def losing_in_year(workforce: Workforce, *, year: int, end: date, by: str, unit: str | None, k: int,
                   published: set[str], names: dict[str, str]):
    """The group with the highest influenceable outflow in `year` (the core's finding), among the
    groups this panel publishes for that year."""
    if by not in CATEGORIES:
        return outflow_not_split_finding(BY_LABEL["nl"].get(by, by), BY_LABEL["en"].get(by, by), section="flows")
    table = outflow_year_table(workforce, year=year, end=end, by=by, unit=unit, k=k, published=published)
    return losing_group_finding(table, labels=finding_labels(by, table["value"].to_list(), names=names))


def outflow_year_table(workforce: Workforce, *, year: int, end: date, by: str, unit: str | None, k: int,
                       published: set[str]) -> pl.DataFrame:
    """The exits per kind of `year` per group (the finding's numbers, withheld as the core decides),
    kept only for the groups the panel publishes."""
    table = core_outflow_year_table(workforce, year=year, end=end, by=by, k=k, unit=unit)
    return table.with_columns(pl.col("suppressed") | ~pl.col("value").cast(pl.String).is_in(list(published)))
