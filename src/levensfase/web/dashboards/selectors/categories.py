"""The "which categories?" page: every group of one category side by side — headcount at the
start and end of the period, instroom, doorstroom, uitstroom, verloop and 2-year retention —
with the groups the organisation is losing or not moving marked against its own average."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
from django.utils.translation import gettext as _

from levensfase.analytics.dashboard import Average, unit_workforce
from levensfase.analytics.dashboard import category_table as core_category_table
from levensfase.analytics.privacy import is_small
from levensfase.analytics.retention import retention_summary
from levensfase.model.workforce import Workforce
from levensfase.web.dashboards import charts
from levensfase.web.dashboards.filters import CATEGORY_LABELS
from levensfase.web.dashboards.selectors.common import unit_names, value_label
from levensfase.web.dashboards.selectors.retention import cohort
from levensfase.web.dashboards.tables import fmt, Cell, Panel, Row, Table, label_cell, value_cell

LOSING = 1.25  # turnover at least this many times the organisation's: "we are losing them"
STUCK = 0.5  # doorstroom at most this share of the organisation's: "we are not moving them"


def category_table(workforce: Workforce, *, start: date, end: date, by: str, k: int,
                   unit: str | None = None) -> tuple[pl.DataFrame, Average | None]:
    """The core's protected table for the page, with the 2-year retention of each group's cohort."""
    sub = unit_workforce(workforce, unit)
    frame = cohort(sub, start=start, end=end, by=by)
    if frame.height:
        kept = retention_summary(frame, by="value").select("value", pl.col("population").alias("cohort"),
                                                           pl.col("survival_2y").mul(100).alias("retention_2y"))
    else:
        kept = pl.DataFrame(schema={"value": pl.String, "cohort": pl.Int64, "retention_2y": pl.Float64})
    table, average = core_category_table(workforce, start=start, end=end, by=by, k=k, unit=unit,
                                         retention=kept.with_columns(pl.col("cohort").cast(pl.Int64)))
    if average is None:
        return table, None
    everyone = retention_summary(frame, by=None) if frame.height else None
    retention = None
    if everyone is not None and everyone["survival_2y"][0] is not None and not is_small(frame["person_id"].n_unique(), k):
        retention = 100 * everyone["survival_2y"][0]
    return table, Average(turnover_rate=average.turnover_rate, doorstroom_rate=average.doorstroom_rate,
                          retention_2y=retention)


def _flag(row: dict, average: Average | None) -> str:
    if average is None or row["suppressed"]:
        return ""
    if average.turnover_rate and row["turnover_rate"] is not None and row["turnover_rate"] >= LOSING * average.turnover_rate:
        return "losing"
    if average.doorstroom_rate and row["doorstroom_rate"] is not None and row["doorstroom_rate"] <= STUCK * average.doorstroom_rate:
        return "stuck"
    return ""


def categories_panel(workforce: Workforce, *, start: date, end: date, by: str, k: int, unit: str | None = None) -> Panel:
    kk = k
    names = unit_names(workforce)
    table, average = category_table(workforce, start=start, end=end, by=by, k=k, unit=unit)
    rows, losing, stuck = [], [], []
    labels, turnover, doorstroom = [], [], []
    for r in table.iter_rows(named=True):
        s, name, flag = r["suppressed"], value_label(by, r["value"], names=names), _flag(r, average)
        (losing if flag == "losing" else stuck if flag == "stuck" else []).append(name)
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
    takeaway = _takeaway(losing, stuck, average, by)
    figure = None
    if labels:
        fig = go.Figure([
            go.Bar(x=labels, y=turnover, name=str(_("turnover %")), marker={"color": "#D55E00"}),
            go.Bar(x=labels, y=doorstroom, name=str(_("doorstroom %")), marker={"color": "#0072B2",
                   "pattern": {"shape": "/", "fgcolor": "#ffffff"}}),
        ])
        if average is not None and average.turnover_rate is not None:
            fig.add_hline(y=average.turnover_rate, line={"color": "#D55E00", "dash": "dash"},
                          annotation_text=str(_("average turnover")), annotation_position="top left")
        fig.update_yaxes(ticksuffix="%")
        figure = charts._layout(fig, x_title=str(CATEGORY_LABELS[by]), y_title=str(_("percentage of average headcount")))
    columns = (str(CATEGORY_LABELS[by]), str(_("headcount start → end")), str(_("inflow")), str(_("doorstroom")),
               str(_("outflow")), str(_("turnover %")), str(_("doorstroom %")), str(_("2-year retention")), str(_("signal")))
    return Panel(key="categories", title=_("Which categories are we losing or not moving?"), takeaway=takeaway,
                 figure=figure, table=Table(caption=_("Per %(category)s, %(start)s to %(end)s") % {
                     "category": CATEGORY_LABELS[by], "start": start.isoformat(), "end": end.isoformat()},
                     columns=columns, rows=tuple(rows)))


def _takeaway(losing: list[str], stuck: list[str], average: Average | None, by: str) -> str:
    if average is None:
        return _("Too few people to compare groups without revealing individuals.")
    rate = "–" if average.turnover_rate is None else fmt(average.turnover_rate) + "%"
    if losing:
        return _("We are losing %(groups)s: their turnover is well above the average of %(rate)s.") % {
            "groups": ", ".join(losing), "rate": rate}
    if stuck:
        return _("No group leaves much faster than average (%(rate)s), but %(groups)s hardly move internally.") % {
            "groups": ", ".join(stuck), "rate": rate}
    return _("No %(category)s stands out: turnover and doorstroom are close to the average (%(rate)s turnover).") % {
        "category": CATEGORY_LABELS[by], "rate": rate}
