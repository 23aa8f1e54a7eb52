"""The "which categories?" page: every group of one category side by side — headcount at the
start and end of the period, instroom, doorstroom, uitstroom, verloop and 2-year retention —
with the groups the organisation is losing or not moving marked against its own average."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
import polars as pl
from django.utils.translation import gettext as _

from levensfase.analytics.metrics import period_metrics
from levensfase.analytics.privacy import suppress
from levensfase.analytics.retention import retention_summary
from levensfase.model.workforce import Workforce
from levensfase.web.dashboards import charts
from levensfase.web.dashboards.filters import CATEGORY_LABELS
from levensfase.web.dashboards.selectors.common import k, period_counts, unit_names, value_label
from levensfase.web.dashboards.selectors.retention import cohort
from levensfase.web.dashboards.tables import fmt, Cell, Panel, Row, Table, label_cell, value_cell

LOSING = 1.25  # turnover at least this many times the organisation's: "we are losing them"
STUCK = 0.5  # doorstroom at most this share of the organisation's: "we are not moving them"
VALUES = ["headcount_start", "headcount_end", "inflow", "internal_mobility", "outflow_total", "turnover_rate",
          "doorstroom_rate", "retention_2y"]


@dataclass(frozen=True)
class Average:
    turnover_rate: float | None
    doorstroom_rate: float | None
    retention_2y: float | None


def _rates(frame: pl.DataFrame) -> pl.DataFrame:
    average = (pl.col("headcount_start") + pl.col("headcount_end")) / 2
    rate = lambda c: pl.when(average > 0).then(100 * pl.col(c) / average).otherwise(None)  # noqa: E731
    return frame.with_columns(turnover_rate=rate("outflow_total"), doorstroom_rate=rate("internal_mobility"))


def category_table(workforce: Workforce, *, start: date, end: date, by: str) -> tuple[pl.DataFrame, Average | None]:
    """One suppressed row per group (plus retention_suppressed: the 2-year cohort is below k) and the
    organisation average, or None when the total must be withheld."""
    kk = k()
    counts = _rates(period_counts(workforce, by=by, start=start, end=end))
    frame = cohort(workforce, start=start, end=end, by=by)
    if frame.height:
        kept = retention_summary(frame, by="value").select("value", pl.col("population").alias("cohort"),
                                                           pl.col("survival_2y").mul(100).alias("retention_2y"))
    else:
        kept = pl.DataFrame(schema={"value": pl.String, "cohort": pl.Int64, "retention_2y": pl.Float64})
    table = counts.join(kept, on="value", how="left").with_columns(
        pl.col("population").cast(pl.Int64),
        retention_suppressed=pl.col("cohort").fill_null(0).is_between(1, kk - 1),
    )
    table = table.with_columns(
        retention_2y=pl.when(pl.col("retention_suppressed")).then(None).otherwise(pl.col("retention_2y"))
    ).select("value", "population", *VALUES, "retention_suppressed")
    result = suppress(table, k=kk, values=VALUES)
    if result.total_withheld:
        return result.table, None
    m = period_metrics(workforce, start=start, end=end)
    average_headcount = m.average_headcount
    everyone = retention_summary(frame, by=None) if frame.height else None
    retention = None
    if everyone is not None and everyone["survival_2y"][0] is not None:
        retention = 100 * everyone["survival_2y"][0]
    return result.table, Average(
        turnover_rate=m.turnover_rate,
        doorstroom_rate=100 * m.internal_mobility / average_headcount if average_headcount else None,
        retention_2y=retention,
    )


def _flag(row: dict, average: Average | None) -> str:
    if average is None or row["suppressed"]:
        return ""
    if average.turnover_rate and row["turnover_rate"] is not None and row["turnover_rate"] >= LOSING * average.turnover_rate:
        return "losing"
    if average.doorstroom_rate and row["doorstroom_rate"] is not None and row["doorstroom_rate"] <= STUCK * average.doorstroom_rate:
        return "stuck"
    return ""


def categories_panel(workforce: Workforce, *, start: date, end: date, by: str) -> Panel:
    kk = k()
    names = unit_names(workforce)
    table, average = category_table(workforce, start=start, end=end, by=by)
    rows, losing, stuck = [], [], []
    labels, turnover, doorstroom = [], [], []
    for r in table.iter_rows(named=True):
        s, name, flag = r["suppressed"], value_label(by, r["value"], names=names), _flag(r, average)
        (losing if flag == "losing" else stuck if flag == "stuck" else []).append(name)
        trend = Cell(text=f"{r['headcount_start']} → {r['headcount_end']}") if not s else value_cell(None, suppressed=True, k=kk)
        rows.append(Row((label_cell(name), trend, *(value_cell(r[c], suppressed=s, k=kk) for c in
                                                     ("inflow", "internal_mobility", "outflow_total")),
                         value_cell(r["turnover_rate"], suppressed=s, k=kk, percent=True),
                         value_cell(r["doorstroom_rate"], suppressed=s, k=kk, percent=True),
                         value_cell(r["retention_2y"], suppressed=s or r["retention_suppressed"], k=kk, percent=True),
                         label_cell({"losing": _("losing"), "stuck": _("not moving")}.get(flag, ""))), flag=flag))
        if not s:
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
