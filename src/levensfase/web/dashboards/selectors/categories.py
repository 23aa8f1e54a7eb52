"""The "which categories?" page: every group of one category side by side — headcount at the
start and end of the period, instroom, doorstroom, uitstroom, verloop per year and 2-year
retention. The group we are losing (highest influenceable outflow per year: retirement at the AOW
date is the pension wave, not a loss) and the group not moving (lowest doorstroom) are named by
the core's findings (DESIGN §4, §6a): only with ≥ 20 people and a separate 95% interval."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
from django.utils.translation import gettext as _

from levensfase.analytics.absence import years_in
from levensfase.analytics.categories import CATEGORIES, UNKNOWN
from levensfase.analytics.dashboard import Average, category_table as core_category_table, unit_workforce
from levensfase.analytics.findings.dashboards import losing_group_finding, outflow_not_split_finding, share_group_finding
from levensfase.analytics.findings.finding import Finding
from levensfase.analytics.findings.words import BY_LABEL
from levensfase.analytics.privacy import is_small
from levensfase.analytics.protected_retention import ALL
from levensfase.analytics.protected_year_outflow import outflow_window_table
from levensfase.analytics.protected_retention_two_years import two_year_hidden
from levensfase.analytics.retention_years import whole_years, yearly_steps
from levensfase.model.workforce import Workforce
from levensfase.web.dashboards.selectors.retention import cohort
from levensfase.web.ui import charts
from levensfase.web.ui.dates import day as table_day  # dates as tables show them
from levensfase.web.ui.filters import CATEGORY_LABELS
from levensfase.web.ui.labels import finding_labels, say, value_label
from levensfase.web.ui.reads import unit_names
from levensfase.web.ui.tables import Cell, Panel, Row, Table, label_cell, value_cell

def category_table(workforce: Workforce, *, start: date, end: date, by: str, k: int,
                   unit: str | None = None) -> tuple[pl.DataFrame, Average | None]:
    """The core's protected table for the page, with the 2-year retention of each group's cohort:
    its people on `start` and their leavers by the second anniversary, the retention page's yearly
    step, protected with that page's set (analytics.protected_retention_two_years)."""
    sub = unit_workforce(workforce, unit)
    frame = cohort(sub, start=start, end=end, by=by)
    two = whole_years(start, end) >= 2
    steps = yearly_steps(frame, start=start, end=end) if frame.height else {}
    kept = pl.DataFrame([{"value": UNKNOWN if v is None else v, "cohort": s.population,
                          "retention_2y": 100 * s.survival(2) if two else None} for v, s in steps.items()],
                        schema={"value": pl.String, "cohort": pl.Int64, "retention_2y": pl.Float64})
    table, average = core_category_table(workforce, start=start, end=end, by=by, k=k, unit=unit, retention=kept)
    hidden = two_year_hidden(workforce, start=start, by=by, k=k, end=end) if two else frozenset()
    scope = unit or None
    linked = pl.Series([(scope, None if v == UNKNOWN else v) in hidden for v in table["value"].to_list()],
                       dtype=pl.Boolean)
    table = table.with_columns(retention_suppressed=pl.col("retention_suppressed") | linked).with_columns(
        pl.when(pl.col("retention_suppressed")).then(None).otherwise(pl.col("retention_2y")).alias("retention_2y"))
    if average is None:
        return table, None
    people = frame["person_id"].n_unique()
    retention = None
    if two and people and not is_small(people, k) and (scope, ALL) not in hidden:
        gone = frame.filter(pl.col("year") <= 2)["person_id"].n_unique()  # by the second anniversary
        retention = 100 * (1 - gone / people)
    return table, Average(turnover_rate=average.turnover_rate, doorstroom_rate=average.doorstroom_rate,
                          retention_2y=retention)


def per_year(table: pl.DataFrame, average: Average | None, *, start: date, end: date
             ) -> tuple[pl.DataFrame, Average | None]:
    """Turnover and doorstroom per year (÷ the period's length in years, DESIGN §4): the page sits
    beside the yearly figures of the other pages."""
    years = years_in(start, end)
    table = table.with_columns(pl.col("turnover_rate", "doorstroom_rate") / years)
    if average is None:
        return table, None
    per = lambda v: None if v is None else v / years  # noqa: E731
    return table, Average(turnover_rate=per(average.turnover_rate), doorstroom_rate=per(average.doorstroom_rate),
                          retention_2y=average.retention_2y)


def influenceable_table(workforce: Workforce, *, start: date, end: date, by: str, k: int, unit: str | None,
                        published: set[str]) -> pl.DataFrame:
    """Influenceable outflow per group (withheld as the core decides: one whole year with the year's
    pages, `protected_year_outflow`), kept only for groups the page's own table publishes; the
    average stock is multiplied by the years, so rates are per year."""
    table = outflow_window_table(workforce, start=start, end=end, by=by, k=k, unit=unit)
    return table.with_columns(pl.col("suppressed") | ~pl.col("value").is_in(list(published)),
                              pl.col("average_stock") * years_in(start, end))


def findings(workforce: Workforce, table: pl.DataFrame, *, start: date, end: date, by: str, k: int,
             unit: str | None, labels: dict[str, tuple[str, str]]) -> tuple[Finding, Finding]:
    """Whom we are losing (influenceable outflow per year) and whom we are not moving (the lowest
    share of people with an internal move in the period), among the published groups."""
    # A rate rests on the headcounts of the first and last day: only groups whose turnover the
    # table itself shows (neither the flows nor those headcounts hidden) take part in "losing".
    published = {str(r["value"]) for r in table.iter_rows(named=True)
                 if not r["suppressed"] and r["turnover_rate"] is not None}
    if by in CATEGORIES:
        outflow = influenceable_table(workforce, start=start, end=end, by=by, k=k, unit=unit, published=published)
        losing = losing_group_finding(outflow, labels=labels, section="categories")
    else:
        losing = outflow_not_split_finding(BY_LABEL["nl"].get(by, by), BY_LABEL["en"].get(by, by))
    moves = table.filter(~pl.col("suppressed") & pl.col("population").is_not_null()).with_columns(
        pl.min_horizontal("internal_mobility", "population").alias("internal_mobility"))
    stuck = share_group_finding(moves, count="internal_mobility", n="population", which="lowest",
                                section="categories", labels=labels,
                                measure=("Het aandeel met een interne overstap in de periode",
                                         "The share with an internal move in the period"))
    return losing, stuck


def _flags(losing: Finding, stuck: Finding) -> dict[str, str]:
    flags = {}
    if stuck.kind == "lowest":
        flags[stuck.numbers["group"]] = "stuck"
    if losing.kind == "highest":
        flags[losing.numbers["group"]] = "losing"
    return flags


def categories_panel(workforce: Workforce, *, start: date, end: date, by: str, k: int, unit: str | None = None) -> Panel:
    kk = k
    names = unit_names(workforce)
    table, average = category_table(workforce, start=start, end=end, by=by, k=k, unit=unit)
    table, average = per_year(table, average, start=start, end=end)
    losing = stuck = None
    if average is not None:
        words = finding_labels(by, table["value"].to_list(), names=names)
        losing, stuck = findings(workforce, table, start=start, end=end, by=by, k=k, unit=unit, labels=words)
    flags = {} if average is None else _flags(losing, stuck)
    rows = []
    labels, turnover, doorstroom = [], [], []
    for r in table.iter_rows(named=True):
        s, name, flag = r["suppressed"], value_label(by, r["value"], names=names), flags.get(str(r["value"]), "")
        ends = [value_cell(r[c], suppressed=r[f"{side}_suppressed"], k=kk).text
                for c, side in (("headcount_start", "start"), ("headcount_end", "end"))]
        trend = (value_cell(None, suppressed=True, k=kk) if r["start_suppressed"] and r["end_suppressed"]
                 else Cell(text=f"{ends[0]} → {ends[1]}", suppressed=r["start_suppressed"] or r["end_suppressed"]))
        rows.append(Row((label_cell(name), trend, *(value_cell(r[c], suppressed=s, k=kk) for c in
                                                     ("inflow", "internal_mobility", "outflow_total")),
                         value_cell(r["turnover_rate"], suppressed=r["turnover_rate"] is None and s, k=kk, percent=True),
                         value_cell(r["doorstroom_rate"], suppressed=r["doorstroom_rate"] is None and s, k=kk, percent=True),
                         value_cell(r["retention_2y"], suppressed=s or r["retention_suppressed"], k=kk, percent=True),
                         label_cell({"losing": _("losing"), "stuck": _("not moving")}.get(flag, ""))), flag=flag))
        if not s and r["turnover_rate"] is not None:
            labels.append(name)
            turnover.append(r["turnover_rate"])
            doorstroom.append(r["doorstroom_rate"])
    if average is not None:
        rows.append(Row((label_cell(_("average of the selection")), label_cell(""), label_cell(""), label_cell(""), label_cell(""),
                         value_cell(average.turnover_rate, suppressed=False, k=kk, percent=True),
                         value_cell(average.doorstroom_rate, suppressed=False, k=kk, percent=True),
                         value_cell(average.retention_2y, suppressed=False, k=kk, percent=True), label_cell("")), flag="total"))
    takeaway = (say(losing, stuck) if average is not None
                else _("Too few people to compare groups without revealing individuals."))
    figure = None
    if labels:
        fig = go.Figure([
            go.Bar(x=labels, y=turnover, name=str(_("turnover % per year")), marker={"color": "#D55E00"}),
            go.Bar(x=labels, y=doorstroom, name=str(_("doorstroom % per year")), marker={"color": "#0072B2",
                   "pattern": {"shape": "/", "fgcolor": "#ffffff"}}),
        ])
        if average is not None and average.turnover_rate is not None:
            fig.add_hline(y=average.turnover_rate, line={"color": "#D55E00", "dash": "dash"},
                          annotation_text=str(_("average turnover")), annotation_position="top left")
        fig.update_yaxes(ticksuffix="%")
        figure = charts._layout(fig, x_title=str(CATEGORY_LABELS[by]), y_title=str(_("percentage of average headcount per year")))
    columns = (str(CATEGORY_LABELS[by]), str(_("headcount start → end")), str(_("inflow")), str(_("doorstroom")),
               str(_("outflow")), str(_("turnover % per year")), str(_("doorstroom % per year")),
               str(_("2-year retention")), str(_("signal")))
    return Panel(key="categories", title=_("Which categories are we losing or not moving?"), takeaway=takeaway,
                 figure=figure, table=Table(caption=_("Per %(category)s, %(start)s to %(end)s") % {
                     "category": CATEGORY_LABELS[by], "start": table_day(start), "end": table_day(end)},
                     columns=columns, rows=tuple(rows)))

